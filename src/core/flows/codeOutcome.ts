import { ClaimIds } from '../../protocol/claims.ts';
import { refusalOf, type Refusal } from '../../protocol/refusal.ts';

/**
 * What an answer to a typed code means for the person typing it, whatever checked it (an email or
 * SMS code, an authenticator app's code at sign-in or at set-up): one reading, so every screen says
 * the same thing the same way.
 */
export type CodeOutcome =
  | { kind: 'ok' }
  /** Not the right code; `attemptsLeft` when the backend says. */
  | { kind: 'wrong'; attemptsLeft: number | undefined }
  /** The right code, too late: ask for a new one. */
  | { kind: 'expired'; attemptsLeft: number | undefined }
  /** Code entry is paused until `until` (epoch ms, this device's clock). */
  | { kind: 'locked'; until: number }
  /** The attempt is gone (too many wrong codes, or it ended elsewhere): start again. */
  | { kind: 'restart' }
  /** The authenticator app being set up was removed meanwhile: set it up again. */
  | { kind: 'unknownDevice' }
  /** The backend wants a recent factor first (`403 fk-step-up`): these would do. */
  | { kind: 'stepUp'; factors: string[] }
  /** Refused for a reason to show as it is (a `…_NOT_ALLOWED` reason, a `GENERAL_ERROR`, a claim). */
  | { kind: 'refused'; refusal: Refusal };


const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const left = (max: unknown, used: unknown) => {
  const m = num(max);
  const u = num(used);
  return m === undefined || u === undefined ? undefined : Math.max(0, m - u);
};

/** The factors a `403 fk-step-up` names, or undefined for any other answer. */
export function stepUpFactorsOf(answer: { status: string; claimValidationErrors?: unknown }): string[] | undefined {
  if (answer.status !== 'INVALID_CLAIM' || !Array.isArray(answer.claimValidationErrors)) return undefined;
  const refusal = (answer.claimValidationErrors as { id?: unknown; reason?: unknown }[]).find((e) => e.id === ClaimIds.STEP_UP);
  if (!refusal) return undefined;
  const factors = (refusal.reason as { factors?: unknown } | undefined)?.factors;
  return Array.isArray(factors) ? factors.filter((f): f is string => typeof f === 'string') : [];
}

/** Reads any code answer (`consumeCode`, `verifyCode`, `verifyDevice`) as a {@link CodeOutcome}. `now`: this device's clock. */
export function codeOutcome(result: { status: string }, now: number): CodeOutcome {
  const answer = result as { status: string } & Record<string, unknown>;
  switch (answer.status) {
    case 'OK':
      return { kind: 'ok' };
    case 'INCORRECT_USER_INPUT_CODE_ERROR':
      return { kind: 'wrong', attemptsLeft: left(answer.maximumCodeInputAttempts, answer.failedCodeInputAttemptCount) };
    case 'EXPIRED_USER_INPUT_CODE_ERROR':
      return { kind: 'expired', attemptsLeft: left(answer.maximumCodeInputAttempts, answer.failedCodeInputAttemptCount) };
    case 'INVALID_TOTP_ERROR':
      return { kind: 'wrong', attemptsLeft: left(answer.maxNumberOfFailedAttempts, answer.currentNumberOfFailedAttempts) };
    case 'LIMIT_REACHED_ERROR':
      return { kind: 'locked', until: now + Math.max(0, num(answer.retryAfterMs) ?? 0) };
    case 'RESTART_FLOW_ERROR':
      return { kind: 'restart' };
    case 'UNKNOWN_DEVICE_ERROR':
      return { kind: 'unknownDevice' };
    case 'INVALID_CLAIM': {
      const factors = stepUpFactorsOf(answer);
      if (factors) return { kind: 'stepUp', factors };
      return { kind: 'refused', refusal: { code: undefined, retryAt: undefined, text: undefined } };
    }
    default: {
      // A limit that says how long to wait pauses code entry like a lockout; anything else is shown.
      const refusal = refusalOf(answer);
      if (refusal.retryAt !== undefined) return { kind: 'locked', until: refusal.retryAt };
      return { kind: 'refused', refusal };
    }
  }
}
