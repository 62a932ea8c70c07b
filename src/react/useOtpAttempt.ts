import { useCallback, useEffect, useRef, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { authPaths, ClaimIds, type ConsumeCodeResult, type CreateCodeResult, type InvalidClaim, type ResendCodeResult } from '../core/index.ts';
import { useAuthContext } from './AuthContext.ts';
import { readOtpAttempt, writeOtpAttempt, type StoredOtpAttempt } from './otpAttemptStorage.ts';
import { redirectTo, redirectToPathOf } from './redirect.ts';
import { useAuthParams } from './useAuthParams.ts';
import { useMFAInfo } from './useMFAInfo.ts';
import { useNavigation } from './useNavigation.ts';
import { useSession } from './useSession.ts';
import { invalidateFactorQueries } from './useTotp.ts';

/** Options of {@link useOtpAttempt}. */
export interface UseOtpAttemptOptions {
  /** Seconds between two sends of a code. @default 15 */
  resendCooldownSeconds?: number;
  /** How long the backend keeps a code valid, for `expiresAt`. @default 900 */
  codeLifetimeSeconds?: number;
  /** Send a code to the first known contact on arrival (not with `?setup=true`). @default true */
  autoSend?: boolean;
  /** @default 'PHONE' for factor ids containing "phone", else 'EMAIL' */
  contactMethod?: 'EMAIL' | 'PHONE';
  /** Clock for the cooldown and expiry, epoch ms. @default Date.now */
  now?: () => number;
}

/**
 * Where the OTP flow stands: MFA info or an automatic send is loading, the user must give a
 * contact, a code is being sent, or the user must type the code.
 */
export type OtpStatus = 'loading' | 'enterContact' | 'sending' | 'enterCode';

/** What the screen may show of the attempt (the device ids stay inside the hook). */
export interface OtpAttemptInfo {
  contact: string;
  contactMethod: 'EMAIL' | 'PHONE';
  /** Epoch ms of the last send. */
  sentAt: number;
  expiresAt: number;
  resendAvailableAt: number;
}

/** A consume answer; a wrong or expired code also says how many tries the code has left. */
export type OtpConsumeResult =
  | Exclude<ConsumeCodeResult, { status: 'INCORRECT_USER_INPUT_CODE_ERROR' | 'EXPIRED_USER_INPUT_CODE_ERROR' }>
  | (Extract<ConsumeCodeResult, { status: 'INCORRECT_USER_INPUT_CODE_ERROR' | 'EXPIRED_USER_INPUT_CODE_ERROR' }> & { attemptsRemaining: number })
  | InvalidClaim;

/** Why the last attempt was discarded. */
export type OtpRestartReason = 'RESTART_FLOW_ERROR' | 'SIGN_IN_UP_NOT_ALLOWED';

/**
 * The OTP attempt state machine of one factor (`otp-email`, `otp-phone`): send a code (to the
 * contact given or the first one the backend knows for this factor), resend after a cooldown,
 * consume the code, start again. The attempt is kept in sessionStorage per factor, so a reload
 * resumes it, cooldown included; it is never put in the URL or the DOM.
 *
 * Consuming does not navigate: on `OK`, run `useContinue()`.
 */
export function useOtpAttempt(factorId: string, options: UseOtpAttemptOptions = {}) {
  const ctx = useAuthContext('useOtpAttempt');
  const { client, queryClient } = ctx;
  const nav = useNavigation();
  const params = useAuthParams();
  const session = useSession();
  const now = options.now ?? Date.now;
  const cooldownMs = (options.resendCooldownSeconds ?? 15) * 1000;
  const lifetimeMs = (options.codeLifetimeSeconds ?? 900) * 1000;
  const method = options.contactMethod ?? (factorId.includes('phone') ? 'PHONE' : 'EMAIL');
  const asSecondFactor = session.exists;
  const userId = session.userId ?? '';

  const info = useMFAInfo({ enabled: asSecondFactor });
  const data = info.data?.status === 'OK' ? info.data : undefined;
  const contacts = (data && (method === 'EMAIL' ? data.emails[factorId] : data.phoneNumbers[factorId])) ?? [];
  // With nothing pending and no step-up or setup asked for, the screen continues instead.
  const nothingToDo = data !== undefined && data.factors.next.length === 0 && !params.stepUp && !params.setup;

  const storeKey = `${factorId}\u0000${userId}`;
  const [held, setHeld] = useState(() => ({ key: storeKey, attempt: readOtpAttempt(client, factorId, userId) }));
  const attempt = held.key === storeKey ? held.attempt : readOtpAttempt(client, factorId, userId);
  const attemptRef = useRef(attempt);
  attemptRef.current = attempt;
  const setAttempt = useCallback(
    (next: StoredOtpAttempt | undefined) => {
      writeOtpAttempt(client, factorId, next);
      attemptRef.current = next;
      setHeld({ key: storeKey, attempt: next });
    },
    [client, factorId, storeKey],
  );
  const [restarted, setRestarted] = useState<OtpRestartReason | undefined>(undefined);
  const [askForContact, setAskForContact] = useState(false);

  const send = useMutation(
    {
      mutationFn: async (contact?: string): Promise<CreateCodeResult | InvalidClaim> => {
        const to = contact ?? contacts[0];
        if (to === undefined) throw new Error(`useOtpAttempt(${factorId}): no contact to send a code to; pass one to send()`);
        const result = await client.passwordless.createCode(method === 'EMAIL' ? { email: to, asSecondFactor } : { phoneNumber: to, asSecondFactor });
        if (result.status === 'OK') {
          const t = now();
          setFinished(false);
          setAttempt({ userId, deviceId: result.deviceId, preAuthSessionId: result.preAuthSessionId, flowType: result.flowType, contactMethod: method, contact: to, sentAt: t, expiresAt: t + lifetimeMs, resendAvailableAt: t + cooldownMs });
          setRestarted(undefined);
          setAskForContact(false);
        } else if (result.status === 'INVALID_CLAIM' && result.claimValidationErrors.some((e) => e.id === ClaimIds.EMAIL_VERIFICATION)) {
          // The backend sets up factors only for verified emails: verify first, then come back.
          const redirectToPath = redirectToPathOf(nav);
          const query = redirectToPath ? `?${new URLSearchParams({ redirectToPath })}` : '';
          redirectTo(ctx, nav, { type: 'VERIFY_EMAIL', to: `${authPaths(ctx.basePath).verifyEmail}${query}`, redirectToPath });
        }
        return result;
      },
    },
    queryClient,
  );

  // One automatic send per visit: not after a resumed, consumed or discarded attempt.
  const autoSent = useRef(false);
  if (attempt !== undefined) autoSent.current = true;
  const [finished, setFinished] = useState(false);
  const wantsAutoSend =
    (options.autoSend ?? true) && asSecondFactor && attempt === undefined && !nothingToDo && !params.setup && !askForContact && restarted === undefined && contacts.length > 0 && !autoSent.current;
  useEffect(() => {
    // The ref is read here, not at render: StrictMode runs effects twice with one render's values.
    if (!wantsAutoSend || autoSent.current) return;
    autoSent.current = true;
    send.mutate(contacts[0]);
  }, [wantsAutoSend, send, contacts]);

  const resendInFlight = useRef(false);
  const resend = useMutation(
    {
      mutationFn: async (): Promise<ResendCodeResult | InvalidClaim> => {
        const current = attemptRef.current;
        if (!current) throw new Error(`useOtpAttempt(${factorId}): no code was sent yet`);
        try {
          const result = await client.passwordless.resendCode({ deviceId: current.deviceId, preAuthSessionId: current.preAuthSessionId, asSecondFactor });
          if (result.status === 'OK') {
            const t = now();
            setAttempt({ ...current, sentAt: t, expiresAt: t + lifetimeMs, resendAvailableAt: t + cooldownMs });
          } else if (result.status === 'RESTART_FLOW_ERROR') {
            setAttempt(undefined);
            setRestarted('RESTART_FLOW_ERROR');
          }
          return result;
        } finally {
          resendInFlight.current = false;
        }
      },
    },
    queryClient,
  );

  // Re-render when the cooldown ends, so `canResend` turns true on time.
  const [, setTick] = useState(0);
  const resendAvailableAt = attempt?.resendAvailableAt;
  useEffect(() => {
    if (resendAvailableAt === undefined) return;
    const wait = resendAvailableAt - now();
    if (wait <= 0) return;
    const timer = setTimeout(() => setTick((t) => t + 1), wait);
    return () => clearTimeout(timer);
  }, [resendAvailableAt, now]);
  const canResend = attempt !== undefined && !resend.isPending && now() >= attempt.resendAvailableAt;

  const consume = useMutation(
    {
      mutationFn: async (userInputCode: string): Promise<OtpConsumeResult> => {
        const current = attemptRef.current;
        if (!current) throw new Error(`useOtpAttempt(${factorId}): no code was sent yet`);
        const result = await client.passwordless.consumeCode({ deviceId: current.deviceId, preAuthSessionId: current.preAuthSessionId, userInputCode, asSecondFactor });
        switch (result.status) {
          case 'OK':
            setFinished(true);
            setAttempt(undefined);
            await invalidateFactorQueries(queryClient);
            return result;
          case 'INCORRECT_USER_INPUT_CODE_ERROR':
          case 'EXPIRED_USER_INPUT_CODE_ERROR':
            return { ...result, attemptsRemaining: Math.max(0, result.maximumCodeInputAttempts - result.failedCodeInputAttemptCount) };
          case 'RESTART_FLOW_ERROR':
          case 'SIGN_IN_UP_NOT_ALLOWED':
            setAttempt(undefined);
            setRestarted(result.status);
            return result;
          default:
            return result;
        }
      },
    },
    queryClient,
  );

  const status: OtpStatus =
    attempt !== undefined ? 'enterCode' : send.isPending ? 'sending' : (asSecondFactor && info.isPending) || wantsAutoSend || nothingToDo || finished ? 'loading' : 'enterContact';

  return {
    status,
    /** The pending attempt, without its ids. */
    attempt: attempt && ({ contact: attempt.contact, contactMethod: attempt.contactMethod, sentAt: attempt.sentAt, expiresAt: attempt.expiresAt, resendAvailableAt: attempt.resendAvailableAt } satisfies OtpAttemptInfo),
    /** The contacts the backend knows for this factor, best first. */
    contacts,
    /** The user may type another contact (none known, or `?setup=true`). */
    canChangeContact: contacts.length === 0 || params.setup,
    /** Why the last attempt was discarded; the screen says so and offers to send a new code. */
    restarted,
    /** MFA info failed (thrown, or a non-OK answer). */
    error: info.error ?? (info.data && info.data.status !== 'OK' ? info.data : null),
    /** `send.mutate(contact?)`: a new code (to the first known contact when none is given). */
    send,
    /** `resend.mutate()` directly skips the cooldown guard: call {@link requestResend} instead. */
    resend,
    /** Resends when the cooldown is over and no resend is in flight; otherwise does nothing. */
    requestResend(): void {
      const current = attemptRef.current;
      if (resendInFlight.current || !current || now() < current.resendAvailableAt) return;
      resendInFlight.current = true;
      resend.mutate();
    },
    canResend,
    resendAvailableAt,
    /** `consume.mutate(code)`; `data.attemptsRemaining` after a wrong code. */
    consume,
    /** Forgets the attempt and asks for a contact. */
    changeContact(): void {
      setFinished(false);
      setAttempt(undefined);
      setRestarted(undefined);
      setAskForContact(true);
      send.reset();
      consume.reset();
      resend.reset();
    },
  };
}
