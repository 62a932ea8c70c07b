import { http, HttpResponse, type HttpHandler } from './msw.ts';

/**
 * msw handlers for edge states that are slow or awkward to reach with the real backend: put them
 * before `createBackendHandlers(...)` (msw uses the first match), e.g.
 * `server.use(otp.consumeIncorrect({ attemptsLeft: 2 }))` in a test or `msw: { handlers: [...] }`
 * in a story. They match any origin; `basePath` is the API base path.
 */
export interface ScenarioOptions {
  /** The API's base path. @default '/auth' */
  basePath?: string;
  /** Answer only this many requests, then let later handlers answer. @default every request */
  times?: number;
}

const path = (o: ScenarioOptions | undefined, p: string) => `*${o?.basePath ?? '/auth'}${p}`;

function answer(method: 'get' | 'post' | 'put', o: ScenarioOptions | undefined, p: string, body: () => Response): HttpHandler {
  let left = o?.times ?? Number.POSITIVE_INFINITY;
  return http[method](path(o, p), () => {
    // Returning nothing lets the next handler (usually the backend) answer.
    if (left <= 0) return undefined;
    left -= 1;
    return body();
  });
}

const json = (body: unknown, status = 200) => () => HttpResponse.json(body as Record<string, unknown>, { status });

/** OTP by email or SMS (`/signinup/code*`). */
export const otp = {
  /** A wrong code: `attemptsLeft` tries remain (of `max`). */
  consumeIncorrect: (o: ScenarioOptions & { attemptsLeft?: number; max?: number } = {}) =>
    answer('post', o, '/signinup/code/consume', json({ status: 'INCORRECT_USER_INPUT_CODE_ERROR', failedCodeInputAttemptCount: (o.max ?? 5) - (o.attemptsLeft ?? 2), maximumCodeInputAttempts: o.max ?? 5 })),
  /** The code has expired. */
  consumeExpired: (o: ScenarioOptions & { attemptsLeft?: number; max?: number } = {}) =>
    answer('post', o, '/signinup/code/consume', json({ status: 'EXPIRED_USER_INPUT_CODE_ERROR', failedCodeInputAttemptCount: (o.max ?? 5) - (o.attemptsLeft ?? 4), maximumCodeInputAttempts: o.max ?? 5 })),
  /** The attempt is gone (too many wrong codes): consuming answers RESTART_FLOW_ERROR. */
  restartFlow: (o: ScenarioOptions = {}) => answer('post', o, '/signinup/code/consume', json({ status: 'RESTART_FLOW_ERROR' })),
  /** Resending answers RESTART_FLOW_ERROR (the attempt ended elsewhere). */
  resendRestartFlow: (o: ScenarioOptions = {}) => answer('post', o, '/signinup/code/resend', json({ status: 'RESTART_FLOW_ERROR' })),
  /** Sending a code is refused with a reason for the user. */
  createCodeNotAllowed: (o: ScenarioOptions & { reason?: string } = {}) =>
    answer('post', o, '/signinup/code', json({ status: 'SIGN_IN_UP_NOT_ALLOWED', reason: o.reason ?? 'Cannot sign in / up due to security reasons. Please contact support. (ERR_CODE_002)' })),
  /** Setting up the factor needs a verified email first (403 with the `st-ev` claim). */
  createCodeNeedsEmailVerification: (o: ScenarioOptions = {}) =>
    answer('post', o, '/signinup/code', json({ message: 'invalid claim', claimValidationErrors: [{ id: 'st-ev', reason: { message: 'wrong value', expectedValue: true, actualValue: false } }] }, 403)),
};

