/**
 * Recovery codes: OUR EXTENSION of the FDI under `{apiBasePath}/fk/recovery-codes`. Ten single-use
 * codes of 60 random bits each, shown once, stored as a slow hash. One completes sign-in's second step
 * when the user has lost their other factors (`recovery-code` in `st-mfa.c`, and `v` true), never
 * vouches for step-up, and lets the session replace the lost factor for `stepUpMaxAgeSeconds`.
 * @see SECURITY.md "Recovery codes"; README.md "Protocol extensions"
 */
import { z } from 'zod';
import { RECOVERY_CODE_FACTOR } from '../../protocol/factorIds.ts';
import { randomBytes, timingSafeEqual, toHex } from '../crypto.ts';
import { notifyAccount } from '../notices.ts';
import { rateLimited } from '../refusals.ts';
import { parseBody, type Route } from '../router.ts';
import type { Services } from '../services.ts';
import { REQUIRED_WITHOUT_VALIDATORS } from '../session/sessionService.ts';
import type { SessionContainer } from '../session/SessionContainer.ts';
import { assertMfaComplete, loadWays, recoveredRecently, secondFactorsBeforeSession, stepUpRequired, stepUpStatus } from '../waysIn.ts';

export const RECOVERY_CODES_PATH = '/fk/recovery-codes';

/** How many codes a set holds. */
export const RECOVERY_CODE_COUNT = 10;

// Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
// PBKDF2 rounds: a leaked table costs an attacker this much per guess per user, a sign-in one derivation.
const ROUNDS = 20_000;

const useBody = z.strictObject({ code: z.string().min(1).max(64) });
const emptyBody = z.strictObject({});

/** A new code: 12 base32 characters (60 bits), grouped `xxxx-xxxx-xxxx` for reading. */
function newCode(): string {
  const bytes = randomBytes(12);
  const chars = Array.from(bytes, (b) => ALPHABET[b & 31]!).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** What a person typed, as stored: no spaces or dashes, lower case, O read as 0 and I/L as 1. */
export function normaliseRecoveryCode(typed: string): string {
  return typed
    .toLowerCase()
    .replace(/[\s\-‐-―]/g, '')
    .replace(/o/g, '0')
    .replace(/[il]/g, '1');
}

async function hashCode(userId: string, code: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(normaliseRecoveryCode(code)), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: new TextEncoder().encode(`fk-recovery:${userId}`), iterations: ROUNDS }, key, 256);
  return toHex(new Uint8Array(bits));
}

/** The user's unused codes and when the set was made. */
export async function recoveryCodeStatus(s: Services, userId: string): Promise<{ remaining: number; total: number; createdAt: number | null }> {
  const [row] = await s.db.query<{ remaining: number; total: number; created_at: number | null }>(
    'SELECT count(*) FILTER (WHERE used_at IS NULL)::int AS remaining, count(*)::int AS total, max(created_at) AS created_at FROM fk_recovery_codes WHERE user_id = $1',
    [userId],
  );
  return { remaining: row?.remaining ?? 0, total: row?.total ?? 0, createdAt: row?.created_at == null ? null : Number(row.created_at) };
}

/**
 * Makes a new set, retiring the old one. The first set may be made by any session whose MFA is complete
 * while every second factor of the account was added in this session (the user who just set up their
 * first factor); otherwise it needs step-up, or a recovery code used in this session.
 */
async function generate(s: Services, session: SessionContainer, nowMs: number): Promise<{ status: 'OK'; codes: string[] }> {
  assertMfaComplete(session);
  const userId = session.getUserId();
  const ways = await loadWays(s, userId);
  const before = await recoveryCodeStatus(s, userId);
  const firstSet = before.total === 0 && secondFactorsBeforeSession(ways, session) === 0;
  if (!firstSet && !recoveredRecently(s, session, nowMs)) {
    const status = await stepUpStatus(s, session, nowMs, ways);
    if (!status.satisfied) throw stepUpRequired(status);
  }
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  const hashes = await Promise.all(codes.map((c) => hashCode(userId, c)));
  await s.db.transaction(async (tx) => {
    await tx.query('DELETE FROM fk_recovery_codes WHERE user_id = $1', [userId]);
    for (const h of hashes) await tx.query('INSERT INTO fk_recovery_codes (user_id, code_hash, created_at) VALUES ($1, $2, $3)', [userId, h, nowMs]);
  });
  if (before.total > 0) await notifyAccount(s, ways.user, { notice: 'RECOVERY_CODES_RENEWED', factorId: RECOVERY_CODE_FACTOR, tenantId: session.getTenantId() });
  return { status: 'OK', codes };
}

