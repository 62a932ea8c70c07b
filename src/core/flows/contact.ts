/**
 * What a person typed as an email address, checked the same way on every screen before anything is
 * sent (the backend checks again, more strictly): something, an `@`, a dot in the host.
 */
export type TypedEmailProblem = 'required' | 'emailInvalid';

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Why a typed email address is not worth sending, or undefined. The value is expected trimmed. */
export function typedEmailProblem(value: string): TypedEmailProblem | undefined {
  if (value === '') return 'required';
  return EMAIL_SHAPE.test(value) ? undefined : 'emailInvalid';
}
