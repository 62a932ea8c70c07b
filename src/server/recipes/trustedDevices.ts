/**
 * Trusted devices, "Don't ask again on this device": OUR EXTENSION of the FDI under
 * `{apiBasePath}/fk/trusted-devices`, off unless `mfa.trustedDevices` is set. Right after a second
 * factor, a user may trust the browser for `days`: a random secret bound to the user, kept there in an
 * HttpOnly cookie (cookie mode) or the client's storage (header mode, sent as `fk-trusted-device`),
 * stored here as SHA-256. While it is valid, a sign-in from that browser counts the secondary factors
 * as done (`trusted-device` in `st-mfa.c`); it never vouches for step-up. Revoked one by one, all at
 * once, and on password reset, password change and "sign out everywhere".
 * @see SECURITY.md "Trusted devices"; README.md "Protocol extensions"
 */
import { z } from 'zod';
import { FactorIds, RECOVERY_CODE_FACTOR, TRUSTED_DEVICE_FACTOR } from '../../protocol/factorIds.ts';
import type { MFAClaimValue } from '../../protocol/requirements.ts';
import type { BackendConfig } from '../config.ts';
import type { RequestContext } from '../context.ts';
import type { Queryable } from '../db/Db.ts';
import { hashToken, randomBytes, timingSafeEqual, toBase64Url } from '../crypto.ts';
import { MFA_CLAIM, trustedDeviceDays } from '../mfa.ts';
import { parseBody, type Route } from '../router.ts';
import type { Services } from '../services.ts';
import { BadInputError } from '../session/errors.ts';
import { readCookie } from '../session/sessionService.ts';
import type { SessionContainer } from '../session/SessionContainer.ts';
import { describeUserAgent } from '../userAgent.ts';
import { assertMfaComplete } from '../waysIn.ts';

export const TRUSTED_DEVICES_PATH = '/fk/trusted-devices';
/** The cookie (cookie mode) and the request header (header mode) that carry the device's token. */
export const TRUSTED_DEVICE_COOKIE = 'fkTrustedDevice';
export const TRUSTED_DEVICE_HEADER = 'fk-trusted-device';
// A device may be trusted only this soon after a second factor of this sign-in.
const TRUST_WINDOW_SECONDS = 600;

const revokeBody = z.strictObject({ deviceId: z.string().min(1).max(64) });
const emptyBody = z.strictObject({});

