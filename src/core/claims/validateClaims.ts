import type { ClaimClient, ClaimFailure, ClaimValidator } from './ClaimValidator.ts';

/**
 * Runs validators in two passes, as SuperTokens does: first every validator whose value is
 * missing or stale refreshes it (in order), then every validator checks the final payload.
 * Returns the failures in validator order; an empty list means the session passes.
 * Returns `undefined` when there is no session.
 */
export async function validateClaims(client: ClaimClient, validators: readonly ClaimValidator[]): Promise<ClaimFailure[] | undefined> {
  const payload = () => {
    const snapshot = client.session.getSnapshot();
    return snapshot.status === 'signedIn' ? snapshot.payload : undefined;
  };
  if (payload() === undefined) return undefined;
  for (const validator of validators) {
    const current = payload();
    if (current === undefined) return undefined;
    if (validator.shouldRefresh(current, client.now())) await validator.refresh(client);
  }
  const final = payload();
  if (final === undefined) return undefined;
  const failures: ClaimFailure[] = [];
  for (const validator of validators) {
    const result = validator.validate(final, client.now());
    if (!result.isValid) {
      failures.push({ validatorId: validator.id, claimId: validator.claimId, reason: result.reason, onFailure: validator.onFailure ?? { kind: 'ACCESS_DENIED' } });
    }
  }
  return failures;
}
