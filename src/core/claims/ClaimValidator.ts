import type { SessionSnapshot } from '../session/sessionStore.ts';

/**
 * What claims need of the auth client to refresh and read a session (the client made by
 * `createAuthClient` is one): declared here, so the claims do not import the client that runs them.
 */
export interface ClaimClient {
  /** Epoch ms on the API's clock. */
  now(): number;
  session: { getSnapshot(): SessionSnapshot };
  /** `fetch` for the app's own API, with the session attached (app claims refresh through it). */
  fetch(resource: string | URL, init?: RequestInit): Promise<Response>;
  mfa: { getInfo(): Promise<unknown> };
  emailVerification: { isVerified(): Promise<unknown> };
}

/** Where a failed validator sends the user. `MFA` and `VERIFY_EMAIL` go to the kit's screens. */
export type ClaimFailureTarget =
  | { kind: 'MFA' }
  | { kind: 'VERIFY_EMAIL' }
  | { kind: 'ACCESS_DENIED' }
  /** A same-origin path of the app's choosing. */
  | { kind: 'PATH'; path: string };

export type ClaimValidationResult = { isValid: true } | { isValid: false; reason: unknown };

/**
 * Checks one claim in the access-token payload. Validators run in order; the first failure
 * decides where the user goes.
 */
export interface ClaimValidator {
  /** Unique per validator (several validators may check one claim). */
  id: string;
  /** The payload key of the claim, e.g. `st-mfa`. */
  claimId: string;
  /** Whether the value in the payload is missing or too old, so `refresh` must run first. */
  shouldRefresh(payload: Record<string, unknown>, now: number): boolean;
  /** Fetches a fresh value into the session (through an API that updates the access token). */
  refresh(client: ClaimClient): Promise<void>;
  validate(payload: Record<string, unknown>, now: number): ClaimValidationResult;
  /** @default { kind: 'ACCESS_DENIED' } */
  onFailure?: ClaimFailureTarget;
}

/** One failed validator, with where it wants the user to go. */
export interface ClaimFailure {
  validatorId: string;
  claimId: string;
  reason: unknown;
  onFailure: ClaimFailureTarget;
}
