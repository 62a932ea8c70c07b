import type { AuthClient } from '../createAuthClient.ts';
import { ClaimIds } from '../../protocol/claims.ts';
import { refusalOf, type Refusal } from '../../protocol/refusal.ts';
import type { KeyValueStorage } from '../storage.ts';
import { otpAttemptStore, type StoredOtpAttempt } from './otpAttempts.ts';
import { typedEmailProblem } from './contact.ts';
import { codeOutcome, stepUpFactorsOf, type CodeOutcome } from './codeOutcome.ts';
import { createFlowStore, type FlowStore } from './store.ts';

/**
 * A one-time code by email or text message, as a state machine: give a contact (or send to the one
 * the account has), type the code, resend after a cooldown, start again. Shared by the code factor
 * screens, OTP sign-in and the settings page, and by any custom screen (`useOtpFlow`).
 */

/** Why sending did not start an attempt. */
export type OtpSendIssue =
  /** The backend refused (a limit, an address the account does not have, …). */
  | { kind: 'refused'; refusal: Refusal }
  /** A new contact needs step-up first (`403 fk-step-up`). */
  | { kind: 'stepUp'; factors: string[] }
  /** The session's email must be verified before this factor can be set up (`403 st-ev`). */
  | { kind: 'verifyEmail' }
  /** A network or server failure. */
  | { kind: 'failed'; error: unknown };

export interface OtpFlowState {
  factorId: string;
  contactMethod: 'EMAIL' | 'PHONE';
  /** The code sent and still usable, if any. */
  attempt: StoredOtpAttempt | undefined;
  /** The contact a send is on its way to. */
  sendingTo: string | undefined;
  sendIssue: OtpSendIssue | undefined;
  /** Why the typed contact was not sent (checked before any request). */
  contactError: 'required' | 'emailInvalid' | 'phoneInvalid' | undefined;
  /** The person asked to use another contact. */
  askContact: boolean;
  verifying: boolean;
  /** The answer to the last code typed. */
  outcome: CodeOutcome | undefined;
  verifyFailure: unknown;
  resending: boolean;
  /** The last resend was accepted (for "we sent you a new code"). */
  resent: boolean;
  resendIssue: OtpSendIssue | undefined;
  /** The attempt ended: the person must send a new code (`refused`: the backend's reason is in `outcome`). */
  restarted: 'tooManyAttempts' | 'gone' | 'refused' | undefined;
  verified: boolean;
}

export type OtpFlowEvent =
  | { type: 'RESTORED'; attempt: StoredOtpAttempt }
  | { type: 'CONTACT_INVALID'; reason: NonNullable<OtpFlowState['contactError']> }
  | { type: 'SEND_STARTED'; contact: string }
  | { type: 'SEND_DONE'; attempt: StoredOtpAttempt }
  | { type: 'SEND_ISSUE'; issue: OtpSendIssue }
  | { type: 'VERIFY_STARTED' }
  | { type: 'VERIFY_DONE'; outcome: CodeOutcome }
  | { type: 'VERIFY_FAILED'; error: unknown }
  | { type: 'LOCK_OVER' }
  | { type: 'RESEND_STARTED' }
  | { type: 'RESEND_DONE'; at: number; cooldownMs: number; lifetimeMs: number }
  | { type: 'RESEND_ISSUE'; issue: OtpSendIssue }
  | { type: 'RESEND_GONE' }
  | { type: 'CHANGE_CONTACT' };

export function initialOtpState(factorId: string, contactMethod: 'EMAIL' | 'PHONE' = factorId.includes('phone') ? 'PHONE' : 'EMAIL'): OtpFlowState {
  return {
    factorId,
    contactMethod,
    attempt: undefined,
    sendingTo: undefined,
    sendIssue: undefined,
    contactError: undefined,
    askContact: false,
    verifying: false,
    outcome: undefined,
    verifyFailure: undefined,
    resending: false,
    resent: false,
    resendIssue: undefined,
    restarted: undefined,
    verified: false,
  };
}

const FRESH_ANSWERS = { outcome: undefined, verifyFailure: undefined, resent: false, resendIssue: undefined } as const;

