import { useState, useSyncExternalStore } from 'react';
import { authPaths, createThirdPartyStartFlow } from '../core/index.ts';
import { useAuthContext } from './AuthContext.ts';
import { redirectToPathOf, rememberReturn } from './redirect.ts';
import { useNavigation } from './useNavigation.ts';
import { tabStorage } from './tabStorage.ts';

/** Options of {@link useThirdPartySignIn}. */
export interface UseThirdPartySignInOptions {
  /** Sends the browser to the provider. @default `window.location.assign` */
  navigate?: (url: string) => void;
}

/**
 * Sign-in buttons for social and enterprise providers, over `createThirdPartyStartFlow`
 * (`factorkit/core`): `start(providerId)` fetches the provider's URL, keeps a `state` and the PKCE
 * verifier in this tab, remembers the page first asked for, and sends the browser there.
 * `state.leavingFor` is the provider on its way; `state.issue` why it could not start.
 */
export function useThirdPartySignIn(hookOptions: UseThirdPartySignInOptions = {}) {
  const ctx = useAuthContext('useThirdPartySignIn');
  const nav = useNavigation();
  const [flow] = useState(() =>
    createThirdPartyStartFlow(ctx.client, {
      redirectURI: (providerId) => `${window.location.origin}${authPaths(ctx.basePath).callback}/${encodeURIComponent(providerId)}`,
      storage: tabStorage(),
    }),
  );
  const state = useSyncExternalStore(flow.store.subscribe, flow.store.getSnapshot, flow.store.getSnapshot);
  /** Leaves for the provider; with `connect`, to add it to the signed-in account and come back to this page. */
  const start = async (providerId: string, options: { connect?: boolean } = {}) => {
    const url = await flow.start(providerId, options.connect ? { connectFrom: nav.path } : {});
    if (url === undefined) return;
    const redirectToPath = options.connect ? undefined : redirectToPathOf(nav);
    if (redirectToPath) rememberReturn(ctx.client, redirectToPath, 'thirdParty');
    (hookOptions.navigate ?? ((to: string) => window.location.assign(to)))(url);
  };
  return { flow, state, start };
}
