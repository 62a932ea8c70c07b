import { ClaimIds } from '../../protocol/claims.ts';
import type { Transport } from '../session/transport.ts';
import { callApi } from './callApi.ts';
import type { GeneralError } from './types.ts';

/** One secondary factor as the settings page shows it. */
export interface MFASettingsFactor {
  id: string;
  /** The user has it set up (a verified TOTP device, a linked email/phone login). */
  setUp: boolean;
  /** It can be turned on now (set up, or an OTP to a contact the account already has). */
  canBeRequired: boolean;
  requiredForUser: boolean;
  requiredForTenant: boolean;
  allowedToSetup: boolean;
  /** What sign-in asks of it by the real rule for this user: `always`, `oneOf` (any one of several will do), or `no`. */
  askedAtSignIn: 'always' | 'oneOf' | 'no';
  /** Why it is asked: the user turned it on, the tenant requires it, or the app's policy does. */
  askedBecause?: 'user' | 'tenant' | 'policy';
  /** When the factor was last completed (epoch ms): codes by email or text message, an authenticator app (any). Absent for others, null when never. */
  lastUsedAt?: number | null;
}

/** `GET {apiBasePath}/fk/mfa/settings`: factorkit's extension of the protocol. */
export interface MFASettings {
  status: 'OK';
  factors: MFASettingsFactor[];
  requiredSecondaryFactorsForUser: string[];
  requiredSecondaryFactorsForTenant: string[];
  /** `lastUsedAt`: when the app last gave a right code (epoch ms), `null` if never since it was added (absent from older backends). */
  totpDevices: { name: string; verified: boolean; createdAt: number; lastUsedAt?: number | null }[];
  emails: Record<string, string[] | undefined>;
  phoneNumbers: Record<string, string[] | undefined>;
  /**
   * Until when sensitive changes need no re-verification (epoch ms), and which factors re-verify.
   * `recoveredUntil`: a recovery code used in this session lets it replace a lost factor until then.
   */
  stepUp: { maxAgeSeconds: number; satisfiedUntil: number | null; factors: string[]; recoveredUntil?: number | null };
  /** The user's recovery codes: unused, of how many, made when (epoch ms; null: none). Absent from backends without them. */
  recoveryCodes?: RecoveryCodeCount;
}

/** How many recovery codes the user has left. */
export interface RecoveryCodeCount {
  remaining: number;
  total: number;
  createdAt: number | null;
}

export type RequiredFactorChangeResult = { status: 'OK'; requiredSecondaryFactorsForUser: string[] } | { status: 'FACTOR_SETUP_REQUIRED'; factorId: string } | GeneralError;

/** The claim id of the backend's step-up refusal (a 403 like any claim failure). */
export const STEP_UP_CLAIM_ID = ClaimIds.STEP_UP;

/**
 * The MFA settings API, factorkit's extension of the FDI (documented in the README, "Protocol
 * extensions"). Changes that weaken MFA answer `INVALID_CLAIM` with `fk-step-up` until the user
 * re-verifies a factor.
 */
export function createMfaSettingsApi(transport: Transport) {
  return {
    get: () => callApi<MFASettings | GeneralError>(transport, { method: 'GET', path: '/fk/mfa/settings', rid: 'fk', session: 'required' }),
    /** Requires a factor at every sign-in for this user. */
    addRequiredFactor: (input: { factorId: string }) =>
      callApi<RequiredFactorChangeResult>(transport, { method: 'POST', path: '/fk/mfa/settings/required-factors/add', rid: 'fk', body: input, session: 'required' }),
    /** Stops requiring a factor (needs a recent step-up). */
    removeRequiredFactor: (input: { factorId: string }) =>
      callApi<RequiredFactorChangeResult>(transport, { method: 'POST', path: '/fk/mfa/settings/required-factors/remove', rid: 'fk', body: input, session: 'required' }),
  };
}

/** Answer of using a recovery code. */
export type UseRecoveryCodeResult =
  | { status: 'OK'; remaining: number }
  | { status: 'INVALID_RECOVERY_CODE_ERROR' }
  | (GeneralError & { retryAfterMs?: number });

/**
 * Recovery codes, factorkit's extension of the FDI (README "Protocol extensions"): how many are left,
 * a new set (shown once; needs step-up unless it is the first set after the first factor), and using
 * one to finish sign-in when the other factors are lost.
 */
export function createRecoveryCodesApi(transport: Transport) {
  return {
    status: () => callApi<({ status: 'OK' } & RecoveryCodeCount) | GeneralError>(transport, { method: 'GET', path: '/fk/recovery-codes', rid: 'fk', session: 'required' }),
    /** A new set of codes; the old set stops working. Shown once: keep them. */
    generate: () => callApi<{ status: 'OK'; codes: string[] } | GeneralError>(transport, { method: 'POST', path: '/fk/recovery-codes/generate', rid: 'fk', body: {}, session: 'required' }),
    /** Finishes sign-in's second step with a code (it works once). */
    use: (input: { code: string }) => callApi<UseRecoveryCodeResult>(transport, { method: 'POST', path: '/fk/recovery-codes/use', rid: 'fk', body: input, session: 'required' }),
  };
}
