import type { Transport } from '../session/transport.ts';
import { callApi } from './callApi.ts';
import type { GeneralError, NotAllowed, User } from './types.ts';

/** What a code was sent to, and the ids needed to consume or resend it. Keep it; never put it in a URL. */
export interface OtpAttempt {
  deviceId: string;
  preAuthSessionId: string;
  flowType: 'USER_INPUT_CODE' | 'MAGIC_LINK' | 'USER_INPUT_CODE_AND_MAGIC_LINK';
  contactMethod: 'EMAIL' | 'PHONE';
  contact: string;
}

export type CreateCodeResult =
  | { status: 'OK'; deviceId: string; preAuthSessionId: string; flowType: OtpAttempt['flowType'] }
  | NotAllowed<'SIGN_IN_UP_NOT_ALLOWED'>
  | GeneralError;

export type ResendCodeResult = { status: 'OK' } | { status: 'RESTART_FLOW_ERROR' } | GeneralError;

export type ConsumeCodeResult =
  | { status: 'OK'; createdNewRecipeUser: boolean; user: User }
  | { status: 'INCORRECT_USER_INPUT_CODE_ERROR'; failedCodeInputAttemptCount: number; maximumCodeInputAttempts: number }
  | { status: 'EXPIRED_USER_INPUT_CODE_ERROR'; failedCodeInputAttemptCount: number; maximumCodeInputAttempts: number }
  | { status: 'RESTART_FLOW_ERROR' }
  | NotAllowed<'SIGN_IN_UP_NOT_ALLOWED'>
  | GeneralError;

export type CreateCodeInput = ({ email: string; phoneNumber?: never } | { phoneNumber: string; email?: never }) & {
  /** Send it as a second factor for the signed-in user. @default false */
  asSecondFactor?: boolean;
};

/** Passwordless OTP calls (email or SMS). */
export function createPasswordlessApi(transport: Transport) {
  const session = (second: boolean | undefined): 'required' | 'none' => (second ? 'required' : 'none');
  return {
    /** `POST /signinup/code`. */
    createCode: (input: CreateCodeInput) =>
      callApi<CreateCodeResult>(transport, {
        method: 'POST',
        path: '/signinup/code',
        rid: 'passwordless',
        tenantScoped: true,
        body: { ...(input.email !== undefined ? { email: input.email } : { phoneNumber: input.phoneNumber }), shouldTryLinkingWithSessionUser: input.asSecondFactor ?? false },
        session: session(input.asSecondFactor),
      }),
    /** `POST /signinup/code/resend`: a new code on the same device. */
    resendCode: (input: { deviceId: string; preAuthSessionId: string; asSecondFactor?: boolean }) =>
      callApi<ResendCodeResult>(transport, {
        method: 'POST',
        path: '/signinup/code/resend',
        rid: 'passwordless',
        tenantScoped: true,
        body: { deviceId: input.deviceId, preAuthSessionId: input.preAuthSessionId, shouldTryLinkingWithSessionUser: input.asSecondFactor ?? false },
        session: session(input.asSecondFactor),
      }),
    /** `POST /signinup/code/consume` with the code the user typed. */
    consumeCode: (input: { deviceId: string; preAuthSessionId: string; userInputCode: string; asSecondFactor?: boolean }) =>
      callApi<ConsumeCodeResult>(transport, {
        method: 'POST',
        path: '/signinup/code/consume',
        rid: 'passwordless',
        tenantScoped: true,
        body: { deviceId: input.deviceId, preAuthSessionId: input.preAuthSessionId, userInputCode: input.userInputCode, shouldTryLinkingWithSessionUser: input.asSecondFactor ?? false },
        session: session(input.asSecondFactor),
      }),
    /**
     * `POST /signinup/code/consume` with a magic link's `linkCode` (the part after `#`) and
     * `preAuthSessionId`, in any browser: a first factor only. `tenantId` is the link's.
     */
    consumeLink: (input: { preAuthSessionId: string; linkCode: string; tenantId?: string }) =>
      callApi<ConsumeCodeResult>(transport, {
        method: 'POST',
        path: '/signinup/code/consume',
        rid: 'passwordless',
        tenantScoped: true,
        tenantId: input.tenantId,
        body: { preAuthSessionId: input.preAuthSessionId, linkCode: input.linkCode },
        session: 'none',
      }),
    /** `GET /passwordless/email/exists`. */
    doesEmailExist: (email: string) =>
      callApi<{ status: 'OK'; exists: boolean } | GeneralError>(transport, { method: 'GET', path: '/passwordless/email/exists', rid: 'passwordless', tenantScoped: true, query: { email }, session: 'none' }),
    /** `GET /passwordless/phonenumber/exists`. */
    doesPhoneNumberExist: (phoneNumber: string) =>
      callApi<{ status: 'OK'; exists: boolean } | GeneralError>(transport, { method: 'GET', path: '/passwordless/phonenumber/exists', rid: 'passwordless', tenantScoped: true, query: { phoneNumber }, session: 'none' }),
  };
}
