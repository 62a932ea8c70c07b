/**
 * The claim ids of the access-token payload (and of `claimValidationErrors` in a 403), shared by the
 * client and the reference backend. @see docs/protocol.md §1.5, §3.2
 */
export const ClaimIds = {
  /** The MFA claim: `{c: {factorId: epoch seconds}, v}`. */
  MFA: 'st-mfa',
  /** Email verification: `{v, t}`. */
  EMAIL_VERIFICATION: 'st-ev',
  /**
   * factorkit's step-up refusal. Never in the access token: it names the check in a 403, so SDKs
   * that read 403s as "invalid claim" handle it like any other.
   */
  STEP_UP: 'fk-step-up',
} as const;

/** One of {@link ClaimIds}. */
export type ClaimIds = (typeof ClaimIds)[keyof typeof ClaimIds];
