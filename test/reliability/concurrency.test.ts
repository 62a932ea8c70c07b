import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/server/index.ts';
import { latestCode, startBackend, TestClient, totpCode } from '../server/helpers.ts';

/**
 * Races that only the database can settle: the same request sent several times at once. On PGlite
 * (one connection) requests still interleave between queries; with TEST_DATABASE_URL
 * (`scripts/with-postgres.sh`) they run on separate PostgreSQL connections, so what makes these pass
 * is row locks, conditional writes and unique constraints, not the JavaScript event loop.
 */

const engine = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite';

let backend: Backend;
beforeAll(async () => {
  backend = await startBackend({ emailVerification: { mode: 'OPTIONAL' } });
});
afterAll(() => backend.close());

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await backend.db.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM ${sql}`, params);
  return Number(row!.n);
}

/** The statuses of several answers, sorted, so a race's outcome reads as one list. */
const statuses = (replies: { status: number; body: any }[]) => replies.map((r) => (r.status === 200 ? (r.body.status ?? 'OK') : `${r.status} ${r.body.message}`)).sort();

describe(`concurrency on ${engine}`, () => {
  it('the same OTP consumed twice at once signs in exactly once', async () => {
    for (let round = 0; round < 5; round++) {
      const email = `otp-race-${round}@example.com`;
      const code = await new TestClient(backend).request('POST', '/signinup/code', { email });
      expect(code.body.status).toBe('OK');
      const userInputCode = await latestCode(backend, email);
      const body = { deviceId: code.body.deviceId, preAuthSessionId: code.body.preAuthSessionId, userInputCode };
      const clients = [new TestClient(backend), new TestClient(backend)];
      const replies = await Promise.all(clients.map((c) => c.request('POST', '/signinup/code/consume', body)));
      expect(statuses(replies)).toEqual(['OK', 'RESTART_FLOW_ERROR']);
      expect(clients.filter((c) => c.accessToken !== undefined)).toHaveLength(1);
      expect(await count("fk_login_methods WHERE recipe_id = 'passwordless' AND email = $1", [email])).toBe(1);
      expect(await count('fk_sessions s JOIN fk_login_methods lm ON lm.user_id = s.user_id WHERE lm.email = $1', [email])).toBe(1);
      expect(await count('fk_pwless_devices WHERE email = $1', [email])).toBe(0);
    }
  });

  it('two devices of one email finished at once: one sign-in, one restart, never an error', async () => {
    for (let round = 0; round < 5; round++) {
      const email = `otp-two-devices-${round}@example.com`;
      const bodies = [];
      for (let i = 0; i < 2; i++) {
        const code = await new TestClient(backend).request('POST', '/signinup/code', { email });
        bodies.push({ deviceId: code.body.deviceId, preAuthSessionId: code.body.preAuthSessionId, userInputCode: await latestCode(backend, email) });
      }
      const replies = await Promise.all(bodies.map((b) => new TestClient(backend).request('POST', '/signinup/code/consume', b)));
      expect(statuses(replies)).toEqual(['OK', 'RESTART_FLOW_ERROR']);
      expect(await count("fk_login_methods WHERE recipe_id = 'passwordless' AND email = $1", [email])).toBe(1);
    }
  });

  it('the same refresh token used twice at once: both tabs get tokens; once one tab uses its own, the other copy is theft', async () => {
    for (let round = 0; round < 5; round++) {
      const owner = new TestClient(backend);
      expect((await owner.signUp(`refresh-race-${round}@example.com`)).body.status).toBe('OK');
      const handle = (await backend.db.query<{ session_handle: string }>('SELECT session_handle FROM fk_sessions WHERE user_id = $1', [owner.front!.uid]))[0]!.session_handle;
      // Two tabs holding the same refresh token: as in supertokens-core, the parent stays usable until a child is used.
      const tabs = [0, 1].map(() => Object.assign(new TestClient(backend), { refreshToken: owner.refreshToken }));
      const replies = await Promise.all(tabs.map((t) => t.request('POST', '/session/refresh')));
      expect(statuses(replies)).toEqual(['OK', 'OK']);
      // One tab uses its new access token: the rotation is settled, the other tab's sibling token is stale.
      expect((await tabs[0]!.mfaInfo()).status).toBe(200);
      const stale = await tabs[1]!.request('POST', '/session/refresh');
      expect(statuses([stale])).toEqual(['401 token theft detected']);
      // Reuse detection revokes the session: every token of it is dead.
      expect(await count('fk_sessions WHERE session_handle = $1', [handle])).toBe(0);
      expect(await count('fk_refresh_tokens WHERE session_handle = $1', [handle])).toBe(0);
      expect((await tabs[0]!.mfaInfo()).status).toBe(401);
      expect((await tabs[0]!.request('POST', '/session/refresh')).status).toBe(401);
    }
  });

  it('20 wrong TOTP guesses at once never get past the attempt limit', async () => {
    const user = new TestClient(backend);
    expect((await user.signUp('totp-race@example.com')).body.status).toBe('OK');
    const device = await user.request('POST', '/totp/device', { deviceName: 'phone' });
    expect((await user.request('POST', '/totp/device/verify', { deviceName: 'phone', totp: totpCode(device.body.secret) })).body.status).toBe('OK');
    const userId = user.front!.uid;
    const valid = new Set([-30_000, 0, 30_000].map((d) => totpCode(device.body.secret, Date.now() + d)));
    const wrong = ['000000', '111111', '222222', '333333'].find((c) => !valid.has(c))!;
    const attemptsBefore = await count('fk_totp_attempts WHERE user_id = $1 AND NOT is_valid', [userId]);

    const replies = await Promise.all(Array.from({ length: 20 }, () => user.request('POST', '/totp/verify', { totp: wrong })));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    const invalid = replies.filter((r) => r.body.status === 'INVALID_TOTP_ERROR');
    const limited = replies.filter((r) => r.body.status === 'LIMIT_REACHED_ERROR');
    expect(invalid).toHaveLength(5);
    expect(limited).toHaveLength(15);
    expect(invalid.map((r) => r.body.currentNumberOfFailedAttempts).sort()).toEqual([1, 2, 3, 4, 5]);
    for (const r of limited) expect(r.body).toMatchObject({ currentNumberOfFailedAttempts: 5, maxNumberOfFailedAttempts: 5, retryAfterMs: expect.any(Number) });
    // Only the five counted attempts are stored; refused ones are not.
    expect((await count('fk_totp_attempts WHERE user_id = $1 AND NOT is_valid', [userId])) - attemptsBefore).toBe(5);
    // Locked out: even the right code is refused now.
    const right = await user.request('POST', '/totp/verify', { totp: totpCode(device.body.secret) });
    expect(right.body.status).toBe('LIMIT_REACHED_ERROR');
  });

  it('parallel sign-ups with one email create one user', async () => {
    const usersBefore = await count('fk_users');
    const replies = await Promise.all(Array.from({ length: 10 }, () => new TestClient(backend).signUp('same-email@example.com')));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(statuses(replies)).toEqual(['FIELD_ERROR', 'FIELD_ERROR', 'FIELD_ERROR', 'FIELD_ERROR', 'FIELD_ERROR', 'FIELD_ERROR', 'FIELD_ERROR', 'FIELD_ERROR', 'FIELD_ERROR', 'OK']);
    for (const r of replies.filter((x) => x.body.status === 'FIELD_ERROR')) expect(r.body.formFields).toEqual([{ id: 'email', error: 'This email already exists. Please sign in instead.' }]);
    expect(await count("fk_login_methods WHERE recipe_id = 'emailpassword' AND email = 'same-email@example.com'")).toBe(1);
    // The losers' transactions left no user row behind.
    expect((await count('fk_users')) - usersBefore).toBe(1);
    expect((await new TestClient(backend).signIn('same-email@example.com')).body.status).toBe('OK');
  });
});
