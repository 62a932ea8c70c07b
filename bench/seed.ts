import { Secret } from 'otpauth';
import type { Backend } from '../src/server/index.ts';
import { createPasswordHasher } from '../src/server/password.ts';

/** The password of every seeded user. */
export const BENCH_PASSWORD = 'bench-password-1';
/** Every seeded user has one verified TOTP device with this secret. */
export const BENCH_TOTP_SECRET = new Secret({ size: 20 }).base32;
/** Argon2id parameters of the users the sign-in case signs in: the backend's defaults (OWASP). */
export const SIGN_IN_HASH = { memorySize: 19456, iterations: 2, parallelism: 1 } as const;
/** Argon2id parameters of all other seeded users, so their sessions can be made quickly. */
export const CHEAP_HASH = { memorySize: 256, iterations: 1, parallelism: 1 } as const;

export const benchEmail = (i: number) => `user${i}@bench.test`;

export interface SeedLayout {
  /** Users 1..sessionUsers get a session each (cheap hash). */
  sessionUsers: number;
  /** Users sessionUsers+1 .. sessionUsers+signInUsers carry a default-parameter hash for the sign-in case. */
  signInUsers: number;
}

/**
 * Seeds `total` users with one bulk INSERT per table of the schema in src/server/db/migrations.ts:
 * users, email-password login methods, a verified TOTP device, user metadata, an old TOTP attempt, a
 * session and a used refresh token each, and a verified email and a role for every other user, so every table the measured paths read is `total` (or half that) rows big.
 */
export async function seedUsers(backend: Backend, total: number, layout: SeedLayout): Promise<void> {
  const cheap = await createPasswordHasher(CHEAP_HASH).hash(BENCH_PASSWORD);
  const real = await createPasswordHasher(SIGN_IN_HASH).hash(BENCH_PASSWORD);
  const db = backend.db;
  const ids = `FROM generate_series(1, ${Number(total)}) AS i`;
  await db.query(`INSERT INTO fk_users (user_id, is_primary, time_joined) SELECT 'bench-' || i, FALSE, 0 ${ids}`);
  await db.query(
    `INSERT INTO fk_login_methods (recipe_user_id, user_id, recipe_id, tenant_id, email, phone_number, password_hash, time_joined)
     SELECT 'bench-' || i, 'bench-' || i, 'emailpassword', 'public', 'user' || i || '@bench.test', NULL,
            CASE WHEN i > $1 AND i <= $2 THEN $3 ELSE $4 END, 0 ${ids}`,
    [layout.sessionUsers, layout.sessionUsers + layout.signInUsers, real, cheap],
  );
  await db.query(`INSERT INTO fk_totp_devices (user_id, device_name, secret, period, skew, verified, created_at) SELECT 'bench-' || i, 'phone', $1, 30, 1, TRUE, 0 ${ids}`, [BENCH_TOTP_SECRET]);
  await db.query(`INSERT INTO fk_user_metadata (user_id, metadata) SELECT 'bench-' || i, '{"_supertokens":{"requiredSecondaryFactors":[]}}'::jsonb ${ids}`);
  await db.query(`INSERT INTO fk_totp_attempts (user_id, tenant_id, code, is_valid, created_at, expires_at) SELECT 'bench-' || i, 'public', '123456', TRUE, 0, 0 ${ids}`);
  await db.query(`INSERT INTO fk_sessions (session_handle, user_id, recipe_user_id, tenant_id, payload, created_at, expires_at) SELECT 'seed-' || i, 'bench-' || i, 'bench-' || i, 'public', '{}'::jsonb, 0, 9000000000000000 ${ids}`);
  await db.query(`INSERT INTO fk_refresh_tokens (token_hash, session_handle, rotated, created_at) SELECT md5('a' || i) || md5('b' || i), 'seed-' || i, TRUE, 0 ${ids}`);
  await db.query(`INSERT INTO fk_verified_emails (recipe_user_id, email) SELECT 'bench-' || i, 'user' || i || '@bench.test' ${ids} WHERE i % 2 = 0`);
  await db.query(`INSERT INTO fk_user_roles (tenant_id, user_id, role) SELECT 'public', 'bench-' || i, 'member' ${ids} WHERE i % 2 = 0`);
  await db.query('ANALYZE');
}

export interface BenchSession {
  accessToken: string;
  refreshToken: string;
}

/** Signs in users 1..n through the backend's own handler (cheap hashes), for their tokens. */
export async function makeSessions(backend: Backend, n: number): Promise<BenchSession[]> {
  const out: BenchSession[] = [];
  for (let i = 1; i <= n; i++) {
    const response = await backend.fetch(
      new Request('http://bench.local/auth/signin', {
        method: 'POST',
        headers: { 'content-type': 'application/json', rid: 'emailpassword', 'fdi-version': '3.1,4.0', 'st-auth-mode': 'header' },
        body: JSON.stringify({ formFields: [{ id: 'email', value: benchEmail(i) }, { id: 'password', value: BENCH_PASSWORD }] }),
      }),
    );
    const body = (await response.json()) as { status: string };
    if (body.status !== 'OK') throw new Error(`seeded sign-in failed: ${JSON.stringify(body)}`);
    out.push({ accessToken: response.headers.get('st-access-token')!, refreshToken: response.headers.get('st-refresh-token')! });
  }
  return out;
}
