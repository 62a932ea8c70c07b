import type { ClaimValidationError } from './errors.ts';
import type { SessionContainer } from './SessionContainer.ts';

/** A check run on a loaded session; returns a failure or undefined. */
export interface ClaimValidator {
  id: string;
  /** True when the claim's value is missing or stale and must be fetched before validating. */
  shouldRefetch?(payload: Record<string, unknown>): boolean;
  /** Fetches the value and stores it in the session. */
  refetch?(session: SessionContainer): Promise<void>;
  validate(payload: Record<string, unknown>): ClaimValidationError | undefined;
}
