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

export type SendPasswordResetEmailResult = { status: 'OK' } | FieldError | NotAllowed<'PASSWORD_RESET_NOT_ALLOWED'> | GeneralError;
export type SubmitNewPasswordResult = { status: 'OK' } | { status: 'RESET_PASSWORD_INVALID_TOKEN_ERROR' } | FieldError | GeneralError;
export type ChangePasswordResult = { status: 'OK' } | { status: 'WRONG_CREDENTIALS_ERROR' } | FieldError | GeneralError | InvalidClaim;

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
    /**
     * `POST /user/password/reset/token`: emails a link to reset the password. `OK` whether or not the
     * address has an account (nothing tells which).
     */
    sendPasswordResetEmail: (input: { email: string }) =>
      callApi<SendPasswordResetEmailResult>(transport, { method: 'POST', path: '/user/password/reset/token', rid: 'emailpassword', tenantScoped: true, body: { formFields: [{ id: 'email', value: input.email }] }, session: 'none' }),
    /** `POST /user/password/reset`: sets a new password with the link's token (`tenantId` of the link). */
    submitNewPassword: (input: { token: string; password: string; tenantId?: string }) =>
      callApi<SubmitNewPasswordResult>(transport, {
        method: 'POST',
        path: '/user/password/reset',
        rid: 'emailpassword',
        tenantScoped: true,
        tenantId: input.tenantId,
        body: { method: 'token', token: input.token, formFields: [{ id: 'password', value: input.password }] },
        session: 'none',
      }),
    /**
     * `POST /fk/password/change` (factorkit's extension): a new password for the signed-in user, with
     * the current one, or without it after step-up (`403 fk-step-up` otherwise).
     */
    changePassword: (input: { currentPassword?: string; newPassword: string }) =>
      callApi<ChangePasswordResult>(transport, { method: 'POST', path: '/fk/password/change', rid: 'fk', body: input, session: 'required' }),
    /** `GET /emailpassword/email/exists`. */
    doesEmailExist: (email: string) =>
      callApi<{ status: 'OK'; exists: boolean } | GeneralError>(transport, { method: 'GET', path: '/emailpassword/email/exists', rid: 'emailpassword', tenantScoped: true, query: { email }, session: 'none' }),
  };
}
