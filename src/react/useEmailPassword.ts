import { useMutation } from '@tanstack/react-query';
import type { EmailPasswordInput, SignInResult, SignUpResult } from '../core/index.ts';
import { useAuthContext } from './AuthContext.ts';

/** Field errors of a `FIELD_ERROR` answer, by field id (`email`, `password`). */
export type FieldErrors = Record<string, string>;

function fieldErrorsOf(result: SignInResult | SignUpResult | undefined): FieldErrors {
  if (result?.status !== 'FIELD_ERROR') return {};
  return Object.fromEntries(result.formFields.map((f) => [f.id, f.error]));
}

/**
 * Email + password sign-in as the first factor (or, with `asSecondFactor`, as a factor of the
 * signed-in user). On `OK`, run `useContinue()`. `fieldErrors` maps the last answer's field errors.
 */
export function useSignIn() {
  const { client, queryClient } = useAuthContext('useSignIn');
  const mutation = useMutation({ mutationFn: (input: EmailPasswordInput) => client.emailPassword.signIn(input) }, queryClient);
  return { ...mutation, fieldErrors: fieldErrorsOf(mutation.data) };
}

/** Email + password sign-up; see {@link useSignIn}. */
export function useSignUp() {
  const { client, queryClient } = useAuthContext('useSignUp');
  const mutation = useMutation({ mutationFn: (input: EmailPasswordInput) => client.emailPassword.signUp(input) }, queryClient);
  return { ...mutation, fieldErrors: fieldErrorsOf(mutation.data) };
}
