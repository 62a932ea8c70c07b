import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/server/index.ts';
import { startBackend, TestClient, testClock, totpCode } from './helpers.ts';

/**
 * Trusted devices (our extension, `/auth/fk/trusted-devices`, off by default): "Don't ask again on
 * this device" right after a second factor; a sign-in from that browser then skips the second step,
 * never step-up; revoked one by one, all at once, and by password change and sign out everywhere.
 */

const clock = testClock(Date.UTC(2026, 10, 3, 9, 0, 0));
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
let backend: Backend;
let off: Backend;
let n = 0;

beforeAll(async () => {
  backend = await startBackend({ now: clock.now, mfa: { trustedDevices: { days: 30 } } });
  off = await startBackend({ now: clock.now });
});
afterAll(async () => {
  await backend.close();
  await off.close();
});

/** A user whose sign-in asks for an authenticator app. */
async function userWithApp(b = backend) {
  const email = `trusted-${++n}@example.com`;
  const c = new TestClient(b);
  expect((await c.signUp(email)).body.status).toBe('OK');
  const device = await c.request('POST', '/totp/device', { deviceName: 'Phone' });
  await c.request('POST', '/totp/device/verify', { deviceName: 'Phone', totp: totpCode(device.body.secret, clock.now()) });
  expect((await c.request('POST', '/fk/mfa/settings/required-factors/add', { factorId: 'totp' })).body.status).toBe('OK');
  return { email, secret: device.body.secret as string };
}

/** Password, then the app's code: a complete sign-in in a new browser. */
async function signInWithApp(email: string, secret: string, mode: 'header' | 'cookie' = 'header', headers: Record<string, string> = {}) {
  const c = new TestClient(backend, mode);
  await c.request('POST', '/signin', { formFields: [{ id: 'email', value: email }, { id: 'password', value: 'password123' }] }, headers);
  clock.advance(31_000); // a fresh code each time (a used one is refused while it could be valid)
  expect((await c.request('POST', '/totp/verify', { totp: totpCode(secret, clock.now()) })).body.status).toBe('OK');
  return c;
}

/** A sign-in with the password only, from a browser that presents `token` (or none). */
async function passwordSignIn(email: string, token?: string) {
  const c = new TestClient(backend);
  const r = await c.request('POST', '/signin', { formFields: [{ id: 'email', value: email }, { id: 'password', value: 'password123' }] }, token ? { 'fk-trusted-device': token } : {});
  expect(r.body.status).toBe('OK');
  return c;
}

const trust = (c: TestClient) => c.request('POST', '/fk/trusted-devices/trust', {});

describe('trusting a browser', () => {
  it('is off unless the app turns it on: no route, nothing offered', async () => {
    const { email } = await userWithApp(off);
    const c = new TestClient(off);
    await c.signIn(email);
    expect((await c.mfaInfo()).body.fk.trustDeviceDays).toBeUndefined();
    expect((await trust(c)).status).toBe(404);
  });

  it('offered while a factor is due; after the app’s code, the next password sign-in there skips the app', async () => {
    const { email, secret } = await userWithApp();
    const asked = await passwordSignIn(email);
    expect((await asked.mfaInfo()).body.fk.trustDeviceDays).toBe(30);
    const c = await signInWithApp(email, secret);
    const trusted = await trust(c);
    expect(trusted.body).toEqual({ status: 'OK', deviceId: expect.any(String), expiresAt: clock.now() + 30 * DAY, token: expect.stringMatching(/^[\w-]+\.[\w-]+$/) });
    const again = await passwordSignIn(email, trusted.body.token);
    expect(again.mfa?.v).toBe(true);
    expect(Object.keys(again.mfa?.c ?? {}).sort()).toEqual(['emailpassword', 'trusted-device']);
    expect((await again.request('GET', '/fk/sessions')).status).toBe(200);
    expect((await passwordSignIn(email)).mfa?.v).toBe(false);
  });

  it('cookie mode: an HttpOnly cookie for the API’s paths carries it', async () => {
    const { email, secret } = await userWithApp();
    const c = await signInWithApp(email, secret, 'cookie');
    const r = await trust(c);
    expect(r.body.token).toBeUndefined();
    const set = r.headers.getSetCookie().find((x) => x.startsWith('fkTrustedDevice='))!;
    // SameSite=None: the test's API and website are different sites (as the session cookies).
    expect(set).toMatch(new RegExp(`; Path=/auth; Expires=${new Date(clock.now() + 30 * DAY).toUTCString()}; HttpOnly; SameSite=None; Secure$`));
    const value = set.split(';')[0]!;
    const next = new TestClient(backend, 'cookie');
    await next.request('POST', '/signin', { formFields: [{ id: 'email', value: email }, { id: 'password', value: 'password123' }] }, { cookie: value });
    expect(next.mfa?.v).toBe(true);
  });

  it('only right after a real second factor: not with the password alone, not later, not mid sign-in, not with a recovery code', async () => {
    const { email, secret } = await userWithApp();
    const mid = await passwordSignIn(email);
    expect((await trust(mid)).status).toBe(403);
    const c = await signInWithApp(email, secret);
    clock.advance(11 * MINUTE);
    expect((await trust(c)).status).toBe(400);
    const codes = (await (await signInWithApp(email, secret)).request('POST', '/fk/recovery-codes/generate', {})).body.codes;
    const recovered = await passwordSignIn(email);
    expect((await recovered.request('POST', '/fk/recovery-codes/use', { code: codes[0] })).body.status).toBe('OK');
    expect((await trust(recovered)).status).toBe(400);
    // No second factor asked at all: nothing to skip, nothing to trust.
    const plain = new TestClient(backend);
    await plain.signUp(`trusted-plain-${++n}@example.com`);
    expect((await trust(plain)).status).toBe(400);
  });

  it('never vouches for step-up: turning the app off still asks for it', async () => {
    const { email, secret } = await userWithApp();
    const token = (await trust(await signInWithApp(email, secret))).body.token;
    const c = await passwordSignIn(email, token);
    const r = await c.request('POST', '/fk/mfa/settings/required-factors/remove', { factorId: 'totp' });
    expect(r.status).toBe(403);
    expect(r.body.claimValidationErrors[0].id).toBe('fk-step-up');
    expect((await c.request('POST', '/totp/device', { deviceName: 'Another' })).status).toBe(403);
  });

  it('is bound to its user: another account signing in with it is asked as usual', async () => {
    const a = await userWithApp();
    const b = await userWithApp();
    const token = (await trust(await signInWithApp(a.email, a.secret))).body.token;
    expect((await passwordSignIn(b.email, token)).mfa?.v).toBe(false);
  });

  it('a wrong or malformed token is ignored, never an error', async () => {
    const { email, secret } = await userWithApp();
    const token: string = (await trust(await signInWithApp(email, secret))).body.token;
    const [id] = token.split('.');
    expect((await passwordSignIn(email, `${id}.${'A'.repeat(43)}`)).mfa?.v).toBe(false);
    expect((await passwordSignIn(email, 'not a token')).mfa?.v).toBe(false);
  });

  it('ends after the configured days', async () => {
    const { email, secret } = await userWithApp();
    const token = (await trust(await signInWithApp(email, secret))).body.token;
    clock.advance(30 * DAY + MINUTE);
    expect((await passwordSignIn(email, token)).mfa?.v).toBe(false);
  });
});