/** TOTP (`/totp/*`). */
export const totp = {
  /** A wrong code, `failed` of `max` failures so far (both set-up and verify). */
  invalid: (o: ScenarioOptions & { failed?: number; max?: number } = {}): HttpHandler[] => {
    const body = json({ status: 'INVALID_TOTP_ERROR', currentNumberOfFailedAttempts: o.failed ?? 1, maxNumberOfFailedAttempts: o.max ?? 5 });
    return [answer('post', o, '/totp/verify', body), answer('post', o, '/totp/device/verify', body)];
  },
  /** Locked out: try again after `retryAfterMs` (both set-up and verify). */
  limitReached: (o: ScenarioOptions & { retryAfterMs?: number } = {}): HttpHandler[] => {
    const body = json({ status: 'LIMIT_REACHED_ERROR', retryAfterMs: o.retryAfterMs ?? 900_000 });
    return [answer('post', o, '/totp/verify', body), answer('post', o, '/totp/device/verify', body)];
  },
  /** The device was removed before it was verified. */
  unknownDevice: (o: ScenarioOptions = {}) => answer('post', o, '/totp/device/verify', json({ status: 'UNKNOWN_DEVICE_ERROR' })),
  /** Creating a device fails (500). */
  createDeviceFails: (o: ScenarioOptions = {}) => answer('post', o, '/totp/device', json({ message: 'Internal error' }, 500)),
};

/** `PUT /mfa/info`. */
export const mfaInfo = {
  /** Sign-in waits for factors none of which the app offers (`next` = a hardware key the app has no screen for, by default). */
  noFactorPossible: (o: ScenarioOptions & { next?: string[] } = {}) =>
    answer('put', o, '/mfa/info', json({ status: 'OK', factors: { next: o.next ?? ['acme-hardware-key'], alreadySetup: [], allowedToSetup: [] }, emails: {}, phoneNumbers: {} })),
  /** The endpoint fails (500). */
  fails: (o: ScenarioOptions = {}) => answer('put', o, '/mfa/info', json({ message: 'Internal error' }, 500)),
};

/** Email verification (`/user/email/verify*`). */
export const emailVerification = {
  /** The link's token is expired or unknown. */
  invalidToken: (o: ScenarioOptions = {}) => answer('post', o, '/user/email/verify', json({ status: 'EMAIL_VERIFICATION_INVALID_TOKEN_ERROR' })),
  /** The session's email is verified already. */
  alreadyVerified: (o: ScenarioOptions = {}) => answer('post', o, '/user/email/verify/token', json({ status: 'EMAIL_ALREADY_VERIFIED_ERROR' })),
};

/** Social and enterprise sign-in (`/signinup`, `/authorisationurl`). */
export const thirdParty = {
  /** The provider gave no email address. */
  noEmail: (o: ScenarioOptions = {}) => answer('post', o, '/signinup', json({ status: 'NO_EMAIL_GIVEN_BY_PROVIDER' })),
  /** The provider could not be reached (the backend says so in words). */
  providerDown: (o: ScenarioOptions & { provider?: string } = {}): HttpHandler[] => {
    const body = json({ status: 'GENERAL_ERROR', message: `${o.provider ?? 'The provider'} cannot be reached right now. Try again later, or sign in another way.` });
    return [answer('post', o, '/signinup', body), answer('get', o, '/authorisationurl', body)];
  },
};

/** Password reset (`/user/password/reset*`). */
export const passwordReset = {
  /** The link expired or was used. */
  invalidToken: (o: ScenarioOptions = {}) => answer('post', o, '/user/password/reset', json({ status: 'RESET_PASSWORD_INVALID_TOKEN_ERROR' })),
};

/** The whole API. */
export const network = {
  /** Every auth request fails as if offline. */
  down: (o: ScenarioOptions = {}) => http.all(path(o, '/*'), () => HttpResponse.error()),
  /** Every auth request waits `ms` before going on to the next handler (the backend). */
  slow: (o: ScenarioOptions & { ms?: number } = {}) =>
    http.all(path(o, '/*'), async () => {
      await new Promise((resolve) => setTimeout(resolve, o.ms ?? 1500));
      return undefined;
    }),
};
