import { SignJWT, jwtVerify, decodeProtectedHeader } from 'jose';
import type { Db } from '../db/Db.ts';
import type { RequestContext } from '../context.ts';
import type { AntiCsrfMode } from '../config.ts';
import { hashToken, randomToken, timingSafeEqual, toBase64, uuid } from '../crypto.ts';
import type { SigningKeys } from './signingKeys.ts';
import { PROTECTED_PAYLOAD_KEYS, SessionContainer, type TokenTransferMethod } from './SessionContainer.ts';
import type { ClaimValidator } from './ClaimValidator.ts';
import { ForbiddenError, SessionError, type ClaimValidationError } from './errors.ts';

export type { ClaimValidator } from './ClaimValidator.ts';

/** For the auth APIs that must work before the claims pass (MFA and email-verification screens). */
/** How stale a session's "last active" may get before a request writes it again. */
const LAST_ACTIVE_GRANULARITY_MS = 60_000;

export const REQUIRED_WITHOUT_VALIDATORS = { sessionRequired: true, overrideGlobalClaimValidators: (): ClaimValidator[] => [] } as const;

export interface SessionServiceOptions {
  db: Db;
  keys: SigningKeys;
  issuer: string;
  apiBasePath: string;
  accessTokenValiditySeconds: number;
  refreshTokenValidityMs: number;
  cookieSameSite: 'lax' | 'strict' | 'none';
  cookieSecure: boolean;
  antiCsrf: AntiCsrfMode;
  globalClaimValidators: () => ClaimValidator[];
}

interface SessionRow {
  session_handle: string;
  user_id: string;
  recipe_user_id: string;
  tenant_id: string;
  payload: Record<string, unknown>;
  expires_at: number;
  step_up: Record<string, number>;
}

const ACCESS_COOKIE = 'sAccessToken';
const REFRESH_COOKIE = 'sRefreshToken';
/** How many verified access tokens are remembered (about 1 KB each). */
const VERIFIED_TOKENS_MAX = 10_000;
const EXPOSED_HEADERS = ['front-token', 'st-access-token', 'st-refresh-token', 'anti-csrf'];