/** The OTP flow's transitions: pure. */
export function reduceOtp(state: OtpFlowState, event: OtpFlowEvent): OtpFlowState {
  switch (event.type) {
    case 'RESTORED':
      return { ...state, attempt: event.attempt, verified: false };
    case 'CONTACT_INVALID':
      return { ...state, contactError: event.reason, sendIssue: undefined, sendingTo: undefined };
    case 'SEND_STARTED':
      if (state.sendingTo !== undefined) return state;
      return { ...state, sendingTo: event.contact, contactError: undefined, sendIssue: undefined };
    case 'SEND_DONE':
      return { ...state, ...FRESH_ANSWERS, attempt: event.attempt, sendingTo: undefined, askContact: false, restarted: undefined, verified: false };
    case 'SEND_ISSUE':
      return { ...state, sendingTo: undefined, sendIssue: event.issue };
    case 'VERIFY_STARTED':
      if (state.verifying || state.attempt === undefined) return state;
      return { ...state, verifying: true, verifyFailure: undefined };
    case 'VERIFY_DONE': {
      const o = event.outcome;
      if (o.kind === 'ok') return { ...state, ...FRESH_ANSWERS, verifying: false, verified: true, attempt: undefined };
      // The attempt is gone (or cannot be trusted): the person sends a new code.
      if (o.kind === 'restart') return { ...state, verifying: false, outcome: o, attempt: undefined, restarted: 'tooManyAttempts' };
      if (o.kind === 'refused') return { ...state, verifying: false, outcome: o, attempt: undefined, restarted: 'refused' };
      return { ...state, verifying: false, outcome: o };
    }
    case 'VERIFY_FAILED':
      return { ...state, verifying: false, verifyFailure: event.error };
    case 'LOCK_OVER':
      return state.outcome?.kind === 'locked' ? { ...state, outcome: undefined } : state;
    case 'RESEND_STARTED':
      if (state.resending || state.attempt === undefined) return state;
      return { ...state, resending: true, resent: false, resendIssue: undefined, outcome: undefined };
    case 'RESEND_DONE':
      if (state.attempt === undefined) return { ...state, resending: false };
      return {
        ...state,
        resending: false,
        resent: true,
        attempt: { ...state.attempt, sentAt: event.at, expiresAt: event.at + event.lifetimeMs, resendAvailableAt: event.at + event.cooldownMs },
      };
    case 'RESEND_ISSUE':
      return { ...state, resending: false, resendIssue: event.issue };
    case 'RESEND_GONE':
      return { ...state, resending: false, attempt: undefined, restarted: 'gone' };
    case 'CHANGE_CONTACT':
      return { ...initialOtpState(state.factorId, state.contactMethod), askContact: true };
  }
}

/** What a screen shows, derived in one place. */
export function otpView(state: OtpFlowState, now: number) {
  return {
    /** `contact`: give or confirm where to send; `code`: type the code; `verified`: done. */
    step: state.verified ? ('verified' as const) : state.attempt !== undefined ? ('code' as const) : ('contact' as const),
    sending: state.sendingTo !== undefined,
    canResend: state.attempt !== undefined && !state.resending && now >= state.attempt.resendAvailableAt,
    /** Epoch ms when the code expires, and when a new one may be asked for. */
    expiresAt: state.attempt?.expiresAt,
    resendAvailableAt: state.attempt?.resendAvailableAt,
    /** The message carries a code to type (else only a link). */
    withCode: state.attempt === undefined || state.attempt.flowType !== 'MAGIC_LINK',
    /** The message carries a magic link (a first factor whose tenant signs in with links). */
    withLink: state.attempt !== undefined && state.attempt.flowType !== 'USER_INPUT_CODE',
    /** Code entry is paused until then (a limit on wrong codes). */
    lockedUntil: state.outcome?.kind === 'locked' && state.outcome.until > now ? state.outcome.until : undefined,
  };
}

/** Options of {@link createOtpFlow}. */
export interface OtpFlowOptions {
  factorId: string;
  /** The session user completes the factor (`shouldTryLinkingWithSessionUser`); else a first-factor sign-in. */
  asSecondFactor: boolean;
  /** The session user's id (`''` signed out): a stored attempt of another user is never resumed. */
  userId: string;
  /** Where the attempt survives a reload. @default none (the attempt lasts as long as the page) */
  storage?: KeyValueStorage;
  /** @default 15 000 */
  resendCooldownMs?: number;
  /** How long the backend keeps a code valid. @default 900 000 */
  codeLifetimeMs?: number;
  /** Checks a typed phone number and gives its E.164 form (the UI checks the country's number plan). @default `+` and 8–15 digits */
  validatePhone?: (value: string) => Promise<{ valid: boolean; e164?: string }>;
  /** @default Date.now */
  now?: () => number;
}

/**
 * Makes an OTP flow: its store, and the actions that call the API and dispatch what happened. The
 * stored attempt of this user (if any) is resumed at once.
 */
