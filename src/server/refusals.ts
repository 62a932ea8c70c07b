import type { RequestContext } from './context.ts';
import { EnrolmentRefusedError } from './waysIn.ts';

/**
 * The answers of refusals the limits and the enrolment rules make, shared by the recipes: the
 * protocol's `…_NOT_ALLOWED` status (or `GENERAL_ERROR`), a reason for people that ends in a code the
 * kit's screens word themselves (`(FK_RATE_LIMITED)`), and how long to wait. @see SECURITY.md
 */

/** Says how long to wait: `Retry-After` (whole seconds) on the response; returns the body's `retryAfterMs`. */
export function retryAfter(ctx: RequestContext, retryAfterMs: number): number {
  ctx.responseHeaders.set('Retry-After', String(Math.ceil(retryAfterMs / 1000)));
  return retryAfterMs;
}

/** A wait in words: "42 seconds" under a minute and a half, else "3 minutes". */
export function waitText(ms: number): string {
  return ms < 90_000 ? `${Math.max(1, Math.ceil(ms / 1000))} seconds` : `${Math.ceil(ms / 60_000)} minutes`;
}

/** A limit's refusal: `{status, reason: '… Try again in … (FK_RATE_LIMITED)', retryAfterMs}` (GENERAL_ERROR carries `message`). */
export function rateLimited<S extends string>(ctx: RequestContext, status: S, sentence: string, retryAfterMs: number) {
  const text = `${sentence} Try again in ${waitText(retryAfterMs)}. (FK_RATE_LIMITED)`;
  const ms = retryAfter(ctx, retryAfterMs);
  return status === 'GENERAL_ERROR' ? { status, message: text, retryAfterMs: ms } : { status, reason: text, retryAfterMs: ms };
}

/** Maps a refused enrolment to the recipe's NOT_ALLOWED answer; anything else is thrown on. */
export function enrolmentRefused<S extends string>(error: unknown, status: S): { status: S; reason: string } {
  if (error instanceof EnrolmentRefusedError) return { status, reason: `${error.message}. (FK_${error.code})` };
  throw error;
}
