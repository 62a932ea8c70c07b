import { useState, useSyncExternalStore } from 'react';
import { createSignInFlow, signInView } from '../core/index.ts';
import { useAuthContext } from './AuthContext.ts';

/** Options of {@link useSignInFlow}. */
export interface UseSignInFlowOptions {
  /** The first form. @default 'signIn' */
  mode?: 'signIn' | 'signUp';
  /** Re-verify the signed-in user with their password (step-up) instead of signing in. @default false */
  asSecondFactor?: boolean;
}

/**
 * Email and password sign-in or sign-up over the framework-free sign-in flow (`createSignInFlow` in
 * `factorkit/core`): the fields checked before anything is sent, the backend's field errors read as
 * problems (`required`, `emailInvalid`, `emailExists`, `passwordTooWeak`, or its own sentence), and why
 * it said no. Signing in does not navigate: when `state.signedIn`, run `useContinue()`.
 */
export function useSignInFlow(options: UseSignInFlowOptions = {}) {
  const { client } = useAuthContext('useSignInFlow');
  const [flow] = useState(() => createSignInFlow(client, { mode: options.mode, asSecondFactor: options.asSecondFactor }));
  const state = useSyncExternalStore(flow.store.subscribe, flow.store.getSnapshot, flow.store.getSnapshot);
  return { flow, state, view: signInView(state), submit: flow.submit, setMode: flow.setMode };
}
