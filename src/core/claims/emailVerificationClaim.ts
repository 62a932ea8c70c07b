import { ClaimIds } from '../../protocol/claims.ts';
import type { ClaimValidator } from './ClaimValidator.ts';
import { createBooleanClaim } from './primitiveClaim.ts';

const base = createBooleanClaim({
  id: ClaimIds.EMAIL_VERIFICATION,
  refresh: async (client) => {
    // The answer carries the refreshed claim in a new access token; the store picks it up.
    await client.emailVerification.isVerified();
  },
  onFailure: { kind: 'VERIFY_EMAIL' },
});

/**
 * The email-verification claim (`st-ev`, `{v, t}`).
 * @see docs/protocol.md §2.6
 */
export const EmailVerificationClaim = {
  id: base.id,
  getValueFromPayload: base.getValueFromPayload,
  getLastFetchedTime: base.getLastFetchedTime,
  validators: {
    /**
     * Passes when the email is verified. While it is not, the value is re-fetched when older than
     * `refetchTimeOnFalseInSeconds`, so a link opened in another tab is noticed.
     * @param refetchTimeOnFalseInSeconds @default 10
     */
    isVerified(refetchTimeOnFalseInSeconds = 10, maxAgeInSeconds?: number): ClaimValidator {
      const validator = base.validators.isTrue({ maxAgeInSeconds, id: 'st-ev-isVerified' });
      return {
        ...validator,
        shouldRefresh: (payload, now) => {
          if (validator.shouldRefresh(payload, now)) return true;
          const t = base.getLastFetchedTime(payload);
          return base.getValueFromPayload(payload) === false && t !== undefined && t < now - refetchTimeOnFalseInSeconds * 1000;
        },
      };
    },
  },
};
