import { useState, useSyncExternalStore } from 'react';
import { createChangePasswordFlow } from '../core/index.ts';
import { useAuthContext } from './AuthContext.ts';

/**
 * Changing the signed-in user's password, over `createChangePasswordFlow` (`factorkit/core`): with
 * the current password, or without it right after step-up (`state.issue.kind === 'stepUp'` says
 * which factors would do).
 */
export function useChangePasswordFlow() {
  const { client } = useAuthContext('useChangePasswordFlow');
  const [flow] = useState(() => createChangePasswordFlow(client));
  const state = useSyncExternalStore(flow.store.subscribe, flow.store.getSnapshot, flow.store.getSnapshot);
  return { flow, state, submit: flow.submit, again: flow.again };
}
