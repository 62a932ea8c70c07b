/** A claim that failed validation, as sent in a 403. */
export interface ClaimValidationError {
  id: string;
  reason: unknown;
}

/**
 * Session failures that end the request with the protocol's 401/403 answers. @see protocol §1.5
 */
export class SessionError extends Error {
  constructor(
    readonly type: 'TRY_REFRESH_TOKEN' | 'UNAUTHORISED' | 'TOKEN_THEFT_DETECTED' | 'INVALID_CLAIMS',
    message: string,
    readonly options: { clearTokens?: boolean; claimValidationErrors?: ClaimValidationError[] } = {},
  ) {
    super(message);
    this.name = 'SessionError';
  }

  static tryRefresh(): SessionError {
    return new SessionError('TRY_REFRESH_TOKEN', 'try refresh token');
  }
  static unauthorised(clearTokens = true): SessionError {
    return new SessionError('UNAUTHORISED', 'unauthorised', { clearTokens });
  }
  static invalidClaims(claimValidationErrors: ClaimValidationError[]): SessionError {
    return new SessionError('INVALID_CLAIMS', 'invalid claim', { claimValidationErrors });
  }
}

/** A client mistake in the request body: answered 400 `{message}`. */
export class BadInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadInputError';
  }
}

/**
 * A request the backend refuses whatever its body: a foreign `Origin`, a session used on another
 * tenant's path. Answered 403 `{message}`; no token is cleared (the sender may not be the user).
 */
export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}
