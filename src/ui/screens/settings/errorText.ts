import type { Messages } from '../../messages/types.ts';
import { answerText, failureText } from '../screenSupport.ts';

/** The sentence for an unexpected failure (thrown) or a non-OK answer nobody handled more precisely. */
export function errorText(m: Messages, failure: unknown): string {
  if (typeof failure === 'object' && failure !== null && 'status' in failure && typeof (failure as { status: unknown }).status === 'string') {
    return answerText(m, failure as { status: string });
  }
  return failureText(m, failure);
}