/** The token the request carries (`<id>.<secret>`), split; undefined when none or malformed. */
function presented(request: Request): { id: string; secret: string } | undefined {
  const token = request.headers.get(TRUSTED_DEVICE_HEADER) ?? readCookie(request, TRUSTED_DEVICE_COOKIE);
  const match = token?.match(/^([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{32,128})$/);
  return match ? { id: match[1]!, secret: match[2]! } : undefined;
}

/** The id of the user's trusted device this request comes from, if its token is valid now. */
async function validDevice(s: Services, request: Request, userId: string, now: number): Promise<string | undefined> {
  const token = presented(request);
  if (!token) return undefined;
  const [row] = await s.db.query<{ secret_hash: string }>('SELECT secret_hash FROM fk_trusted_devices WHERE device_id = $1 AND user_id = $2 AND expires_at > $3', [token.id, userId, now]);
  if (!row || !timingSafeEqual(row.secret_hash, await hashToken(token.secret))) return undefined;
  return token.id;
}

/**
 * At a first-factor sign-in: when the browser is one the user trusts, the secondary factors count as
 * done in the new session (`trusted-device` in `st-mfa.c`), and the device's "last used" moves.
 */
export async function applyTrustedDevice(ctx: RequestContext, s: Services, session: SessionContainer): Promise<void> {
  if (trustedDeviceDays(s.config) === undefined) return;
  const id = await validDevice(s, ctx.request, session.getUserId(), ctx.now);
  if (id === undefined) return;
  await s.db.query('UPDATE fk_trusted_devices SET last_used_at = $2 WHERE device_id = $1', [id, ctx.now]);
  await s.mfa.markFactorAsCompleteInSession(session, TRUSTED_DEVICE_FACTOR);
}

/** Forgets every trusted device of the user (password reset or change, sign out everywhere). */
export async function forgetTrustedDevices(s: { db: Queryable }, userId: string): Promise<void> {
  await s.db.query('DELETE FROM fk_trusted_devices WHERE user_id = $1', [userId]);
}

/** Whether this sign-in completed a real second factor moments ago (not a recovery code, not a trusted device). */
function recentSecondFactor(session: SessionContainer, nowMs: number): boolean {
  const completed = Object.entries(session.getClaimValue<MFAClaimValue>(MFA_CLAIM)?.c ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number');
  if (completed.length < 2) return false;
  const first = completed.reduce((a, b) => (b[1] < a[1] ? b : a));
  return completed.some(([id, at]) => id !== first[0] && id !== RECOVERY_CODE_FACTOR && id !== TRUSTED_DEVICE_FACTOR && id !== FactorIds.THIRDPARTY && at * 1000 >= nowMs - TRUST_WINDOW_SECONDS * 1000);
}

async function sessionUser(ctx: RequestContext, s: Services): Promise<SessionContainer> {
  const session = (await s.sessions.getSession(ctx, { sessionRequired: true }))!;
  assertMfaComplete(session);
  return session;
}

/** The routes, when `mfa.trustedDevices` is on. */
export function trustedDevicesRoutes(config: BackendConfig): Route[] {
  const days = trustedDeviceDays(config);
  if (days === undefined) return [];
  const lifetimeMs = days * 24 * 3600 * 1000;
  return [
    {
      method: 'POST',
      path: `${TRUSTED_DEVICES_PATH}/trust`,
      async handler(ctx, s) {
        parseBody(ctx, emptyBody);
        const session = await sessionUser(ctx, s);
        if (!recentSecondFactor(session, ctx.now)) throw new BadInputError('Trust a device right after completing a second factor');
        const id = toBase64Url(randomBytes(16));
        const secret = toBase64Url(randomBytes(32));
        // One entry per browser: trusting again replaces the one this browser had.
        const before = presented(ctx.request);
        if (before) await s.db.query('DELETE FROM fk_trusted_devices WHERE device_id = $1 AND user_id = $2', [before.id, session.getUserId()]);
        await s.db.query(
          'INSERT INTO fk_trusted_devices (device_id, user_id, secret_hash, created_at, expires_at, user_agent, client_address) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [id, session.getUserId(), await hashToken(secret), ctx.now, ctx.now + lifetimeMs, ctx.request.headers.get('user-agent')?.slice(0, 512) ?? null, ctx.clientAddress ?? null],
        );
        const token = `${id}.${secret}`;
        if (session.transferMethod === 'cookie') {
          s.sessions.setCookie(ctx, TRUSTED_DEVICE_COOKIE, token, lifetimeMs);
          return { status: 'OK', deviceId: id, expiresAt: ctx.now + lifetimeMs };
        }
        return { status: 'OK', deviceId: id, expiresAt: ctx.now + lifetimeMs, token };
      },
    },
    {
      method: 'GET',
      path: TRUSTED_DEVICES_PATH,
      async handler(ctx, s) {
        const session = await sessionUser(ctx, s);
        const here = presented(ctx.request)?.id;
        const rows = await s.db.query<{ device_id: string; created_at: number; expires_at: number; last_used_at: number | null; user_agent: string | null; client_address: string | null }>(
          'SELECT device_id, created_at, expires_at, last_used_at, user_agent, client_address FROM fk_trusted_devices WHERE user_id = $1 AND expires_at > $2 ORDER BY device_id = $3 DESC, created_at DESC',
          [session.getUserId(), ctx.now, here ?? ''],
        );
        return {
          status: 'OK',
          devices: rows.map((r) => ({
            deviceId: r.device_id,
            current: r.device_id === here,
            createdAt: Number(r.created_at),
            expiresAt: Number(r.expires_at),
            lastUsedAt: r.last_used_at === null ? null : Number(r.last_used_at),
            ...describeUserAgent(r.user_agent),
            ...(r.client_address !== null && { clientAddress: r.client_address }),
          })),
        };
      },
    },
    {
      method: 'POST',
      path: `${TRUSTED_DEVICES_PATH}/revoke`,
      async handler(ctx, s) {
        const body = parseBody(ctx, revokeBody);
        const session = await sessionUser(ctx, s);
        // Another user's id matches no row of this user: answered like an unknown one.
        const gone = await s.db.query('DELETE FROM fk_trusted_devices WHERE device_id = $1 AND user_id = $2 RETURNING 1', [body.deviceId, session.getUserId()]);
        return { status: 'OK', didDeviceExist: gone.length > 0 };
      },
    },
    {
      method: 'POST',
      path: `${TRUSTED_DEVICES_PATH}/revoke-all`,
      async handler(ctx, s) {
        parseBody(ctx, emptyBody);
        const session = await sessionUser(ctx, s);
        const gone = await s.db.query('DELETE FROM fk_trusted_devices WHERE user_id = $1 RETURNING 1', [session.getUserId()]);
        return { status: 'OK', revoked: gone.length };
      },
    },
  ];
}
