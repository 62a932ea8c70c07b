import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { createEmailVerificationFlow, emailVerificationView, type EmailVerificationFlow } from '../core/index.ts';
import { useAuthContext } from './AuthContext.ts';
import { fkKeys } from './fkKeys.ts';
import { useSession } from './useSession.ts';
import { tabStorage } from './tabStorage.ts';

/** Options of {@link useEmailVerificationFlow}. */
export interface UseEmailVerificationFlowOptions {
  /** The token of the opened link (`useAuthParams().token`), if any. */
  token?: string;
  tenantId?: string;
  /** Seconds before the email may be sent again. @default 30 */
  resendCooldownSeconds?: number;
  /** @default Date.now */
  now?: () => number;
}

/**
 * Email verification over the framework-free flow (`createEmailVerificationFlow` in
 * `factorkit/core`). With a session and no link it asks whether the address is verified and, if not,
 * sends the email once per visit (a reload does not send another); with a link and a session it uses
 * the token at once (without a session, call `openLink` when the person confirms). It does not
 * navigate: when `view.step` is `done`, run `useContinue()`.
 */
export function useEmailVerificationFlow(options: UseEmailVerificationFlowOptions = {}) {
  const ctx = useAuthContext('useEmailVerificationFlow');
  const session = useSession();
  const now = options.now ?? Date.now;
  const signedIn = session.exists;
  const userId = session.userId ?? '';

  // One flow per user and link; signing in or out starts a new one.
  const key = `${userId}\u0000${signedIn}\u0000${options.token ?? ''}`;
  const make = (): { key: string; flow: EmailVerificationFlow } => ({ key, flow: createEmailVerificationFlow(ctx.client, { token: options.token, tenantId: options.tenantId, userId, signedIn, storage: tabStorage(), now }) });
  const [held, setHeld] = useState(make);
  const current = held.key === key ? held : make();
  useEffect(() => {
    if (held.key !== key) setHeld(current);
  }, [held.key, key, current]);
  const flow = current.flow;
  const state = useSyncExternalStore(flow.store.subscribe, flow.store.getSnapshot, flow.store.getSnapshot);
  const view = emailVerificationView(state, now(), (options.resendCooldownSeconds ?? 30) * 1000);

  // What the flow does on its own, once per flow: use the link (with a session), ask, send.
  const done = useRef<{ flow: EmailVerificationFlow; link: boolean; check: boolean; send: boolean }>({ flow, link: false, check: false, send: false });
  if (done.current.flow !== flow) done.current = { flow, link: false, check: false, send: false };
  const wantsLink = session.exists && !session.isPending && state.token !== undefined && state.link === 'idle' && state.linkIssue === undefined;
  const wantsCheck = session.exists && !session.isPending && state.token === undefined && state.verified === undefined && !state.checking && state.checkIssue === undefined;
  const wantsSend = state.token === undefined && state.verified === false && state.sentAt === undefined && !state.sending && state.sendIssue === undefined;
  useEffect(() => {
    const once = done.current;
    if (wantsLink && !once.link) {
      once.link = true;
      void flow.openLink();
    }
    if (wantsCheck && !once.check) {
      once.check = true;
      void flow.check();
    }
    if (wantsSend && !once.send) {
      once.send = true;
      void flow.send();
    }
  }, [flow, wantsLink, wantsCheck, wantsSend]);

  // Waiting for the link: confirmed in another tab (its session update reaches this one), or on
  // another device (checked when the person comes back to this tab), the screen moves on.
  const waiting = state.verified === false && state.token === undefined;
  useEffect(() => {
    if (!waiting) return;
    const again = () => void flow.check();
    const off = ctx.client.session.onEvent((event) => {
      if (event.fromOtherTab && (event.type === 'ACCESS_TOKEN_PAYLOAD_UPDATED' || event.type === 'REFRESH_SESSION')) again();
    });
    const onVisible = () => {
      if (document.visibilityState === 'visible') again();
    };
    const doc = typeof document === 'undefined' ? undefined : document;
    doc?.addEventListener('visibilitychange', onVisible);
    return () => {
      off();
      doc?.removeEventListener('visibilitychange', onVisible);
    };
  }, [waiting, flow, ctx.client]);

  // Verified: whatever showed "not verified" is stale now.
  useEffect(() => {
    if (state.verified) void ctx.queryClient.invalidateQueries({ queryKey: fkKeys.emailVerification(), refetchType: 'none' });
  }, [state.verified, ctx.queryClient]);

  // Re-render when the cooldown ends, so `view.canResend` turns true on time.
  const [, setTick] = useState(0);
  const resendAt = view.resendAt;
  useEffect(() => {
    if (resendAt === undefined) return;
    const wait = resendAt - now();
    if (wait <= 0) return;
    const timer = setTimeout(() => setTick((t) => t + 1), wait);
    return () => clearTimeout(timer);
  }, [resendAt, now]);

  return {
    flow,
    state,
    view,
    /** While the session is being refreshed, nothing is known yet. */
    isPending: session.isPending || view.step === 'loading',
    check: flow.check,
    send: flow.send,
    openLink: flow.openLink,
  };
}
