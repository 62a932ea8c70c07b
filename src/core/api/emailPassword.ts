import type { Transport } from '../session/transport.ts';
import { callApi } from './callApi.ts';
import type { FieldError, GeneralError, InvalidClaim, NotAllowed, User } from './types.ts';

export type SignInResult =
  | { status: 'OK'; user: User }
  | FieldError
  | { status: 'WRONG_CREDENTIALS_ERROR' }
  | NotAllowed<'SIGN_IN_NOT_ALLOWED'>
  | GeneralError
  | InvalidClaim;

export type SignUpResult = { status: 'OK'; user: User } | FieldError | NotAllowed<'SIGN_UP_NOT_ALLOWED'> | GeneralError | InvalidClaim;

export interface EmailPasswordInput {
  email: string;
  password: string;
  /**
   * Complete (sign-in) or set up (sign-up) the `emailpassword` factor for the signed-in user
   * instead of starting a new session. @default false
   */
  asSecondFactor?: boolean;
}

function body(input: EmailPasswordInput) {
  return {
    formFields: [
      { id: 'email', value: input.email },
      { id: 'password', value: input.password },
    ],
    shouldTryLinkingWithSessionUser: input.asSecondFactor ?? false,
  };
}

/** Email + password calls. */
export function createEmailPasswordApi(transport: Transport) {
  return {
    /** `POST /signin`. */
    signIn: (input: EmailPasswordInput) =>
      callApi<SignInResult>(transport, { method: 'POST', path: '/signin', rid: 'emailpassword', tenantScoped: true, body: body(input), session: input.asSecondFactor ? 'required' : 'none' }),
    /** `POST /signup`. */
    signUp: (input: EmailPasswordInput) =>
      callApi<SignUpResult>(transport, { method: 'POST', path: '/signup', rid: 'emailpassword', tenantScoped: true, body: body(input), session: input.asSecondFactor ? 'required' : 'none' }),
    /** `GET /emailpassword/email/exists`. */
    doesEmailExist: (email: string) =>
      callApi<{ status: 'OK'; exists: boolean } | GeneralError>(transport, { method: 'GET', path: '/emailpassword/email/exists', rid: 'emailpassword', tenantScoped: true, query: { email }, session: 'none' }),
  };
}
