import { useState, useSyncExternalStore } from 'react';
import { createPasskeyFlow, passkeysSupported, type PasskeyFlowOptions } from '../core/index.ts';
import { useAuthContext } from './AuthContext.ts';
import { fkKeys } from './fkKeys.ts';

/**
 * Passkeys over `createPasskeyFlow` (`factorkit/core`): `signIn()`, `signUp(email)`, `add({ email,
 * recipeUserId? })`, with `state.busy` and `state.issue`; `supported` is false where the browser has
 * no WebAuthn (hide the buttons). The browser library loads on the first ceremony. After a ceremony
 * the passkey list, the settings and the MFA info are fetched again.
 */
export function usePasskeyFlow(options: PasskeyFlowOptions = {}) {
  const { client, queryClient } = useAuthContext('usePasskeyFlow');
  const [flow] = useState(() => {
    const f = createPasskeyFlow(client, options);
    f.store.subscribe(() => {
      // A passkey added is a factor set up: the settings and the MFA info change with it.
      if (f.store.getSnapshot().done) for (const queryKey of [fkKeys.passkeys(), fkKeys.mfaSettings(), fkKeys.mfaInfo()]) void queryClient.invalidateQueries({ queryKey });
    });
    return f;
  });
  const state = useSyncExternalStore(flow.store.subscribe, flow.store.getSnapshot, flow.store.getSnapshot);
  return { flow, state, supported: passkeysSupported(), signIn: flow.signIn, signUp: flow.signUp, add: flow.add, recover: flow.recover, reset: flow.reset };
}
