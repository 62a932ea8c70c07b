import { STEP_UP_CLAIM_ID } from '../../../core/index.ts';
import type { Messages } from '../../messages/types.ts';
import { answerText, failureText } from '../screenSupport.ts';

/** The sentence for an unexpected failure (thrown) or a non-OK answer nobody handled more precisely. */
export function errorText(m: Messages, failure: unknown): string {
  if (typeof failure === 'object' && failure !== null && 'status' in failure && typeof (failure as { status: unknown }).status === 'string') {
    return answerText(m, failure as { status: string });
  }
  return failureText(m, failure);
}

/** The factors a `403 fk-step-up` answer names (an empty list when it names none), or undefined for any other answer. */
export function stepUpFactorsOf(answer: { status: string; claimValidationErrors?: { id: string; reason?: unknown }[] }): string[] | undefined {
  if (answer.status !== 'INVALID_CLAIM') return undefined;
  const refusal = answer.claimValidationErrors?.find((e) => e.id === STEP_UP_CLAIM_ID);
  if (!refusal) return undefined;
  const factors = (refusal.reason as { factors?: unknown } | undefined)?.factors;
  return Array.isArray(factors) ? factors.filter((f): f is string => typeof f === 'string') : [];
}
