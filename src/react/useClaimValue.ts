import { useSession } from './useSession.ts';

/** Anything that reads a claim from the access-token payload (`MultiFactorAuthClaim`, `EmailVerificationClaim`, an app's own). */
export interface ClaimReader<V> {
  getValueFromPayload(payload: Record<string, unknown>): V | undefined;
}

/**
 * The value of one claim in the current session, without a request. `value` is `undefined`
 * without a session or when the payload lacks the claim.
 */
export function useClaimValue<V>(claim: ClaimReader<V>): { value: V | undefined; exists: boolean; isPending: boolean } {
  const session = useSession();
  return { value: session.payload ? claim.getValueFromPayload(session.payload) : undefined, exists: session.exists, isPending: session.isPending };
}
