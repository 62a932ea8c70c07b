import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Backend } from '../../src/server/index.ts';
import { latestCode, startBackend, TestClient, testClock } from './helpers.ts';

/**
 * A forgotten password (`/user/password/reset/token`, `/user/password/reset`, as supertokens-node
 * answers them) and a change of password from the settings (`/fk/password/change`, our extension).
 */

const clock = testClock(Date.UTC(2026, 6, 1, 9, 0, 0));
const HOUR = 3_600_000;
let backend: Backend;
let n = 0;

beforeAll(async () => {
  backend = await startBackend({ now: clock.now, tenants: [{ tenantId: 'other' }] });
});
afterAll(() => backend.close());

const address = (what: string) => `${what}-${++n}@example.com`;
const askReset = (c: TestClient, email: string) => c.request('POST', '/user/password/reset/token', { formFields: [{ id: 'email', value: email }] });
const reset = (c: TestClient, token: string, password: string) => c.request('POST', '/user/password/reset', { method: 'token', token, formFields: [{ id: 'password', value: password }] });

/** The token of the newest reset link the outbox holds for `to` (the email is sent after the answer). */
async function resetToken(to: string): Promise<{ token: string; link: URL }> {
  return vi.waitFor(async () => {
    const [message] = await backend.outbox.list({ to, limit: 5 }).then((list) => list.filter((m) => m.type === 'PASSWORD_RESET'));
    if (!message?.link) throw new Error(`no reset link for ${to}`);
    const link = new URL(message.link);
    return { token: link.searchParams.get('token')!, link };
  });
}

async function account(what: string, password = 'password123') {
  const email = address(what);
  const c = new TestClient(backend);
  expect((await c.signUp(email, password)).body.status).toBe('OK');
  return { email, c };
}

describe('password reset', () => {
  it('sends a single-use link that sets a new password, verifies the address, ends every session and tells the owner', async () => {
    const { email, c: signedIn } = await account('reset');
    expect((await askReset(new TestClient(backend), email)).body).toEqual({ status: 'OK' });
    const { token, link } = await resetToken(email);
    expect(`${link.origin}${link.pathname}`).toBe('http://app.test/auth/reset-password');
    expect(link.searchParams.get('tenantId')).toBe('public');

    const stranger = new TestClient(backend);
    // A weak password is refused before the link is used up.
    expect((await reset(stranger, token, 'short')).body).toEqual({ status: 'FIELD_ERROR', formFields: [{ id: 'password', error: expect.stringContaining('8 characters') }] });
    expect((await reset(stranger, token, 'new-password-9')).body).toEqual({ status: 'OK' });
    expect((await reset(stranger, token, 'another-password-9')).body).toEqual({ status: 'RESET_PASSWORD_INVALID_TOKEN_ERROR' });

    expect((await new TestClient(backend).signIn(email, 'password123')).body.status).toBe('WRONG_CREDENTIALS_ERROR');
    const fresh = new TestClient(backend);
    const signIn = await fresh.signIn(email, 'new-password-9');
    expect(signIn.body.status).toBe('OK');
    expect(signIn.body.user.loginMethods[0].verified).toBe(true);
    // The session from before the reset is over.
    expect((await signedIn.mfaInfo()).status).toBe(401);
    const notices = (await backend.outbox.list({ to: email })).filter((m) => m.type === 'SECURITY_NOTICE');
    expect(notices[0]).toMatchObject({ notice: 'PASSWORD_CHANGED', factorId: 'emailpassword' });
  });

  it('the email goes after the answer, and backend.idle() (and close()) wait for it: nothing writes later', async () => {
    const { email, c } = await account('idle');
    expect((await askReset(c, email)).body).toEqual({ status: 'OK' });
    await backend.idle();
    const sent = (await backend.outbox.list({ to: email, limit: 5 })).filter((m) => m.type === 'PASSWORD_RESET');
    expect(sent).toHaveLength(1);
    const own = await startBackend({ now: clock.now });
    const owner = new TestClient(own);
    await owner.signUp('closing@example.com');
    expect((await askReset(owner, 'closing@example.com')).body).toEqual({ status: 'OK' });
    const errors = vi.spyOn(console, 'error');
    await own.close();
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });

  it('answers the same for an address without an account, and sends nothing there', async () => {
    const nobody = address('nobody');
    expect((await askReset(new TestClient(backend), nobody)).body).toEqual({ status: 'OK' });
    expect(await backend.outbox.list({ to: nobody })).toEqual([]);
    expect((await askReset(new TestClient(backend), 'not an address')).body).toEqual({ status: 'FIELD_ERROR', formFields: [{ id: 'email', error: 'Email is invalid' }] });
  });

  it('a link expires after an hour, works only on its tenant, and a newer reset kills older links', async () => {
    const { email } = await account('expiry');
    await askReset(new TestClient(backend), email);
    const first = await resetToken(email);
    clock.advance(HOUR);
    expect((await reset(new TestClient(backend), first.token, 'new-password-9')).body).toEqual({ status: 'RESET_PASSWORD_INVALID_TOKEN_ERROR' });

    await askReset(new TestClient(backend), email);
    const second = await resetToken(email);
    expect((await reset(new TestClient(backend, 'header', 'other'), second.token, 'new-password-9')).body).toEqual({ status: 'RESET_PASSWORD_INVALID_TOKEN_ERROR' });
    await askReset(new TestClient(backend), email);
    const third = await vi.waitFor(async () => {
      const t = await resetToken(email);
      if (t.token === second.token) throw new Error('not yet');
      return t;
    });
    expect((await reset(new TestClient(backend), third.token, 'new-password-9')).body).toEqual({ status: 'OK' });
    expect((await reset(new TestClient(backend), second.token, 'other-password-9')).body).toEqual({ status: 'RESET_PASSWORD_INVALID_TOKEN_ERROR' });
  });

  it('is limited per address like other sends, whether the address has an account or not', async () => {
    for (const email of [(await account('flood')).email, address('flood-nobody')]) {
      for (let i = 0; i < 5; i++) expect((await askReset(new TestClient(backend), email)).body.status).toBe('OK');
      const refused = await askReset(new TestClient(backend), email);
      expect(refused.body).toEqual({ status: 'PASSWORD_RESET_NOT_ALLOWED', reason: expect.stringMatching(/\(FK_RATE_LIMITED\)$/), retryAfterMs: expect.any(Number) });
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    }
    clock.advance(HOUR);
  });

  it('refuses a link for an unverified address of an account that has other contacts (node: account takeover risk)', async () => {
    const { email, c } = await account('risk');
    const code = await c.request('POST', '/signinup/code', { phoneNumber: '+14155550199', shouldTryLinkingWithSessionUser: true });
    expect(code.body.status, JSON.stringify(code.body)).toBe('OK');
    const consumed = await c.request('POST', '/signinup/code/consume', { deviceId: code.body.deviceId, preAuthSessionId: code.body.preAuthSessionId, userInputCode: await latestCode(backend, '+14155550199'), shouldTryLinkingWithSessionUser: true });
    expect(consumed.body.status, JSON.stringify(consumed.body)).toBe('OK');
    expect((await askReset(new TestClient(backend), email)).body).toEqual({ status: 'PASSWORD_RESET_NOT_ALLOWED', reason: expect.stringContaining('ERR_CODE_001') });
  });

  it('bad bodies are 400s that change nothing', async () => {
    for (const body of [{}, { formFields: [{ id: 'email', value: 5 }] }, { formFields: [{ id: 'email', value: 'a@example.com' }, { id: 'password', value: 'x' }] }]) {
      expect((await new TestClient(backend).request('POST', '/user/password/reset/token', body)).status).toBe(400);
    }
    for (const body of [{ formFields: [{ id: 'password', value: 'new-password-9' }] }, { token: 5, formFields: [] }, { token: 't', formFields: [{ id: 'email', value: 'x' }] }]) {
      expect((await new TestClient(backend).request('POST', '/user/password/reset', body)).status).toBe(400);
    }
  });
});

