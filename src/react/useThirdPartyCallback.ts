import { useEffect, useState, useSyncExternalStore } from 'react';
import { authPaths, createThirdPartyCallbackFlow } from '../core/index.ts';
import { useAuthContext } from './AuthContext.ts';
import { useNavigation } from './useNavigation.ts';
import { tabStorage } from './tabStorage.ts';
import { fkKeys } from './fkKeys.ts';
import { invalidateFactorQueries } from './useTotp.ts';

/**
 * The way back from a provider (`{basePath}/callback/{providerId}`), over
 * `createThirdPartyCallbackFlow`: the `state` is checked against this tab's, then the code signs in;
 * the code and state leave the address bar. It does not navigate: when `state.outcome.kind` is
 * `signedIn`, run `useContinue()` (the page first asked for, or MFA first); when it is `connected`
 * (the provider was added to the signed-in account), go back to `outcome.returnTo`.
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
    if (state.outcome?.kind === 'connected') void ctx.queryClient.invalidateQueries({ queryKey: fkKeys.connectedAccounts() });
  }, [state.outcome, ctx.queryClient]);
  /** `providerId`: the provider in the callback's path; `connectingFrom`: the page an attempt to connect it came from. */
  return { flow, state, providerId, connectingFrom: flow.connectingFrom, retry: flow.finish };
}