describe('the list, and revoking', () => {
  it('lists this user’s trusted browsers, this one first; revoking one asks there again; another user’s id does nothing', async () => {
    const { email, secret } = await userWithApp();
    const laptop = await signInWithApp(email, secret);
    const laptopToken = (await trust(laptop)).body.token;
    const phone = await signInWithApp(email, secret);
    const phoneToken = (await trust(phone)).body.token;
    const list = await phone.request('GET', '/fk/trusted-devices', undefined, { 'fk-trusted-device': phoneToken });
    expect(list.body.devices.map((d: { current: boolean }) => d.current)).toEqual([true, false]);
    expect(list.body.devices[0]).toMatchObject({ createdAt: clock.now(), expiresAt: clock.now() + 30 * DAY, lastUsedAt: null });

    const other = await userWithApp();
    const stranger = await signInWithApp(other.email, other.secret);
    expect((await stranger.request('POST', '/fk/trusted-devices/revoke', { deviceId: laptopToken.split('.')[0] })).body).toEqual({ status: 'OK', didDeviceExist: false });
    expect((await passwordSignIn(email, laptopToken)).mfa?.v).toBe(true);

    expect((await phone.request('POST', '/fk/trusted-devices/revoke', { deviceId: laptopToken.split('.')[0] })).body).toEqual({ status: 'OK', didDeviceExist: true });
    expect((await passwordSignIn(email, laptopToken)).mfa?.v).toBe(false);
    expect((await passwordSignIn(email, phoneToken)).mfa?.v).toBe(true);
    expect((await phone.request('POST', '/fk/trusted-devices/revoke-all', {})).body).toEqual({ status: 'OK', revoked: 1 });
    expect((await passwordSignIn(email, phoneToken)).mfa?.v).toBe(false);
  });

  it('a password change and "sign out everywhere" forget every trusted browser', async () => {
    const { email, secret } = await userWithApp();
    const token = (await trust(await signInWithApp(email, secret))).body.token;
    const c = await signInWithApp(email, secret);
    expect((await c.request('POST', '/fk/password/change', { currentPassword: 'password123', newPassword: 'password456' })).body.status).toBe('OK');
    await c.request('POST', '/fk/password/change', { currentPassword: 'password456', newPassword: 'password123' });
    expect((await passwordSignIn(email, token)).mfa?.v).toBe(false);

    const again = (await trust(await signInWithApp(email, secret))).body.token;
    expect((await (await signInWithApp(email, secret)).request('POST', '/fk/sessions/revoke-all', {})).body.status).toBe('OK');
    expect((await passwordSignIn(email, again)).mfa?.v).toBe(false);
  });
});
