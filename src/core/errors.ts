/** Why a call failed unexpectedly. Expected outcomes (wrong code, field errors...) are values, not errors. */
export const AuthErrorCodes = {
  /** The request never reached the API (offline, DNS, CORS). */
  NETWORK: 'network',
  /** The API answered with an HTTP status the protocol does not expect here (5xx, 404...). */
  HTTP: 'http',
  /** The API answered 2xx with a body that is not the protocol's JSON. */
  BAD_RESPONSE: 'bad_response',
  /** There is no session, or it ended (refresh failed, revoked, token theft). */
  UNAUTHORISED: 'unauthorised',
  /** The client was configured wrongly. */
  CONFIG: 'config',
} as const;
export type AuthErrorCodes = (typeof AuthErrorCodes)[keyof typeof AuthErrorCodes];

/** The one error type the core throws. */
export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(
    readonly code: AuthErrorCodes,
    message: string,
    /** HTTP status, when there was a response. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Type guard for {@link AuthError}. */
export function isAuthError(error: unknown, code?: AuthErrorCodes): error is AuthError {
  return error instanceof AuthError && (code === undefined || error.code === code);
}
