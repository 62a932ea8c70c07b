import { useEffect, useState, useSyncExternalStore } from 'react';
import { createMagicLinkFlow, magicLinkOf, magicLinkView } from '../core/index.ts';
import { useAuthContext } from './AuthContext.ts';
import { tabStorage } from './tabStorage.ts';
import { useNavigation } from './useNavigation.ts';
import { invalidateFactorQueries } from './useTotp.ts';

/**
 * An opened magic link over `createMagicLinkFlow` (`factorkit/core`): in the browser that asked for it
 * it signs in at once; elsewhere `view.step` is `confirm` until `consume()` (a click). It does not
 * navigate: when `view.step` is `signedIn`, run `useContinue()` (MFA comes next, as after a password).
 */
export function useMagicLinkFlow(link: { preAuthSessionId: string; linkCode: string; tenantId?: string }) {
  const ctx = useAuthContext('useMagicLinkFlow');
  const [flow] = useState(() => createMagicLinkFlow(ctx.client, { ...link, storage: tabStorage() }));
  const state = useSyncExternalStore(flow.store.subscribe, flow.store.getSnapshot, flow.store.getSnapshot);
  useEffect(() => {
    if (state.sameBrowser && state.outcome === undefined && !state.consuming && state.issue === undefined) void flow.consume();
  }, [flow, state]);
  useEffect(() => {
    if (state.outcome === 'signedIn') void invalidateFactorQueries(ctx.queryClient);
  }, [state.outcome, ctx.queryClient]);
  return { flow, state, view: magicLinkView(state), consume: flow.consume };
}

/**
 * The magic link in the current URL (`?preAuthSessionId=…&tenantId=…#linkCode`), read once, or
 * undefined when the URL holds none. The address bar loses the link's secret right after.
 */
export function useMagicLinkInUrl() {
  const nav = useNavigation();
  const [link] = useState(() => magicLinkOf(nav.path));
  useEffect(() => {
    if (typeof window === 'undefined' || !window.location.hash) return;
    const url = new URL(window.location.href);
    url.searchParams.delete('preAuthSessionId');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}`);
  }, []);
  return link;
}
