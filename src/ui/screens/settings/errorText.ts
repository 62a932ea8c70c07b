import { isAuthError } from '../../../core/index.ts';
import type { Messages } from '../../messages/types.ts';

/** The sentence for an unexpected failure (thrown) or a non-OK answer nobody handled more precisely. */
export function errorText(messages: Messages, failure: unknown): string {
  if (isAuthError(failure) && failure.code === 'network') return messages.format('error.network');
  if (typeof failure === 'object' && failure !== null && 'status' in failure) {
    const answer = failure as { status: string; message?: unknown; reason?: unknown };
    if (answer.status === 'GENERAL_ERROR' && typeof answer.message === 'string') return messages.format('error.server', { message: answer.message });
    if (answer.status === 'SIGN_IN_UP_NOT_ALLOWED' && typeof answer.reason === 'string') return messages.format('error.server', { message: answer.reason });
  }
  return messages.format('error.genericRetry');
}
