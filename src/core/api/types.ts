import type { ClaimValidationError } from '../session/sessionEvents.ts';
import type { RetryAfter } from './refusal.ts';

/** A user as the FDI returns it. Unknown keys are kept but not typed. */
export interface User {
  id: string;
  isPrimaryUser: boolean;
  tenantIds: string[];
  emails: string[];
  phoneNumbers: string[];
  timeJoined: number;
  loginMethods: {
    recipeId: string;
    recipeUserId: string;
    tenantIds: string[];
    email?: string;
    phoneNumber?: string;
    timeJoined: number;
    verified: boolean;
  }[];
}

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
