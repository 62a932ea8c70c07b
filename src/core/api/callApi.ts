import { AuthError } from '../errors.ts';
import type { ApiRequest, Transport } from '../session/transport.ts';
import type { InvalidClaim } from './types.ts';

/**
 * Sends one protocol call and returns its body as the typed status union. A 403 with claim errors
 * becomes `{status: 'INVALID_CLAIM'}`; a body without a string `status` is a bad response.
 */
export async function callApi<T extends { status: string }>(transport: Transport, req: ApiRequest): Promise<T | InvalidClaim> {
  const result = await transport.call(req);
  if (result.kind === 'invalidClaim') return { status: 'INVALID_CLAIM', claimValidationErrors: result.claimValidationErrors };
  if (typeof result.body.status !== 'string') throw new AuthError('bad_response', `${req.method} ${req.path} answered without a status`);
  // A refusal that says how long to wait gets the time it ends on this device's clock.
  if (typeof result.body.retryAfterMs === 'number' && Number.isFinite(result.body.retryAfterMs)) {
    return { ...result.body, retryAt: Date.now() + Math.max(0, result.body.retryAfterMs) } as unknown as T;
  }
  return result.body as T;
}
