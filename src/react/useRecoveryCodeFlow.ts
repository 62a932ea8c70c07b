import { useState, useSyncExternalStore } from 'react';
import { createRecoveryCodeFlow, recoveryCodeView } from '../core/index.ts';
import { useAuthContext } from './AuthContext.ts';

/**
 * Finishing sign-in with a recovery code, over `createRecoveryCodeFlow` (`factorkit/core`): `use(typed)`,
 * then `state.remaining` says how many are left (sign-in is complete), or `state.issue` why not.
 */
export function useRecoveryCodeFlow() {
  const { client } = useAuthContext('useRecoveryCodeFlow');
  const [flow] = useState(() => createRecoveryCodeFlow(client));
  const state = useSyncExternalStore(flow.store.subscribe, flow.store.getSnapshot, flow.store.getSnapshot);
  return { flow, state, view: recoveryCodeView(state, Date.now()), use: flow.use };
}
