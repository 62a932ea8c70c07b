/** A claim that failed on the server, as carried by a 403 `claimValidationErrors` body. */
export interface ClaimValidationError {
  id: string;
  reason?: unknown;
}

/**
 * What happened to the session. `fromOtherTab` is set when the event was relayed from another
 * tab (or another client sharing the channel).
 */
export type SessionEvent = (
  | { type: 'SESSION_CREATED' }
  | { type: 'REFRESH_SESSION' }
  | { type: 'ACCESS_TOKEN_PAYLOAD_UPDATED' }
  | { type: 'API_INVALID_CLAIM'; claimValidationErrors: ClaimValidationError[] }
  | { type: 'UNAUTHORISED'; sessionExpiredOrRevoked: boolean }
  | { type: 'SIGN_OUT' }
) & { fromOtherTab?: boolean };

export type SessionEventType = SessionEvent['type'];
