import { ClaimIds } from '../../protocol/claims.ts';
import { getNextSetOfUnsatisfiedFactors, type MFAClaimValue, type MFARequirementList } from '../../protocol/requirements.ts';
import type { ClaimValidator } from './ClaimValidator.ts';

function readValue(payload: Record<string, unknown>): MFAClaimValue | undefined {
  const value = payload[ClaimIds.MFA];
  if (typeof value !== 'object' || value === null) return undefined;
  const { c, v } = value as { c?: unknown; v?: unknown };
  if (typeof c !== 'object' || c === null || Array.isArray(c) || typeof v !== 'boolean') return undefined;
  const completed: Record<string, number> = {};
  for (const [factorId, at] of Object.entries(c)) if (typeof at === 'number') completed[factorId] = at;
  return { c: completed, v };
}

/**
 * Completion time in epoch seconds. Node back-fills the first factor of an old session in
 * milliseconds, so a value too large to be seconds is read as milliseconds.
 */
function toSeconds(at: number): number {
  return at > 1e11 ? Math.floor(at / 1000) : at;
}

const refresh: ClaimValidator['refresh'] = async (client) => {
  await client.mfa.getInfo();
};

/**
 * The MFA claim (`st-mfa`: `{c: {factorId: completedAt}, v}`).
 * @see docs/protocol.md §3.2, §4.10
 */
export const MultiFactorAuthClaim = {
  id: ClaimIds.MFA,
  getValueFromPayload: readValue,
  /** The factors completed in this session, with their completion time in epoch seconds. */
  getCompletedFactors(payload: Record<string, unknown>): Record<string, number> {
    const value = readValue(payload);
    return Object.fromEntries(Object.entries(value?.c ?? {}).map(([k, at]) => [k, toSeconds(at as number)]));
  },
  validators: {
    /** Passes when the backend says the requirements for sign-in are met (`v: true`). */
    hasCompletedMFARequirementsForAuth(): ClaimValidator {
      return {
        id: 'st-mfa-hasCompletedMFARequirementsForAuth',
        claimId: ClaimIds.MFA,
        onFailure: { kind: 'MFA' },
        refresh,
        shouldRefresh: (payload) => readValue(payload) === undefined,
        validate: (payload) => {
          const value = readValue(payload);
          if (value === undefined) return { isValid: false, reason: { message: 'MFA info not available in payload' } };
          return value.v ? { isValid: true } : { isValid: false, reason: { message: 'not all required factors have been completed' } };
        },
      };
    },
    /**
     * Passes when these requirements are met by factors completed in this session — within the
     * last `maxAgeInSeconds` when given (step-up: "TOTP in the last 5 minutes").
     */
    hasCompletedFactors(requirements: MFARequirementList, options: { maxAgeInSeconds?: number } = {}): ClaimValidator {
      const completedWithin = (payload: Record<string, unknown>, now: number) => {
        const all = MultiFactorAuthClaim.getCompletedFactors(payload);
        if (options.maxAgeInSeconds === undefined) return all;
        const since = Math.floor(now / 1000) - options.maxAgeInSeconds;
        return Object.fromEntries(Object.entries(all).filter(([, at]) => at >= since));
      };
      return {
        id: `st-mfa-hasCompletedFactors:${JSON.stringify(requirements)}:${options.maxAgeInSeconds ?? ''}`,
        claimId: ClaimIds.MFA,
        onFailure: { kind: 'MFA' },
        refresh,
        shouldRefresh: (payload) => readValue(payload) === undefined,
        validate: (payload, now) => {
          const next = getNextSetOfUnsatisfiedFactors(completedWithin(payload, now), requirements);
          if (next.factorIds.length === 0) return { isValid: true };
          return {
            isValid: false,
            reason: { message: 'not all required factors have been completed', factorIds: next.factorIds, type: next.type, maxAgeInSeconds: options.maxAgeInSeconds },
          };
        },
      };
    },
  },
};