export function createOtpFlow(client: Pick<AuthClient, 'passwordless' | 'config'>, options: OtpFlowOptions) {
  const now = options.now ?? Date.now;
  const cooldownMs = options.resendCooldownMs ?? 15_000;
  const lifetimeMs = options.codeLifetimeMs ?? 900_000;
  const store: FlowStore<OtpFlowState, OtpFlowEvent> = createFlowStore(reduceOtp, initialOtpState(options.factorId));
  const kept = otpAttemptStore(options.storage, client.config.storageKeyPrefix, options.factorId);
  const stored = kept.read(options.userId);
  if (stored) store.dispatch({ type: 'RESTORED', attempt: stored });
  // The stored copy follows the state: written on every change of the attempt.
  let last = store.getSnapshot().attempt;
  store.subscribe(() => {
    const attempt = store.getSnapshot().attempt;
    if (attempt !== last) kept.write(attempt);
    last = attempt;
  });

  const issueOf = (result: { status: string }): OtpSendIssue => {
    const answer = result as { status: string } & Record<string, unknown>;
    if (answer.status === 'INVALID_CLAIM') {
      const errors = answer.claimValidationErrors as { id: string }[];
      if (errors.some((e) => e.id === ClaimIds.EMAIL_VERIFICATION)) return { kind: 'verifyEmail' };
      const factors = stepUpFactorsOf(answer);
      if (factors) return { kind: 'stepUp', factors };
    }
    return { kind: 'refused', refusal: refusalOf(answer) };
  };

  const flow = {
    store,
    options,
    /** Sends a code to `contact` (as given: call `submitContact` for what a person typed). */
    async send(contact: string): Promise<void> {
      if (store.getSnapshot().sendingTo !== undefined) return;
      store.dispatch({ type: 'SEND_STARTED', contact });
      const method = store.getSnapshot().contactMethod;
      try {
        const answer = await client.passwordless.createCode(method === 'EMAIL' ? { email: contact, asSecondFactor: options.asSecondFactor } : { phoneNumber: contact, asSecondFactor: options.asSecondFactor });
        if (answer.status === 'OK') {
          const t = now();
          store.dispatch({
            type: 'SEND_DONE',
            attempt: { userId: options.userId, deviceId: answer.deviceId, preAuthSessionId: answer.preAuthSessionId, flowType: answer.flowType, contactMethod: method, contact, sentAt: t, expiresAt: t + lifetimeMs, resendAvailableAt: t + cooldownMs },
          });
        } else if (method === 'PHONE' && answer.status === 'GENERAL_ERROR' && /phone number is invalid/i.test(String((answer as { message?: unknown }).message))) {
          // The backend's full check (the browser's is lighter) refused the number: said at the field.
          store.dispatch({ type: 'CONTACT_INVALID', reason: 'phoneInvalid' });
        } else {
          store.dispatch({ type: 'SEND_ISSUE', issue: issueOf(answer) });
        }
      } catch (error) {
        store.dispatch({ type: 'SEND_ISSUE', issue: { kind: 'failed', error } });
      }
    },
    /** Checks what a person typed (empty, not an address, not a phone number), then sends to it. */
    async submitContact(typed: string): Promise<void> {
      const value = typed.trim();
      if (value === '') return void store.dispatch({ type: 'CONTACT_INVALID', reason: 'required' });
      if (store.getSnapshot().contactMethod === 'EMAIL') {
        const problem = typedEmailProblem(value);
        if (problem) return void store.dispatch({ type: 'CONTACT_INVALID', reason: problem });
        return flow.send(value);
      }
      const checked = options.validatePhone ? await options.validatePhone(value) : { valid: /^\+[1-9]\d{7,14}$/.test(value.replace(/[\s().-]/g, '')), e164: value.replace(/[\s().-]/g, '') };
      if (!checked.valid) return void store.dispatch({ type: 'CONTACT_INVALID', reason: 'phoneInvalid' });
      return flow.send(checked.e164 ?? value);
    },
    /** Checks a typed code; resolves with what it meant. */
    async verify(code: string): Promise<CodeOutcome | undefined> {
      const attempt = store.getSnapshot().attempt;
      if (!attempt || store.getSnapshot().verifying) return undefined;
      store.dispatch({ type: 'VERIFY_STARTED' });
      try {
        const answer = await client.passwordless.consumeCode({ deviceId: attempt.deviceId, preAuthSessionId: attempt.preAuthSessionId, userInputCode: code, asSecondFactor: options.asSecondFactor });
        const outcome = codeOutcome(answer, now());
        store.dispatch({ type: 'VERIFY_DONE', outcome });
        return outcome;
      } catch (error) {
        store.dispatch({ type: 'VERIFY_FAILED', error });
        return undefined;
      }
    },
    /** A new code on the same device, once the cooldown is over; one at a time (a double click sends one). */
    async resend(): Promise<void> {
      const state = store.getSnapshot();
      if (!otpView(state, now()).canResend) return;
      store.dispatch({ type: 'RESEND_STARTED' });
      try {
        const answer = await client.passwordless.resendCode({ deviceId: state.attempt!.deviceId, preAuthSessionId: state.attempt!.preAuthSessionId, asSecondFactor: options.asSecondFactor });
        if (answer.status === 'OK') store.dispatch({ type: 'RESEND_DONE', at: now(), cooldownMs, lifetimeMs });
        else if (answer.status === 'RESTART_FLOW_ERROR') store.dispatch({ type: 'RESEND_GONE' });
        else store.dispatch({ type: 'RESEND_ISSUE', issue: issueOf(answer) });
      } catch (error) {
        store.dispatch({ type: 'RESEND_ISSUE', issue: { kind: 'failed', error } });
      }
    },
    /** A lockout's countdown ended: the person may type again. */
    lockOver: () => store.dispatch({ type: 'LOCK_OVER' }),
    /** Forgets the attempt; the person gives another contact. */
    changeContact: () => store.dispatch({ type: 'CHANGE_CONTACT' }),
  };
  return flow;
}

export type OtpFlow = ReturnType<typeof createOtpFlow>;
