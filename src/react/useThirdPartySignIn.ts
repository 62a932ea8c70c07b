import { useEffect, useState, useSyncExternalStore } from 'react';
import { authPaths, createThirdPartyCallbackFlow, createThirdPartyStartFlow } from '../core/index.ts';
import { useAuthContext } from './AuthContext.ts';
import { redirectToPathOf, rememberReturn } from './redirect.ts';
import { useNavigation } from './useNavigation.ts';
import { tabStorage } from './tabStorage.ts';
import { invalidateFactorQueries } from './useTotp.ts';

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
export function useThirdPartySignIn(options: UseThirdPartySignInOptions = {}) {
  const ctx = useAuthContext('useThirdPartySignIn');
  const nav = useNavigation();
  const [flow] = useState(() =>
    createThirdPartyStartFlow(ctx.client, {
      redirectURI: (providerId) => `${window.location.origin}${authPaths(ctx.basePath).callback}/${encodeURIComponent(providerId)}`,
      storage: tabStorage(),
    }),
  );
  const state = useSyncExternalStore(flow.store.subscribe, flow.store.getSnapshot, flow.store.getSnapshot);
  const start = async (providerId: string) => {
    const url = await flow.start(providerId);
    if (url === undefined) return;
    const redirectToPath = redirectToPathOf(nav);
    if (redirectToPath) rememberReturn(ctx.client, redirectToPath, 'thirdParty');
    (options.navigate ?? ((to: string) => window.location.assign(to)))(url);
  };
  return { flow, state, start };
}

/**
 * The way back from a provider (`{basePath}/callback/{providerId}`), over
 * `createThirdPartyCallbackFlow`: the `state` is checked against this tab's, then the code signs in;
 * the code and state leave the address bar. It does not navigate: when `state.outcome.kind` is
 * `signedIn`, run `useContinue()` (the page first asked for, or MFA first).
 */
export function useThirdPartyCallback() {
  const ctx = useAuthContext('useThirdPartyCallback');
  const nav = useNavigation();
  const [{ flow, providerId }] = useState(() => {
    const prefix = `${authPaths(ctx.basePath).callback}/`;
    const path = nav.path.split(/[?#]/)[0] ?? '';
    const providerId = path.startsWith(prefix) ? decodeURIComponent(path.slice(prefix.length)) : '';
    const query = Object.fromEntries(nav.searchParams);
    return { providerId, flow: createThirdPartyCallbackFlow(ctx.client, { providerId, query, tenantId: ctx.client.config.tenantId, storage: tabStorage() }) };
  });
  const state = useSyncExternalStore(flow.store.subscribe, flow.store.getSnapshot, flow.store.getSnapshot);
  useEffect(() => {
    void flow.finish();
    if (typeof window !== 'undefined' && window.location.search) window.history.replaceState(window.history.state, '', window.location.pathname);
  }, [flow]);
  useEffect(() => {
    if (state.outcome?.kind === 'signedIn') void invalidateFactorQueries(ctx.queryClient);
  }, [state.outcome, ctx.queryClient]);
  /** `providerId`: the provider in the callback's path. */
  return { flow, state, providerId, retry: flow.finish };
}
