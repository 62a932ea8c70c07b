import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/server/index.ts';
import { normaliseRecoveryCode } from '../../src/server/recipes/recoveryCodes.ts';
import { startBackend, TestClient, testClock, totpCode } from './helpers.ts';

/**
 * Recovery codes (our extension, `/auth/fk/recovery-codes`): made once after the first second factor,
 * each single use, one completes sign-in when the authenticator is lost, never vouches for step-up,
 * and only lets the session replace the lost factor for a few minutes.
 */

const clock = testClock(Date.UTC(2026, 10, 2, 9, 0, 0));
const MINUTE = 60_000;
let backend: Backend;
let n = 0;

beforeAll(async () => {
  backend = await startBackend({ now: clock.now });
});
afterAll(() => backend.close());

const generate = (c: TestClient) => c.request('POST', '/fk/recovery-codes/generate', {});
const use = (c: TestClient, code: string) => c.request('POST', '/fk/recovery-codes/use', { code });
const status = (c: TestClient) => c.request('GET', '/fk/recovery-codes');

function expectStepUp(r: { status: number; body: any }) {
  expect(r.status, JSON.stringify(r.body)).toBe(403);
  expect(r.body.claimValidationErrors[0].id).toBe('fk-step-up');
}

/** A user with an authenticator app asked at every sign-in, and their recovery codes. */
async function userWithTotpAndCodes() {
  const email = `recovery-${++n}@example.com`;
  const c = new TestClient(backend);
  expect((await c.signUp(email)).body.status).toBe('OK');
  const device = await c.request('POST', '/totp/device', { deviceName: 'Phone' });
  const secret = device.body.secret as string;
  expect((await c.request('POST', '/totp/device/verify', { deviceName: 'Phone', totp: totpCode(secret, clock.now()) })).body.status).toBe('OK');
  expect((await c.request('POST', '/fk/mfa/settings/required-factors/add', { factorId: 'totp' })).body.status).toBe('OK');
  // Offered right after the first second factor: no step-up, the factor was set up a moment ago.
  const made = await generate(c);
  expect(made.status, JSON.stringify(made.body)).toBe(200);
  return { email, secret, codes: made.body.codes as string[], setup: c };
}

/** A new sign-in with the password: the authenticator app is still due. */
async function signInWithPassword(email: string) {
  const c = new TestClient(backend);
  expect((await c.signIn(email)).body.status).toBe('OK');
  expect(c.mfa?.v).toBe(false);
  return c;
}

describe('POST /fk/recovery-codes/generate', () => {
  it('makes ten distinct codes of 60 bits, grouped for reading; the count says ten left', async () => {
    const { codes, setup } = await userWithTotpAndCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}$/);
    expect((await status(setup)).body).toEqual({ status: 'OK', remaining: 10, total: 10, createdAt: clock.now() });
  });

  it('stores no code in the clear', async () => {
    const { codes } = await userWithTotpAndCodes();
    const rows = await backend.db.query<{ code_hash: string }>('SELECT code_hash FROM fk_recovery_codes');
    const stored = rows.map((r) => r.code_hash).join(' ');
    for (const code of codes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(normaliseRecoveryCode(code));
    }
  });

  it('a password alone cannot make codes (sign-in not finished)', async () => {
    const { email } = await userWithTotpAndCodes();
    const c = await signInWithPassword(email);
    const r = await generate(c);
    expect(r.status).toBe(403);
    expect(r.body.claimValidationErrors[0].id).toBe('st-mfa');
  });

  it('a stolen signed-in session cannot make a set the owner does not know of: step-up first', async () => {
    // The account had its app before this session: the first set is not "just set up" here.
    const email = `recovery-${++n}@example.com`;
    const owner = new TestClient(backend);
    await owner.signUp(email);
    const device = await owner.request('POST', '/totp/device', { deviceName: 'Phone' });
    await owner.request('POST', '/totp/device/verify', { deviceName: 'Phone', totp: totpCode(device.body.secret, clock.now()) });
    await owner.request('POST', '/fk/mfa/settings/required-factors/add', { factorId: 'totp' });
    clock.advance(10 * MINUTE);
    const later = await signInWithPassword(email);
    clock.advance(MINUTE);
    expect((await later.request('POST', '/totp/verify', { totp: totpCode(device.body.secret, clock.now()) })).body.status).toBe('OK');
    clock.advance(10 * MINUTE); // the session is complete, but its proof is old: a thief holding it now
    expectStepUp(await generate(later));
    clock.advance(MINUTE);
    expect((await later.request('POST', '/totp/verify', { totp: totpCode(device.body.secret, clock.now()) })).body.status).toBe('OK');
    expect((await generate(later)).body.codes).toHaveLength(10);
  });

  it('a new set retires the old one and tells the account', async () => {
    const { email, secret, codes } = await userWithTotpAndCodes();
    clock.advance(MINUTE);
    const c = await signInWithPassword(email);
    expect((await c.request('POST', '/totp/verify', { totp: totpCode(secret, clock.now()) })).body.status).toBe('OK');
    const renewed = await generate(c);
    expect(renewed.body.codes).toHaveLength(10);
    const next = await signInWithPassword(email);
    expect((await use(next, codes[0]!)).body).toEqual({ status: 'INVALID_RECOVERY_CODE_ERROR' });
    expect((await use(next, renewed.body.codes[0])).body).toEqual({ status: 'OK', remaining: 9 });
    const notices = await backend.outbox.list({ to: email });
    expect(notices.some((m) => m.notice === 'RECOVERY_CODES_RENEWED')).toBe(true);
  });
});


