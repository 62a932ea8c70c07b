/**
 * The factor ids of the SuperTokens MFA recipe, as they appear in `st-mfa.c` and in `/mfa/info`.
 * @see docs/protocol.md §4.1
 */
export const FactorIds = {
  EMAILPASSWORD: 'emailpassword',
  WEBAUTHN: 'webauthn',
  OTP_EMAIL: 'otp-email',
  OTP_PHONE: 'otp-phone',
  LINK_EMAIL: 'link-email',
  LINK_PHONE: 'link-phone',
  THIRDPARTY: 'thirdparty',
  TOTP: 'totp',
} as const;

/** One of the built-in factor ids. Custom factors are plain strings. */
export type FactorIds = (typeof FactorIds)[keyof typeof FactorIds];

/** How a passwordless factor reaches the user: by email, by text message, or neither (TOTP, password…). */
export function contactMethodOf(factorId: string): 'EMAIL' | 'PHONE' | undefined {
  if (factorId === FactorIds.OTP_EMAIL || factorId === FactorIds.LINK_EMAIL) return 'EMAIL';
  if (factorId === FactorIds.OTP_PHONE || factorId === FactorIds.LINK_PHONE) return 'PHONE';
  return undefined;
}

/**
 * factorkit's recovery-code factor (not a SuperTokens factor): one of the codes saved at set-up. It
 * completes sign-in's second step (`st-mfa.v`) on its own, never vouches for step-up, and lets the
 * session replace a lost factor for a few minutes. @see SECURITY.md "Recovery codes"
 */
export const RECOVERY_CODE_FACTOR = 'recovery-code';

/**
 * factorkit's trusted-device completion (not a SuperTokens factor): sign-in on a browser the user
 * trusted ("Don't ask again on this device"). Like a recovery code it completes `st-mfa.v`, and it
 * never vouches for step-up.
 */
export const TRUSTED_DEVICE_FACTOR = 'trusted-device';
