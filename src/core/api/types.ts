import type { ClaimValidationError } from '../session/sessionEvents.ts';
import type { RetryAfter } from '../../protocol/refusal.ts';

export type { User, LoginMethod } from '../../protocol/user.ts';

/** Any API may answer this (usually from a backend override); `message` is meant for people. */
export interface GeneralError extends RetryAfter {
  status: 'GENERAL_ERROR';
  message: string;
}

/** A `…_NOT_ALLOWED` answer: `reason` is meant for people; factorkit's backend may add how long to wait. */
export interface NotAllowed<S extends string> extends RetryAfter {
  status: S;
  reason: string;
}

/** A 403 from an API that needs a claim first (factor setup not allowed, email not verified). */
export interface InvalidClaim {
  status: 'INVALID_CLAIM';
  claimValidationErrors: ClaimValidationError[];
}

export interface FieldError {
  status: 'FIELD_ERROR';
  formFields: { id: string; error: string }[];
}

/** What `GET /loginmethods` answers (node's flat shape). */
export interface LoginMethods {
  status: 'OK';
  emailPassword: { enabled: boolean };
  passwordless: { enabled: boolean };
  thirdParty: { enabled: boolean; providers: { id: string; name?: string }[] };
  /** The factors that may start a session on this tenant. */
  firstFactors: string[];
}