describe('POST /fk/recovery-codes/use', () => {
  it('completes sign-in when the app is lost, says how many are left, and tells the account', async () => {
    const { email, codes } = await userWithTotpAndCodes();
    const c = await signInWithPassword(email);
    expect((await c.mfaInfo()).body.fk.recoveryCodes).toBe(true);
    expect((await c.request('GET', '/fk/sessions')).status).toBe(403);
    expect((await use(c, codes[3]!)).body).toEqual({ status: 'OK', remaining: 9 });
    expect(c.mfa?.v).toBe(true);
    expect(c.mfa?.c['recovery-code']).toBe(Math.floor(clock.now() / 1000));
    expect((await c.request('GET', '/fk/sessions')).status).toBe(200);
    const [notice] = await backend.outbox.list({ to: email, limit: 1 });
    expect(notice).toMatchObject({ notice: 'RECOVERY_CODE_USED', factorId: 'recovery-code', detail: '9' });
  });

  it('a code works once', async () => {
    const { email, codes } = await userWithTotpAndCodes();
    expect((await use(await signInWithPassword(email), codes[0]!)).body.status).toBe('OK');
    const again = await signInWithPassword(email);
    expect((await use(again, codes[0]!)).body).toEqual({ status: 'INVALID_RECOVERY_CODE_ERROR' });
    expect(again.mfa?.v).toBe(false);
  });

  it('two sessions racing with one code: one wins', async () => {
    const { email, codes } = await userWithTotpAndCodes();
    const [a, b] = [await signInWithPassword(email), await signInWithPassword(email)];
    const answers = await Promise.all([use(a, codes[1]!), use(b, codes[1]!)]);
    expect(answers.map((r) => r.body.status).sort()).toEqual(['INVALID_RECOVERY_CODE_ERROR', 'OK']);
  });

  it('another account’s code is refused', async () => {
    const mine = await userWithTotpAndCodes();
    const theirs = await userWithTotpAndCodes();
    const c = await signInWithPassword(mine.email);
    expect((await use(c, theirs.codes[0]!)).body).toEqual({ status: 'INVALID_RECOVERY_CODE_ERROR' });
  });

  it('reads a code as typed: capitals, spaces, no dashes, O for 0 and l for 1', async () => {
    const { email, codes } = await userWithTotpAndCodes();
    const code = codes.find((x) => /[01]/.test(x)) ?? codes[0]!;
    const typed = ` ${code.replace(/-/g, ' ').replace(/0/g, 'O').replace(/1/g, 'l').toUpperCase()} `;
    expect((await use(await signInWithPassword(email), typed)).body.status).toBe('OK');
  });

  it('guesses are limited: five, then waits that double, and even the right code waits', async () => {
    const { email, codes } = await userWithTotpAndCodes();
    const c = await signInWithPassword(email);
    for (let i = 0; i < 5; i++) expect((await use(c, `wrong-code-${i}`)).body.status).toBe('INVALID_RECOVERY_CODE_ERROR');
    const refused = await use(c, codes[0]!);
    expect(refused.body).toMatchObject({ status: 'GENERAL_ERROR', message: expect.stringMatching(/\(FK_RATE_LIMITED\)$/), retryAfterMs: expect.any(Number) });
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(c.mfa?.v).toBe(false);
    clock.advance(Number(refused.body.retryAfterMs));
    expect((await use(c, codes[0]!)).body.status).toBe('OK');
  });

  it('an account without codes: nothing offered, nothing accepted', async () => {
    const email = `recovery-${++n}@example.com`;
    const c = new TestClient(backend);
    await c.signUp(email);
    const device = await c.request('POST', '/totp/device', { deviceName: 'Phone' });
    await c.request('POST', '/totp/device/verify', { deviceName: 'Phone', totp: totpCode(device.body.secret, clock.now()) });
    await c.request('POST', '/fk/mfa/settings/required-factors/add', { factorId: 'totp' });
    const later = await signInWithPassword(email);
    expect((await later.mfaInfo()).body.fk.recoveryCodes).toBeUndefined();
    expect((await use(later, '0000-0000-0000')).body).toEqual({ status: 'INVALID_RECOVERY_CODE_ERROR' });
  });
});