describe('change of password (signed in)', () => {
  const change = (c: TestClient, body: Record<string, unknown>) => c.request('POST', '/fk/password/change', body);

  it('needs the current password; ends the other sessions, keeps this one, tells the owner', async () => {
    const { email, c } = await account('change');
    const other = new TestClient(backend);
    await other.signIn(email);
    expect((await change(c, { currentPassword: 'wrong-password-1', newPassword: 'new-password-9' })).body).toEqual({ status: 'WRONG_CREDENTIALS_ERROR' });
    expect((await change(c, { currentPassword: 'password123', newPassword: 'short' })).body).toEqual({ status: 'FIELD_ERROR', formFields: [{ id: 'newPassword', error: expect.any(String) }] });
    expect((await change(c, { currentPassword: 'password123', newPassword: 'new-password-9' })).body).toEqual({ status: 'OK' });
    expect((await c.mfaInfo()).status).toBe(200);
    expect((await other.mfaInfo()).status).toBe(401);
    expect((await new TestClient(backend).signIn(email, 'new-password-9')).body.status).toBe('OK');
    expect((await backend.outbox.list({ to: email })).some((m) => m.notice === 'PASSWORD_CHANGED')).toBe(true);
  });

  it('without the current password, only after step-up', async () => {
    const { email, c } = await account('change-stepup');
    clock.advance(10 * 60_000);
    const refused = await change(c, { newPassword: 'new-password-9' });
    expect(refused.status).toBe(403);
    expect(refused.body.claimValidationErrors[0].id).toBe('fk-step-up');
    // A password-only account re-verifies with its password.
    expect((await c.signIn(email, 'password123', true)).body.status).toBe('OK');
    expect((await change(c, { newPassword: 'new-password-9' })).body).toEqual({ status: 'OK' });
  });

  it('needs a session, and refuses unknown keys', async () => {
    expect((await change(new TestClient(backend), { currentPassword: 'a', newPassword: 'new-password-9' })).status).toBe(401);
    const { c } = await account('change-bad');
    expect((await change(c, { newPassword: 'new-password-9', userId: 'someone' })).status).toBe(400);
  });
});
