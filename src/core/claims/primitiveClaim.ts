import type { ClaimClient, ClaimFailureTarget, ClaimValidator } from './ClaimValidator.ts';

/** A claim stored as `{v, t}` (value, fetch time in epoch ms), like `st-ev` and SuperTokens' PrimitiveClaim. */
export interface PrimitiveClaim<V> {
  id: string;
  getValueFromPayload(payload: Record<string, unknown>): V | undefined;
  /** Fetch time of the value, epoch ms. */
  getLastFetchedTime(payload: Record<string, unknown>): number | undefined;
  validators: {
    /** Passes when the value equals `expected` (and, with `maxAgeInSeconds`, was fetched recently). */
    hasValue(expected: V, options?: { maxAgeInSeconds?: number; id?: string; onFailure?: ClaimFailureTarget }): ClaimValidator;
  };
}

export interface PrimitiveClaimOptions {
  /** The payload key. */
  id: string;
  /** Brings a fresh value into the session, usually by calling one of the app's APIs through `client.fetch`. */
  refresh(client: ClaimClient): Promise<void>;
  /** @default { kind: 'ACCESS_DENIED' } */
  onFailure?: ClaimFailureTarget;
}

function readEntry(payload: Record<string, unknown>, id: string): { v: unknown; t: number } | undefined {
  const entry = payload[id];
  if (typeof entry !== 'object' || entry === null) return undefined;
  const { v, t } = entry as { v?: unknown; t?: unknown };
  if (v === undefined || typeof t !== 'number') return undefined;
  return { v, t };
}

/**
 * Builds a claim of the app's own, held in the access-token payload as `{v, t}`.
 * As SuperTokens' `PrimitiveClaim` (a value and the time it was fetched).
 */
export function createPrimitiveClaim<V>(options: PrimitiveClaimOptions): PrimitiveClaim<V> {
  const { id } = options;
  return {
    id,
    getValueFromPayload: (payload) => readEntry(payload, id)?.v as V | undefined,
    getLastFetchedTime: (payload) => readEntry(payload, id)?.t,
    validators: {
      hasValue: (expected, validatorOptions = {}) => {
        const maxAgeMs = validatorOptions.maxAgeInSeconds === undefined ? undefined : validatorOptions.maxAgeInSeconds * 1000;
        return {
          id: validatorOptions.id ?? id,
          claimId: id,
          onFailure: validatorOptions.onFailure ?? options.onFailure ?? { kind: 'ACCESS_DENIED' },
          refresh: options.refresh,
          shouldRefresh: (payload, now) => {
            const entry = readEntry(payload, id);
            return entry === undefined || (maxAgeMs !== undefined && entry.t < now - maxAgeMs);
          },
          validate: (payload, now) => {
            const entry = readEntry(payload, id);
            if (entry === undefined) return { isValid: false, reason: { message: 'value does not exist', expectedValue: expected } };
            if (maxAgeMs !== undefined && entry.t < now - maxAgeMs) {
              return { isValid: false, reason: { message: 'expired', ageInSeconds: Math.floor((now - entry.t) / 1000), maxAgeInSeconds: validatorOptions.maxAgeInSeconds } };
            }
            if (entry.v !== expected) return { isValid: false, reason: { message: 'wrong value', expectedValue: expected, actualValue: entry.v } };
            return { isValid: true };
          },
        };
      },
    },
  };
}

/** A boolean {@link createPrimitiveClaim} with `isTrue` / `isFalse` validators. */
export function createBooleanClaim(options: PrimitiveClaimOptions) {
  const claim = createPrimitiveClaim<boolean>(options);
  return {
    ...claim,
    validators: {
      ...claim.validators,
      isTrue: (validatorOptions?: { maxAgeInSeconds?: number; id?: string; onFailure?: ClaimFailureTarget }) => claim.validators.hasValue(true, validatorOptions),
      isFalse: (validatorOptions?: { maxAgeInSeconds?: number; id?: string; onFailure?: ClaimFailureTarget }) => claim.validators.hasValue(false, validatorOptions),
    },
  };
}