describe('what a recovery code vouches for', () => {
  it('replacing the lost app: a new one may be added and the old one removed, for a few minutes', async () => {
    const { email, codes } = await userWithTotpAndCodes();
    const c = await signInWithPassword(email);
    await use(c, codes[0]!);
    const added = await c.request('POST', '/totp/device', { deviceName: 'New phone' });
    expect(added.body.status, JSON.stringify(added.body)).toBe('OK');
    expect((await c.request('POST', '/totp/device/verify', { deviceName: 'New phone', totp: totpCode(added.body.secret, clock.now()) })).body.status).toBe('OK');
    expect((await c.request('POST', '/totp/device/remove', { deviceName: 'Phone' })).body).toEqual({ status: 'OK', didDeviceExist: true });
  });

  it('after five wrong app codes (TOTP paused), a recovery code ends the pause so the new app can be verified', async () => {
    const { email, secret, codes } = await userWithTotpAndCodes();
    const c = await signInWithPassword(email);
    const right = new Set([-1, 0, 1].map((k) => totpCode(secret, clock.now() + k * 30_000)));
    const wrong = ['000000', '111111', '222222', '333333', '444444', '555555', '666666', '777777'].filter((x) => !right.has(x));
    for (let i = 0; i < 5; i++) await c.request('POST', '/totp/verify', { totp: wrong[i] });
    expect((await c.request('POST', '/totp/verify', { totp: wrong[5] })).body.status).toBe('LIMIT_REACHED_ERROR');
    await use(c, codes[0]!);
    const added = await c.request('POST', '/totp/device', { deviceName: 'New phone' });
    expect((await c.request('POST', '/totp/device/verify', { deviceName: 'New phone', totp: totpCode(added.body.secret, clock.now()) })).body).toEqual({ status: 'OK', wasAlreadyVerified: false });
  });

  it('nothing else: turning the app off, or changing the password, still needs a real factor', async () => {
    const { email, codes } = await userWithTotpAndCodes();
    const c = await signInWithPassword(email);
    await use(c, codes[0]!);
    expectStepUp(await c.request('POST', '/fk/mfa/settings/required-factors/remove', { factorId: 'totp' }));
    const settings = await c.request('GET', '/fk/mfa/settings');
    expect(settings.body.stepUp.satisfiedUntil).toBeNull();
  });

  it('the window closes: after the step-up age a new app needs a real factor', async () => {
    const { email, codes } = await userWithTotpAndCodes();
    const c = await signInWithPassword(email);
    await use(c, codes[0]!);
    clock.advance(6 * MINUTE);
    expectStepUp(await c.request('POST', '/totp/device', { deviceName: 'Late phone' }));
  });
});
