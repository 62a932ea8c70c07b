import type { Transport } from '../session/transport.ts';
import { callApi } from './callApi.ts';
import type { GeneralError } from './types.ts';

/** Email verification calls. */
export function createEmailVerificationApi(transport: Transport) {
  return {
    /** `GET /user/email/verify`: whether the session's email is verified; refreshes `st-ev`. */
    isVerified: () => callApi<{ status: 'OK'; isVerified: boolean } | GeneralError>(transport, { method: 'GET', path: '/user/email/verify', rid: 'emailverification', session: 'required' }),
    /** `POST /user/email/verify/token`: sends the verification email. */
    sendEmail: () =>
      callApi<{ status: 'OK' } | { status: 'EMAIL_ALREADY_VERIFIED_ERROR' } | GeneralError>(transport, {
        method: 'POST',
        path: '/user/email/verify/token',
        rid: 'emailverification',
        tenantScoped: true,
        body: {},
        session: 'required',
      }),
    /**
     * `POST /user/email/verify`: consumes the token of a link. Works without a session (the link
     * may be opened on another device); with one, `st-ev` is refreshed too.
     */
    verifyToken: (input: { token: string; tenantId?: string }) =>
      callApi<{ status: 'OK' } | { status: 'EMAIL_VERIFICATION_INVALID_TOKEN_ERROR' } | GeneralError>(transport, {
        method: 'POST',
        path: '/user/email/verify',
        rid: 'emailverification',
        tenantScoped: true,
        tenantId: input.tenantId,
        body: { method: 'token', token: input.token },
        session: 'none',
      }),
  };
}