type UseResult =
  | { status: 'OK'; remaining: number }
  | { status: 'INVALID_RECOVERY_CODE_ERROR' }
  | ReturnType<typeof rateLimited<'GENERAL_ERROR'>>;

async function use(ctx: Parameters<Route['handler']>[0], s: Services, session: SessionContainer, typed: string): Promise<UseResult> {
  const userId = session.getUserId();
    const allowed = await s.limits.hit(s.db, 'recoveryCodeTriesPerAccount', userId, ctx.now);
  if (!allowed.allowed) return rateLimited(ctx, 'GENERAL_ERROR', 'Too many recovery codes were tried for this account.', allowed.retryAfterMs);
  const hash = await hashCode(userId, typed);
  const spent = await s.db.transaction(async (tx) => {
    const rows = await tx.query<{ code_hash: string }>('SELECT code_hash FROM fk_recovery_codes WHERE user_id = $1 AND used_at IS NULL FOR UPDATE', [userId]);
    // Every unused code is compared, in constant time, whatever matches first.
    let match: string | undefined;
    for (const r of rows) if (timingSafeEqual(r.code_hash, hash)) match = r.code_hash;
    if (match === undefined) return undefined;
    await tx.query('UPDATE fk_recovery_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2', [userId, match, ctx.now]);
    return rows.length - 1;
  });
  if (spent === undefined) return { status: 'INVALID_RECOVERY_CODE_ERROR' };
  await s.limits.reset(s.db, 'recoveryCodeTriesPerAccount', userId);
  // The lost app's lockout ends: the person must be able to verify the app that replaces it. (Used
  // codes stay recorded, so none can be replayed.)
  if (s.config.totp) await s.db.query('DELETE FROM fk_totp_attempts WHERE user_id = $1 AND NOT is_valid', [userId]);
  await s.mfa.markFactorAsCompleteInSession(session, RECOVERY_CODE_FACTOR);
  // Not a step-up proof (see waysIn.ts): only what `recoveredRecently` allows.
  await session.recordStepUpProof(RECOVERY_CODE_FACTOR, Math.floor(ctx.now / 1000));
  const ways = await loadWays(s, userId);
  await notifyAccount(s, ways.user, { notice: 'RECOVERY_CODE_USED', factorId: RECOVERY_CODE_FACTOR, detail: String(spent), tenantId: session.getTenantId() });
  return { status: 'OK', remaining: spent };
}

/**
 * `GET {apiBasePath}/fk/recovery-codes` (how many are left), `POST …/generate` (a new set, shown once)
 * and `POST …/use` (sign-in's second step with a code). A session in the middle of sign-in may only use
 * a code; reading and making sets needs a complete one.
 */
export function recoveryCodesRoutes(): Route[] {
  return [
    {
      method: 'GET',
      path: RECOVERY_CODES_PATH,
      async handler(ctx, s) {
        const session = (await s.sessions.getSession(ctx, { sessionRequired: true }))!;
        return { status: 'OK', ...(await recoveryCodeStatus(s, session.getUserId())) };
      },
    },
    {
      method: 'POST',
      path: `${RECOVERY_CODES_PATH}/generate`,
      async handler(ctx, s) {
        parseBody(ctx, emptyBody);
        const session = (await s.sessions.getSession(ctx, REQUIRED_WITHOUT_VALIDATORS))!;
        return generate(s, session, ctx.now);
      },
    },
    {
      method: 'POST',
      path: `${RECOVERY_CODES_PATH}/use`,
      async handler(ctx, s) {
        const body = parseBody(ctx, useBody);
        const session = (await s.sessions.getSession(ctx, REQUIRED_WITHOUT_VALIDATORS))!;
        return use(ctx, s, session, body.code);
      },
    },
  ];
}