/** Reads a cookie from the request's Cookie header. */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function bearer(request: Request): string | undefined {
  const value = request.headers.get('authorization');
  const match = value?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

/** Sessions: creation, verification, refresh with rotation, revocation and the token headers. */
export function createSessionService(options: SessionServiceOptions) {
  const { db, keys } = options;
  /** Access tokens whose RS256 signature was checked (oldest first), so a token used again skips that check. */
  const verifiedTokens = new Map<string, { exp: number; json: string }>();
  /** Refresh tokens (hashes) whose access token was used here, so their rotation is already settled. */
  const settledRotations = new Set<string>();

  /**
   * The first use of an access token issued by a refresh settles that rotation, as in supertokens-core:
   * the parent refresh token and its other children become stale, and using them is theft.
   */
  async function settleRotation(refreshTokenHash: string): Promise<void> {
    if (settledRotations.has(refreshTokenHash)) return;
    await db.query(
      `UPDATE fk_refresh_tokens p SET superseded = TRUE FROM fk_refresh_tokens c
       WHERE c.token_hash = $1 AND c.parent_hash IS NOT NULL AND NOT p.superseded
         AND (p.token_hash = c.parent_hash OR (p.parent_hash = c.parent_hash AND p.token_hash <> c.token_hash))`,
      [refreshTokenHash],
    );
    settled(refreshTokenHash);
  }

  /** Remembers a refresh token whose rotation needs no settling (any more), the oldest forgotten first. */
  function settled(refreshTokenHash: string): void {
    if (settledRotations.size >= VERIFIED_TOKENS_MAX) settledRotations.delete(settledRotations.values().next().value!);
    settledRotations.add(refreshTokenHash);
  }

  async function signAccessToken(session: SessionContainer, refreshTokenHash: string | null, now: number, antiCsrfToken: string | null) {
    const iat = Math.floor(now / 1000);
    const exp = session.accessTokenExp !== undefined && !session.isNew ? session.accessTokenExp : iat + options.accessTokenValiditySeconds;
    const payload = {
      ...session.getAccessTokenPayload(),
      sub: session.userId,
      rsub: session.recipeUserId,
      tId: session.tenantId,
      sessionHandle: session.handle,
      refreshTokenHash1: refreshTokenHash,
      parentRefreshTokenHash1: null,
      antiCsrfToken,
      iss: options.issuer,
    };
    const jwt = await new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid: keys.kid, typ: 'JWT', version: '5' })
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(keys.privateKey);
    return { jwt, payload: { ...payload, iat, exp }, exp };
  }

  function cookie(name: string, value: string, path: string, expires: Date): string {
    const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${path}`, `Expires=${expires.toUTCString()}`, 'HttpOnly', `SameSite=${options.cookieSameSite[0]!.toUpperCase()}${options.cookieSameSite.slice(1)}`];
    if (options.cookieSecure) parts.push('Secure');
    return parts.join('; ');
  }

  function expose(ctx: RequestContext) {
    ctx.responseHeaders.set('Access-Control-Expose-Headers', EXPOSED_HEADERS.join(', '));
  }

  const refreshPath = `${options.apiBasePath}/session/refresh`;

  /** Writes the session's new tokens (and the front-token) onto the response. */
  async function writeTokens(ctx: RequestContext, session: SessionContainer) {
    const refreshToken = session.newRefreshToken;
    const refreshHash = refreshToken === undefined ? session.refreshTokenHash : await hashToken(refreshToken);
    const antiCsrfToken = options.antiCsrf === 'VIA_TOKEN' && session.transferMethod === 'cookie' ? randomToken() : null;
    const { jwt, payload, exp } = await signAccessToken(session, refreshHash, ctx.now, antiCsrfToken);
    const frontToken = toBase64(new TextEncoder().encode(JSON.stringify({ uid: session.userId, ate: exp * 1000, up: payload })));
    const h = ctx.responseHeaders;
    expose(ctx);
    h.set('front-token', frontToken);
    if (session.transferMethod === 'header') {
      h.set('st-access-token', jwt);
      if (refreshToken !== undefined) h.set('st-refresh-token', refreshToken);
    } else {
      const far = new Date(ctx.now + 365 * 24 * 3600 * 1000);
      h.append('Set-Cookie', cookie(ACCESS_COOKIE, jwt, '/', far));
      if (refreshToken !== undefined) h.append('Set-Cookie', cookie(REFRESH_COOKIE, refreshToken, refreshPath, new Date(ctx.now + options.refreshTokenValidityMs)));
      if (antiCsrfToken !== null) h.set('anti-csrf', antiCsrfToken);
    }
  }

  /** Writes headers that make the client forget its tokens. */
  function writeClearTokens(ctx: RequestContext, methods: TokenTransferMethod[]) {
    const h = ctx.responseHeaders;
    expose(ctx);
    h.set('front-token', 'remove');
    if (methods.includes('header')) {
      h.set('st-access-token', '');
      h.set('st-refresh-token', '');
    }
    if (methods.includes('cookie')) {
      const epoch = new Date(0);
      h.append('Set-Cookie', cookie(ACCESS_COOKIE, '', '/', epoch));
      h.append('Set-Cookie', cookie(REFRESH_COOKIE, '', refreshPath, epoch));
      if (options.antiCsrf === 'VIA_TOKEN') h.set('anti-csrf', 'remove');
    }
  }

  async function issueRefreshToken(handle: string, now: number): Promise<string> {
    const token = randomToken();
    const hash = await hashToken(token);
    await db.query('INSERT INTO fk_refresh_tokens (token_hash, session_handle, rotated, created_at) VALUES ($1, $2, FALSE, $3)', [hash, handle, now]);
    // A new session's first refresh token has no parent: its access tokens settle nothing.
    settled(hash);
    return token;
  }

  /** The transfer method a request's tokens came in by, if any. */
  function requestTransferMethod(request: Request): TokenTransferMethod | undefined {
    if (bearer(request) !== undefined) return 'header';
    if (readCookie(request, ACCESS_COOKIE) || readCookie(request, REFRESH_COOKIE)) return 'cookie';
    return undefined;
  }

  return {
    /**
     * Creates a session for a user. The tokens go out by `st-auth-mode` (`cookie`; anything else is header
     * mode, as in node), replacing whatever session the request carried.
     */
    async createNewSession(ctx: RequestContext, input: { userId: string; recipeUserId: string; tenantId: string; payload: Record<string, unknown> }) {
      const handle = uuid();
      const transfer: TokenTransferMethod = ctx.request.headers.get('st-auth-mode') === 'cookie' ? 'cookie' : 'header';
      await db.query(
        'INSERT INTO fk_sessions (session_handle, user_id, recipe_user_id, tenant_id, payload, created_at, expires_at, user_agent, client_address, last_active_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $6)',
        [handle, input.userId, input.recipeUserId, input.tenantId, JSON.stringify(input.payload), ctx.now, ctx.now + options.refreshTokenValidityMs, ctx.request.headers.get('user-agent')?.slice(0, 512) ?? null, ctx.clientAddress ?? null],
      );
      const session = new SessionContainer(db, handle, input.userId, input.recipeUserId, input.tenantId, input.payload, transfer, undefined, true);
      session.newRefreshToken = await issueRefreshToken(handle, ctx.now);
      ctx.session = session;
      return session;
    },

    /**
     * Loads the request's session. Throws `SessionError` for the protocol's 401s and 403s.
     * `overrideGlobalClaimValidators` replaces the global validators (`() => []` turns them off).
     */
    async getSession(
      ctx: RequestContext,
      opts: { sessionRequired: boolean; overrideGlobalClaimValidators?: (globals: ClaimValidator[]) => ClaimValidator[] },
    ): Promise<SessionContainer | undefined> {
      const { request } = ctx;
      const transfer = bearer(request) !== undefined ? 'header' : readCookie(request, ACCESS_COOKIE) ? 'cookie' : undefined;
      const token = transfer === 'header' ? bearer(request) : transfer === 'cookie' ? readCookie(request, ACCESS_COOKIE) : undefined;
      if (token === undefined || transfer === undefined) {
        if (!opts.sessionRequired) return undefined;
        // A missing access token must not clear the refresh token: the client may still refresh.
        throw requestTransferMethod(request) ? SessionError.tryRefresh() : SessionError.unauthorised(false);
      }
      let claims: Record<string, unknown>;
      const seen = verifiedTokens.get(token);
      if (seen !== undefined && seen.exp > Math.floor(ctx.now / 1000)) {
        // These exact bytes passed the signature check before; only the expiry can have changed. Parsed
        // afresh so no request shares claim objects with another.
        claims = JSON.parse(seen.json) as Record<string, unknown>;
      } else {
        try {
          const { kid } = decodeProtectedHeader(token);
          const key = kid === undefined ? undefined : keys.publicKeys.get(kid);
          if (!key) throw SessionError.tryRefresh();
          ({ payload: claims } = await jwtVerify(token, key, { algorithms: ['RS256'], currentDate: new Date(ctx.now) }));
        } catch {
          // Expired, forged, malformed or signed by an unknown key: node answers "try refresh token" for all.
          throw SessionError.tryRefresh();
        }
        if (typeof claims.exp === 'number') {
          if (verifiedTokens.size >= VERIFIED_TOKENS_MAX) verifiedTokens.delete(verifiedTokens.keys().next().value!);
          verifiedTokens.set(token, { exp: claims.exp, json: JSON.stringify(claims) });
        }
      }
      if (transfer === 'cookie' && request.method !== 'GET') {
        // Whatever the anti-CSRF mode, a state change by cookie must carry a custom header: a page on
        // another origin of the same site (SameSite=Lax sends the cookies) cannot add one without a
        // CORS preflight it would fail. supertokens-node checks this only in VIA_CUSTOM_HEADER mode.
        if (!request.headers.get('rid')) throw SessionError.tryRefresh();
        if (options.antiCsrf === 'VIA_TOKEN' && (typeof claims.antiCsrfToken !== 'string' || !timingSafeEqual(request.headers.get('anti-csrf') ?? '', claims.antiCsrfToken))) {
          throw SessionError.tryRefresh();
        }
      }
      const handle = claims.sessionHandle;
      if (typeof handle !== 'string') throw SessionError.tryRefresh();
      // The payload comes from the token (below), so the stored one is not read.
      const [row] = await db.query<Omit<SessionRow, 'payload'> & { last_active_at: number | null }>(
        'SELECT user_id, recipe_user_id, tenant_id, expires_at, step_up, last_active_at FROM fk_sessions WHERE session_handle = $1',
        [handle],
      );
      if (!row || row.expires_at <= ctx.now) throw SessionError.unauthorised();
      // "Last active" for the user's list of sessions, written at most once a minute per session.
      if (row.last_active_at === null || ctx.now - Number(row.last_active_at) > LAST_ACTIVE_GRANULARITY_MS) {
        await db.query('UPDATE fk_sessions SET last_active_at = $2, client_address = COALESCE($3, client_address) WHERE session_handle = $1', [handle, ctx.now, ctx.clientAddress ?? null]);
      }
      // A session acts on its own tenant only: a tenant-less path means the session's tenant (as in
      // node), a path naming another tenant is refused (node would quietly act on the session's).
      if (ctx.tenantInPath && ctx.tenantId !== row.tenant_id) throw new ForbiddenError('This session belongs to another tenant; use its own tenant\'s path');
      ctx.tenantId = row.tenant_id;
      const refreshTokenHash = typeof claims.refreshTokenHash1 === 'string' ? claims.refreshTokenHash1 : null;
      if (refreshTokenHash !== null) await settleRotation(refreshTokenHash);
      // Claims come from the token the client holds, as in node: a stale token must be refreshed or resynced.
      const payload: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(claims)) {
        if (!(PROTECTED_PAYLOAD_KEYS as readonly string[]).includes(k)) payload[k] = v;
      }
      const session = new SessionContainer(db, handle, row.user_id, row.recipe_user_id, row.tenant_id, payload, transfer, claims.exp as number, false, row.step_up ?? {});
      session.refreshTokenHash = refreshTokenHash;
      ctx.session = session;
      const validators = opts.overrideGlobalClaimValidators
        ? opts.overrideGlobalClaimValidators(options.globalClaimValidators())
        : options.globalClaimValidators();
      for (const v of validators) {
        if (v.refetch && v.shouldRefetch?.(session.getAccessTokenPayload())) await v.refetch(session);
      }
      const current = session.getAccessTokenPayload();
      const failures = validators.map((v) => v.validate(current)).filter((f): f is ClaimValidationError => f !== undefined);
      if (failures.length > 0) throw SessionError.invalidClaims(failures);
      return session;
    },

    /**
     * Rotates the refresh token. As in supertokens-core, a token stays usable until one of its children
     * (or an access token issued with it) is used, so a retried refresh (the answer was lost) or two tabs
     * refreshing at once both get a good token. Using a token whose child was used is reuse: the session
     * is revoked and the answer is `token theft detected`; so is using a sibling after another child of
     * the same parent was used.
     */
    async refreshSession(ctx: RequestContext): Promise<SessionContainer> {
      const { request } = ctx;
      const headerToken = bearer(request);
      const transfer: TokenTransferMethod = headerToken !== undefined ? 'header' : 'cookie';
      const token = headerToken ?? readCookie(request, REFRESH_COOKIE);
      // By cookie, a refresh must carry a custom header too; refused without clearing anything, since a
      // form on another origin of the site could otherwise sign the user out.
      if (transfer === 'cookie' && !request.headers.get('rid')) throw SessionError.unauthorised(false);
      const unauthorised = () => {
        ctx.clearTokens = [transfer];
        return SessionError.unauthorised();
      };
      if (!token) {
        ctx.clearTokens = ['cookie', 'header'];
        throw SessionError.unauthorised();
      }
      const hash = await hashToken(token);
      const newToken = randomToken();
      const newHash = await hashToken(newToken);
      const outcome = await db.transaction(async (tx) => {
        const [found] = await tx.query<{ session_handle: string }>('SELECT session_handle FROM fk_refresh_tokens WHERE token_hash = $1', [hash]);
        if (!found) return { kind: 'unknown' as const };
        // One lock per session: its refreshes queue, so the bookkeeping of parents and siblings below
        // never meets another refresh of the same session half-way (no deadlock, no lost update).
        const [row] = await tx.query<SessionRow>(
          'SELECT session_handle, user_id, recipe_user_id, tenant_id, payload, expires_at, step_up FROM fk_sessions WHERE session_handle = $1 FOR UPDATE',
          [found.session_handle],
        );
        const [used] = await tx.query<{ rotated: boolean; superseded: boolean; parent_hash: string | null }>('SELECT rotated, superseded, parent_hash FROM fk_refresh_tokens WHERE token_hash = $1', [hash]);
        if (!row || !used) return { kind: 'unknown' as const };
        if (used.superseded) {
          await tx.query('DELETE FROM fk_sessions WHERE session_handle = $1', [row.session_handle]);
          return { kind: 'theft' as const };
        }
        if (row.expires_at <= ctx.now) return { kind: 'unknown' as const };
        if (!used.rotated && used.parent_hash !== null) {
          // The first use of a child settles the rotation: its parent and its siblings are now stale.
          await tx.query('UPDATE fk_refresh_tokens SET superseded = TRUE WHERE token_hash = $1 OR (parent_hash = $1 AND token_hash <> $2)', [used.parent_hash, hash]);
        }
        await tx.query(
          `WITH used AS (UPDATE fk_refresh_tokens SET rotated = TRUE WHERE token_hash = $1),
                next AS (INSERT INTO fk_refresh_tokens (token_hash, session_handle, rotated, created_at, parent_hash) VALUES ($2, $3, FALSE, $4, $1))
           UPDATE fk_sessions SET expires_at = $5, last_active_at = $4 WHERE session_handle = $3`,
          [hash, newHash, row.session_handle, ctx.now, ctx.now + options.refreshTokenValidityMs],
        );
        return { kind: 'ok' as const, row };
      });
      if (outcome.kind === 'unknown') throw unauthorised();
      if (outcome.kind === 'theft') {
        ctx.clearTokens = [transfer];
        throw new SessionError('TOKEN_THEFT_DETECTED', 'token theft detected', { clearTokens: true });
      }
      const { row } = outcome;
      const session = new SessionContainer(db, row.session_handle, row.user_id, row.recipe_user_id, row.tenant_id, row.payload, transfer, undefined, true, row.step_up ?? {});
      ctx.session = session;
      session.newRefreshToken = newToken;
      return session;
    },

    writeTokens,
    writeClearTokens,
    /** The public keys that verify access tokens (the JWKS). */
    publicJwks: () => keys.publicJwks,
    issueRefreshToken,
    requestTransferMethod,

    /** Deletes a session and its refresh tokens. */
    /** Sets (or, with `maxAgeMs` 0, clears) an HttpOnly cookie of ours for the API's paths, with the session cookies' SameSite and Secure. */
    setCookie(ctx: RequestContext, name: string, value: string, maxAgeMs: number): void {
      ctx.responseHeaders.append('Set-Cookie', cookie(name, maxAgeMs > 0 ? value : '', options.apiBasePath || '/', new Date(maxAgeMs > 0 ? ctx.now + maxAgeMs : 0)));
    },

    async revokeSession(handle: string): Promise<void> {
      await db.query('DELETE FROM fk_sessions WHERE session_handle = $1', [handle]);
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
