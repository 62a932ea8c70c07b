import { useEffect, useState, useSyncExternalStore } from 'react';
import { authPaths } from '../core/index.ts';
import { createResetPasswordFlow } from '../core/index.ts';
import { useAuthContext } from './AuthContext.ts';
import { redirectToPathOf, takeResetReturn } from './redirect.ts';
import { useNavigation } from './useNavigation.ts';

/**
 * Choosing a new password with a reset link's token, over `createResetPasswordFlow`
 * (`factorkit/core`): the two fields checked before anything is sent, the backend's policy, a link
 * that expired or was used (`state.outcome === 'invalid'`), done (`'done'`: every session ended).
 * `signIn` is where to sign in next: back to the page first asked for, if this browser asked for the link.
 */
export function useResetPasswordFlow(options: { token: string; tenantId?: string }) {
  const ctx = useAuthContext('useResetPasswordFlow');
  const { client } = ctx;
  const nav = useNavigation();
  const [flow] = useState(() => createResetPasswordFlow(client, options));
  const state = useSyncExternalStore(flow.store.subscribe, flow.store.getSnapshot, flow.store.getSnapshot);
  // The reset ended every session, this browser's too: forget it here as well (the sign-out call is
  // answered 401, which clears the local session).
  useEffect(() => {
    if (state.outcome === 'done' && client.session.getSnapshot().status === 'signedIn') void client.session.signOut().catch(() => undefined);
  }, [state.outcome, client]);
  // The page first asked for, remembered when the link was asked for in this browser.
  const [returnTo] = useState(() => redirectToPathOf(nav) ?? takeResetReturn(client));
  /** The sign-in page, then back to the page first asked for. */
  const signIn = `${authPaths(ctx.basePath).signIn}${returnTo ? `?${new URLSearchParams({ redirectToPath: returnTo })}` : ''}`;
  return { flow, state, submit: flow.submit, signIn };
}
