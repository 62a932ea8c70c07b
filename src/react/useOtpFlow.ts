import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { authPaths, createOtpFlow, otpView, type OtpFlow, type OtpFlowOptions } from '../core/index.ts';
import { useAuthContext } from './AuthContext.ts';
import { redirectTo, redirectToPathOf, rememberReturn } from './redirect.ts';
import { useAuthParams } from './useAuthParams.ts';
import { useMFAInfo } from './useMFAInfo.ts';
import { useNavigation } from './useNavigation.ts';
import { tabStorage } from './tabStorage.ts';
import { useSession } from './useSession.ts';
import { invalidateFactorQueries } from './useTotp.ts';

/** Options of {@link useOtpFlow}. */
export interface UseOtpFlowOptions {
  /** Seconds between two sends of a code. @default 15 */
  resendCooldownSeconds?: number;
  /** How long the backend keeps a code valid, for the expiry countdown. @default 900 */
  codeLifetimeSeconds?: number;
  /** Send a code to the first known contact on arrival (not with `?setup=true`). @default true */
  autoSend?: boolean;
  /** Checks a typed phone number; the UI passes libphonenumber-js's check. @default `+` and 8–15 digits */
  validatePhone?: OtpFlowOptions['validatePhone'];
  /** Clock for the cooldown and expiry, epoch ms. @default Date.now */
  now?: () => number;
}

/**
 * An email or SMS code (`otp-email`, `otp-phone`) over the framework-free OTP flow
 * (`createOtpFlow` in `factorkit/core`): as a second factor when signed in, as sign-in otherwise. It
 * sends to the contact the backend knows on arrival (once per visit; a reload resumes the attempt,
 * cooldown included), asks the verify-email screen first when the backend wants that, and marks the
 * factor queries stale once the code is accepted. Consuming does not navigate: on `verified`, run
 * `useContinue()`.
 *
 * Returns the flow's `state` (re-rendered on every change), the derived `view`, the actions, and what
 * the screen needs around them (`contacts`, `status`).
 */
export function useOtpFlow(factorId: string, options: UseOtpFlowOptions = {}) {
  const ctx = useAuthContext('useOtpFlow');
  const nav = useNavigation();
  const params = useAuthParams();
  const session = useSession();
  const now = options.now ?? Date.now;
  const asSecondFactor = session.exists;
  const userId = session.userId ?? '';
  const info = useMFAInfo({ enabled: asSecondFactor });
  const data = info.data?.status === 'OK' ? info.data : undefined;
  const method = factorId.includes('phone') ? 'PHONE' : 'EMAIL';
  const contacts = (data && (method === 'EMAIL' ? data.emails[factorId] : data.phoneNumbers[factorId])) ?? [];
  // With nothing pending and no step-up or set-up asked for, the screen continues instead.
  const nothingToDo = data !== undefined && data.factors.next.length === 0 && !params.stepUp && !params.setup;

  // One flow per factor, user and kind of sign-in; a change of any starts a new one.
  const key = `${factorId}\u0000${userId}\u0000${asSecondFactor}`;
  const latestOptions = useRef(options);
  latestOptions.current = options;
  const make = (): { key: string; flow: OtpFlow } => ({
    key,
    flow: createOtpFlow(ctx.client, {
      factorId,
      asSecondFactor,
      userId,
      storage: tabStorage(),
      resendCooldownMs: (options.resendCooldownSeconds ?? 15) * 1000,
      codeLifetimeMs: (options.codeLifetimeSeconds ?? 900) * 1000,
      validatePhone: (value) => (latestOptions.current.validatePhone ? latestOptions.current.validatePhone(value) : Promise.resolve({ valid: /^\+[1-9]\d{7,14}$/.test(value.replace(/[\s().-]/g, '')), e164: value.replace(/[\s().-]/g, '') })),
      now,
    }),
  });
  const [held, setHeld] = useState(make);
  const current = held.key === key ? held : make();
  useEffect(() => {
    if (held.key !== key) setHeld(current);
  }, [held.key, key, current]);
  const flow = current.flow;
  const state = useSyncExternalStore(flow.store.subscribe, flow.store.getSnapshot, flow.store.getSnapshot);

  // One automatic send per visit: not after a resumed, used or discarded attempt.
  const autoSent = useRef(false);
  if (state.attempt !== undefined) autoSent.current = true;
  const wantsAutoSend =
    (options.autoSend ?? true) && asSecondFactor && state.attempt === undefined && !state.verified && !nothingToDo && !params.setup && !state.askContact && state.restarted === undefined && state.sendIssue === undefined && contacts.length > 0 && !autoSent.current;
  useEffect(() => {
    // The ref is read here, not at render: StrictMode runs effects twice with one render's values.
    if (!wantsAutoSend || autoSent.current) return;
    autoSent.current = true;
    void flow.send(contacts[0]!);
  }, [wantsAutoSend, flow, contacts]);

  // The backend sets up factors only for verified emails: verify first, then come back.
  const wantsEmailVerification = state.sendIssue?.kind === 'verifyEmail';
  useEffect(() => {
    if (!wantsEmailVerification) return;
    const redirectToPath = redirectToPathOf(nav);
    const query = redirectToPath ? `?${new URLSearchParams({ redirectToPath })}` : '';
    redirectTo(ctx, nav, { type: 'VERIFY_EMAIL', to: `${authPaths(ctx.basePath).verifyEmail}${query}`, redirectToPath });
    // Once per refusal.
  }, [wantsEmailVerification]);

  useEffect(() => {
    if (state.verified) void invalidateFactorQueries(ctx.queryClient);
  }, [state.verified, ctx.queryClient]);

  // Re-render when the cooldown ends, so `view.canResend` turns true on time.
  const [, setTick] = useState(0);
  const resendAt = state.attempt?.resendAvailableAt;
  useEffect(() => {
    if (resendAt === undefined) return;
    const wait = resendAt - now();
    if (wait <= 0) return;
    const timer = setTimeout(() => setTick((t) => t + 1), wait);
    return () => clearTimeout(timer);
  }, [resendAt, now]);

  // A first-factor message may carry a magic link, which opens a fresh page: remember the page first
  // asked for, for the sign-in it finishes.
  const rememberForLink = () => {
    const redirectToPath = redirectToPathOf(nav);
    if (!asSecondFactor && redirectToPath) rememberReturn(ctx.client, redirectToPath, 'magicLink');
  };
  const send = (contact: string) => (rememberForLink(), flow.send(contact));
  const submitContact = (typed: string) => (rememberForLink(), flow.submitContact(typed));

  const view = otpView(state, now());
  const status =
    view.step === 'code'
      ? ('code' as const)
      : view.sending
        ? ('sending' as const)
        : (asSecondFactor && info.isPending) || wantsAutoSend || nothingToDo || state.verified || wantsEmailVerification
          ? ('loading' as const)
          : ('contact' as const);

  return {
    flow,
    state,
    view,
    /** `loading` (MFA info, an automatic send, or continuing), `contact`, `sending` or `code`. */
    status,
    /** The contacts the backend knows for this factor, best first. */
    contacts,
    /** The person may type another contact (none known, or `?setup=true`). */
    canChangeContact: contacts.length === 0 || params.setup,
    /** MFA info failed (thrown, or a non-OK answer). */
    infoError: info.error ?? (info.data && info.data.status !== 'OK' ? info.data : null),
    send,
    submitContact,
    verify: flow.verify,
    resend: flow.resend,
    lockOver: flow.lockOver,
    changeContact: flow.changeContact,
  };
}
