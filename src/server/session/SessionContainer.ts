import type { Queryable } from '../db/Db.ts';

/** Keys of the access-token payload that only the backend sets. @see protocol §3.2 */
export const PROTECTED_PAYLOAD_KEYS = [
  'sub', 'iat', 'exp', 'sessionHandle', 'parentRefreshTokenHash1', 'refreshTokenHash1', 'antiCsrfToken', 'rsub', 'tId', 'stt', 'iss',
] as const;

/** How the tokens of a session travel: httpOnly cookies or response/authorization headers. */
export type TokenTransferMethod = 'cookie' | 'header';

/**
 * A session loaded or created during one request (node's `SessionContainer`). Payload changes are
 * stored at once and one new access token is issued when the response is written.
 */
export class SessionContainer {
  /** True when the payload changed and the response must carry a new access token. */
  payloadChanged = false;
  /** True when the session was created in this request (the response carries a refresh token too). */
  readonly isNew: boolean;
  /** Set when the session was revoked in this request. */
  revoked = false;
  /** A refresh token issued in this request (new session or rotation), to send to the client. */
  newRefreshToken: string | undefined;
  /** Hash of the refresh token the current access token was issued with; carried into tokens reissued for claim changes. */
  refreshTokenHash: string | null = null;

  constructor(
    private readonly db: Queryable,
    readonly handle: string,
    readonly userId: string,
    readonly recipeUserId: string,
    readonly tenantId: string,
    /** Claims and app-set keys (no protected keys). */
    private payload: Record<string, unknown>,
    readonly transferMethod: TokenTransferMethod,
    /** Access-token expiry (epoch s); a regenerated token keeps it. */
    readonly accessTokenExp: number | undefined,
    isNew: boolean,
    /** Completions that may vouch for a sensitive change (step-up), kept server-side: factor id -> epoch s. */
    private stepUpProofs: Record<string, number> = {},
  ) {
    this.isNew = isNew;
  }

  /**
   * When each factor was last completed in this session with an authenticator that existed before the
   * session added any (so it may vouch for step-up): factor id -> epoch seconds.
   */
  getStepUpProofs(): Record<string, number> {
    return { ...this.stepUpProofs };
  }

  /** Records that `factorId` was completed now with an authenticator that may vouch for step-up. */
  async recordStepUpProof(factorId: string, epochSeconds: number): Promise<void> {
    this.stepUpProofs = { ...this.stepUpProofs, [factorId]: epochSeconds };
    await this.db.query('UPDATE fk_sessions SET step_up = step_up || jsonb_build_object($2::text, $3::bigint) WHERE session_handle = $1', [this.handle, factorId, epochSeconds]);
  }

  getUserId(): string {
    return this.userId;
  }
  getRecipeUserId(): string {
    return this.recipeUserId;
  }
  getTenantId(): string {
    return this.tenantId;
  }
  getHandle(): string {
    return this.handle;
  }

  /** The app-visible payload: claims and custom keys. */
  getAccessTokenPayload(): Record<string, unknown> {
    return structuredClone(this.payload);
  }

  /** Merges keys into the payload (a `null` value removes the key) and stores it. */
  async mergeIntoAccessTokenPayload(update: Record<string, unknown>): Promise<void> {
    const next = { ...this.payload };
    for (const [key, value] of Object.entries(update)) {
      if ((PROTECTED_PAYLOAD_KEYS as readonly string[]).includes(key)) continue;
      if (value === null) delete next[key];
      else next[key] = value;
    }
    this.payload = next;
    this.payloadChanged = true;
    await this.db.query('UPDATE fk_sessions SET payload = $1 WHERE session_handle = $2', [JSON.stringify(next), this.handle]);
  }

  /** Sets one claim's value. */
  setClaimValue(claimKey: string, value: unknown): Promise<void> {
    return this.mergeIntoAccessTokenPayload({ [claimKey]: value });
  }

  getClaimValue<T>(claimKey: string): T | undefined {
    return this.payload[claimKey] as T | undefined;
  }
}
