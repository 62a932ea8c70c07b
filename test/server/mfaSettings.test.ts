import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/server/index.ts';
import { API, latestCode, startBackend, TestClient, testClock, totpCode } from './helpers.ts';

/**
 * The MFA settings API (our FDI extension, `/auth/fk/mfa/settings`) and step-up: seed scenario S5
 * with the default requirement (`oneOf` the user's and the tenant's required factors).
 */

const clock = testClock(Date.UTC(2026, 5, 1, 9, 0, 0));
const MINUTE = 60_000;
let backend: Backend;
let n = 0;

beforeAll(async () => {
  backend = await startBackend({
    now: clock.now,
    tenants: [{ tenantId: 'strict', requiredSecondaryFactors: ['otp-email'] }],
  });
});
afterAll(() => backend.close());

const email = (what: string) => `${what}-${++n}@example.com`;

/** Completes email OTP as a second factor for the session user (also the step-up re-verification). */
async function doEmailOtp(c: TestClient, to: string) {
  const code = await c.request('POST', '/signinup/code', { email: to, shouldTryLinkingWithSessionUser: true });
  expect(code.body.status, JSON.stringify(code.body)).toBe('OK');
  const consumed = await c.request('POST', '/signinup/code/consume', {
    deviceId: code.body.deviceId,
    preAuthSessionId: code.body.preAuthSessionId,
    userInputCode: await latestCode(backend, to),
    shouldTryLinkingWithSessionUser: true,
  });
  expect(consumed.body.status, JSON.stringify(consumed.body)).toBe('OK');
}

/** Sets up and verifies a TOTP device; returns its secret. */
async function addTotpDevice(c: TestClient, deviceName: string): Promise<string> {
  const device = await c.request('POST', '/totp/device', { deviceName });
  expect(device.body.status).toBe('OK');
  const verified = await c.request('POST', '/totp/device/verify', { deviceName, totp: totpCode(device.body.secret, clock.now()) });
  expect(verified.body).toEqual({ status: 'OK', wasAlreadyVerified: false });
  return device.body.secret as string;
}

const settings = (c: TestClient) => c.request('GET', '/fk/mfa/settings');
const turnOn = (c: TestClient, factorId: string) => c.request('POST', '/fk/mfa/settings/required-factors/add', { factorId });
const turnOff = (c: TestClient, factorId: string) => c.request('POST', '/fk/mfa/settings/required-factors/remove', { factorId });

function expectStepUpRequired(r: { status: number; body: any }, factors: string[], maxAgeSeconds = 300) {
  expect(r.status, JSON.stringify(r.body)).toBe(403);
  expect(r.body).toEqual({
    message: 'invalid claim',
    claimValidationErrors: [{ id: 'fk-step-up', reason: { message: expect.any(String), factors, maxAgeSeconds } }],
  });
}

describe.each(['header', 'cookie'] as const)('S5 in %s mode', (mode) => {
  it('turning email OTP on makes the next sign-in ask for it; turning it off needs a recent factor', async () => {
    const address = email('s5');
    const c = new TestClient(backend, mode);
    expect((await c.signUp(address)).body.status).toBe('OK');
    expect(c.mfa?.v).toBe(true);

    const before = await settings(c);
    expect(before.status).toBe(200);
    expect(before.body).toEqual({
      status: 'OK',
      factors: [
        { id: 'otp-email', setUp: false, canBeRequired: true, requiredForUser: false, requiredForTenant: false, allowedToSetup: true, askedAtSignIn: 'no', lastUsedAt: null },
        { id: 'otp-phone', setUp: false, canBeRequired: false, requiredForUser: false, requiredForTenant: false, allowedToSetup: true, askedAtSignIn: 'no', lastUsedAt: null },
        { id: 'totp', setUp: false, canBeRequired: false, requiredForUser: false, requiredForTenant: false, allowedToSetup: true, askedAtSignIn: 'no', lastUsedAt: null },
      ],
      requiredSecondaryFactorsForUser: [],
      requiredSecondaryFactorsForTenant: [],
      totpDevices: [],
      emails: { emailpassword: [address], 'otp-email': [address] },
      phoneNumbers: { 'otp-phone': [] },
      // A password-only account: its password (from sign-up, a moment ago) vouches, as a code to its address would.
      stepUp: { maxAgeSeconds: 300, satisfiedUntil: (Math.floor(clock.now() / 1000) + 300) * 1000, factors: ['otp-email', 'emailpassword'], recoveredUntil: null },
      recoveryCodes: { remaining: 0, total: 0, createdAt: null },
    });

    // Nothing is required yet: turning a factor on only adds a challenge, so no step-up.
    const on = await turnOn(c, 'otp-email');
    expect(on.status).toBe(200);
    expect(on.body).toEqual({ status: 'OK', requiredSecondaryFactorsForUser: ['otp-email'] });
    // The new rule applies to this session at once, as node's resync would: it must do the OTP too.
    expect(c.mfa?.v).toBe(false);
    await doEmailOtp(c, address);
    expect(c.mfa?.v).toBe(true);

    const next = new TestClient(backend, mode);
    await next.signIn(address);
    expect(next.mfa?.v).toBe(false);
    expect((await next.mfaInfo()).body.factors.next).toEqual(['otp-email']);
    await doEmailOtp(next, address);
    expect(next.mfa?.v).toBe(true);
    const completedAt = next.mfa!.c['otp-email']!;

    const now = await settings(next);
    expect(now.body.factors[0]).toEqual({
      id: 'otp-email',
      setUp: true,
      canBeRequired: true,
      requiredForUser: true,
      requiredForTenant: false,
      allowedToSetup: true,
      askedAtSignIn: 'always',
      askedBecause: 'user',
      // The code just entered: "Last used" in the settings.
      lastUsedAt: clock.now(),
    });
    expect(now.body.stepUp).toEqual({ maxAgeSeconds: 300, satisfiedUntil: (completedAt + 300) * 1000, factors: ['otp-email'], recoveredUntil: null });

    // Past the step-up window: the OTP done at sign-in no longer vouches for turning it off.
    clock.advance(5 * MINUTE + 1000);
    expect((await settings(next)).body.stepUp.satisfiedUntil).toBeNull();
    expectStepUpRequired(await turnOff(next, 'otp-email'), ['otp-email']);
    expect(await backend.mfa.getRequiredSecondaryFactorsForUser(next.front!.uid)).toEqual(['otp-email']);

    // Re-verify, then the change goes through within the window.
    await doEmailOtp(next, address);
    clock.advance(4 * MINUTE);
    const off = await turnOff(next, 'otp-email');
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ status: 'OK', requiredSecondaryFactorsForUser: [] });

    const after = new TestClient(backend, mode);
    await after.signIn(address);
    expect(after.mfa?.v).toBe(true);
    expect((await after.mfaInfo()).body.factors.next).toEqual([]);
  });

  it('removing any verified TOTP device needs a recent factor, by one the account had before this session', async () => {
    const address = email('totp');
    const c = new TestClient(backend, mode);
    await c.signUp(address);
    const secret = await addTotpDevice(c, 'Phone');
    clock.advance(2 * MINUTE);
    await addTotpDevice(c, 'Tablet');

    clock.advance(10 * MINUTE);
    // TOTP is not required, so what the account had before this session counts: its address, or the
    // password while the account had no second factor. The devices were added in this session: they do not.
    expectStepUpRequired(await c.request('POST', '/totp/device/remove', { deviceName: 'Tablet' }), ['otp-email', 'emailpassword']);
    expect((await c.request('POST', '/totp/verify', { totp: totpCode(secret, clock.now()) })).body).toEqual({ status: 'OK' });
    expectStepUpRequired(await c.request('POST', '/totp/device/remove', { deviceName: 'Phone' }), ['otp-email', 'emailpassword']);
    const devices = await c.request('GET', '/totp/device/list');
    expect(devices.body.devices.map((d: { name: string }) => d.name)).toEqual(['Phone', 'Tablet']);

    await doEmailOtp(c, address);
    expect((await c.request('POST', '/totp/device/remove', { deviceName: 'Tablet' })).body).toEqual({ status: 'OK', didDeviceExist: true });

    // In a later session the device the account had does vouch.
    clock.advance(10 * MINUTE);
    const later = new TestClient(backend, mode);
    await later.signIn(address);
    clock.advance(31_000);
    expect((await later.request('POST', '/totp/verify', { totp: totpCode(secret, clock.now()) })).body).toEqual({ status: 'OK' });
    expect((await later.request('POST', '/totp/device/remove', { deviceName: 'Phone' })).body).toEqual({ status: 'OK', didDeviceExist: true });
    expect((await later.request('GET', '/totp/device/list')).body.devices).toEqual([]);
  });
});

describe('step-up', () => {
  it('turning a factor on next to one already required needs that factor, not the new one', async () => {
    const address = email('alt');
    const c = new TestClient(backend);
    await c.signUp(address);
    await turnOn(c, 'otp-email');
    await doEmailOtp(c, address);
    clock.advance(6 * MINUTE);

    // Adding an authenticator is a new way in: step-up by the factor that protects the account.
    expectStepUpRequired(await c.request('POST', '/totp/device', { deviceName: 'Phone' }), ['otp-email']);
    await doEmailOtp(c, address);
    await addTotpDevice(c, 'Phone');
    clock.advance(6 * MINUTE);
    // Setting TOTP up completed it in this session, but a new factor cannot vouch for itself.
    expectStepUpRequired(await turnOn(c, 'totp'), ['otp-email']);
    expect(await backend.mfa.getRequiredSecondaryFactorsForUser(c.front!.uid)).toEqual(['otp-email']);

    await doEmailOtp(c, address);
    expect((await turnOn(c, 'totp')).body).toEqual({ status: 'OK', requiredSecondaryFactorsForUser: ['otp-email', 'totp'] });
    const s = await settings(c);
    // The device was added in this session: only the email code counts here (a later session may use both).
    expect(s.body.stepUp.factors).toEqual(['otp-email']);
    // Under the default rule either one will do at sign-in, and the settings say so (S5).
    expect(s.body.factors.map((f: { id: string; askedAtSignIn: string; askedBecause?: string }) => [f.id, f.askedAtSignIn, f.askedBecause])).toEqual([
      ['otp-email', 'oneOf', 'user'],
      ['otp-phone', 'no', undefined],
      ['totp', 'oneOf', 'user'],
    ]);
    expect(s.body.totpDevices).toEqual([{ name: 'Phone', verified: true, createdAt: clock.now() - 6 * MINUTE, lastUsedAt: clock.now() - 6 * MINUTE }]);
  });

  it('TOTP as the protecting factor: re-verifying with it allows turning it off', async () => {
    const address = email('totp-off');
    const c = new TestClient(backend, 'cookie');
    await c.signUp(address);
    const secret = await addTotpDevice(c, 'Phone');
    expect((await turnOn(c, 'totp')).body).toEqual({ status: 'OK', requiredSecondaryFactorsForUser: ['totp'] });
    clock.advance(MINUTE);
    const later = new TestClient(backend, 'cookie');
    await later.signIn(address);
    expect((await later.request('POST', '/totp/verify', { totp: totpCode(secret, clock.now()) })).body.status).toBe('OK');
    clock.advance(5 * MINUTE + 30_000);
    expectStepUpRequired(await turnOff(later, 'totp'), ['totp']);
    expect((await later.request('POST', '/totp/verify', { totp: totpCode(secret, clock.now()) })).body.status).toBe('OK');
    expect((await turnOff(later, 'totp')).body).toEqual({ status: 'OK', requiredSecondaryFactorsForUser: [] });
  });

  it('the window ends exactly at satisfiedUntil', async () => {
    const address = email('edge');
    const c = new TestClient(backend);
    await c.signUp(address);
    await turnOn(c, 'otp-email');
    await doEmailOtp(c, address);
    const until = (await settings(c)).body.stepUp.satisfiedUntil as number;
    expect(until).toBe((c.mfa!.c['otp-email']! + 300) * 1000);
    clock.set(until);
    expectStepUpRequired(await turnOff(c, 'otp-email'), ['otp-email']);
    clock.set(until - 1);
    expect((await turnOff(c, 'otp-email')).body).toEqual({ status: 'OK', requiredSecondaryFactorsForUser: [] });
    clock.set(until + MINUTE);
  });

  it('a custom rule decides which factors protect the account (S1: TOTP for everyone)', async () => {
    const own = testClock(clock.now());
    const s1 = await startBackend({ now: own.now, mfa: { override: { functions: (o) => ({ ...o, getMFARequirementsForAuth: () => ['totp'] }) } } });
    try {
      const setup = new TestClient(s1);
      await setup.signUp('s1@example.com');
      const secret = (await setup.request('POST', '/totp/device', { deviceName: 'Phone' })).body.secret;
      await setup.request('POST', '/totp/device/verify', { deviceName: 'Phone', totp: totpCode(secret, own.now()) });
      expect(setup.mfa?.v).toBe(true);
      // Settings say what the rule asks, and that neither the user nor the tenant chose it.
      const shown = await setup.request('GET', '/fk/mfa/settings');
      expect(shown.body.factors.find((f: { id: string }) => f.id === 'totp')).toMatchObject({ requiredForUser: false, requiredForTenant: false, askedAtSignIn: 'always', askedBecause: 'policy' });
      expect(shown.body.factors.find((f: { id: string }) => f.id === 'otp-email')).toMatchObject({ askedAtSignIn: 'no' });
      // Turned on by the user as well, it is still the policy's: turning it off would change nothing.
      expect((await turnOn(setup, 'totp')).body).toMatchObject({ status: 'OK', requiredSecondaryFactorsForUser: ['totp'] });
      const again = await setup.request('GET', '/fk/mfa/settings');
      expect(again.body.factors.find((f: { id: string }) => f.id === 'totp')).toMatchObject({ requiredForUser: true, askedAtSignIn: 'always', askedBecause: 'policy' });
      own.advance(MINUTE);
      const c = new TestClient(s1);
      await c.signIn('s1@example.com');
      expect((await c.request('POST', '/totp/verify', { totp: totpCode(secret, own.now()) })).body.status).toBe('OK');
      own.advance(10 * MINUTE);
      // Email OTP is fresh, but only TOTP protects this account: it does not count.
      const code = await c.request('POST', '/signinup/code', { email: 's1@example.com', shouldTryLinkingWithSessionUser: true });
      await c.request('POST', '/signinup/code/consume', { deviceId: code.body.deviceId, preAuthSessionId: code.body.preAuthSessionId, userInputCode: await latestCode(s1, 's1@example.com'), shouldTryLinkingWithSessionUser: true });
      expect(c.mfa?.c['otp-email']).toBe(Math.floor(own.now() / 1000));
      expectStepUpRequired(await c.request('POST', '/totp/device/remove', { deviceName: 'Phone' }), ['totp']);
    } finally {
      await s1.close();
    }
  });

  it('a factor that is not required is "turned off" without step-up and nothing changes', async () => {
    const c = new TestClient(backend);
    await c.signUp(email('noop'));
    clock.advance(60 * MINUTE - 1000);
    const r = await turnOff(c, 'totp');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'OK', requiredSecondaryFactorsForUser: [] });
  });

  it('a device set up and never verified is gone after an hour (abandoned set-ups do not pile up or stay usable)', async () => {
    const c = new TestClient(backend);
    await c.signUp(email('stale'));
    const kept = await c.request('POST', '/totp/device', { deviceName: 'Kept' });
    const stale = await c.request('POST', '/totp/device', { deviceName: 'Stale' });
    expect([kept.body.status, stale.body.status]).toEqual(['OK', 'OK']);
    clock.advance(59 * MINUTE);
    expect((await c.request('POST', '/totp/device/verify', { deviceName: 'Kept', totp: totpCode(kept.body.secret, clock.now()) })).body).toEqual({ status: 'OK', wasAlreadyVerified: false });
    clock.advance(2 * MINUTE);
    expect((await c.request('POST', '/session/refresh')).status).toBe(200);
    expect((await c.request('POST', '/totp/device/verify', { deviceName: 'Stale', totp: totpCode(stale.body.secret, clock.now()) })).body).toEqual({ status: 'UNKNOWN_DEVICE_ERROR' });
    const list = await c.request('GET', '/totp/device/list');
    expect(list.body.devices.map((d: { name: string }) => d.name)).toEqual(['Kept']);
    expect((await settings(c)).body.totpDevices.map((d: { name: string }) => d.name)).toEqual(['Kept']);
  });

  it('each app says when it last gave a right code ("last used"); a wrong code changes nothing', async () => {
    const c = new TestClient(backend);
    await c.signUp(email('lastused'));
    const added = clock.now();
    const secret = await addTotpDevice(c, 'Phone');
    clock.advance(10 * MINUTE);
    expect((await c.request('POST', '/session/refresh')).status).toBe(200);
    expect((await c.request('POST', '/totp/verify', { totp: '000000' === totpCode(secret, clock.now()) ? '111111' : '000000' })).body.status).toBe('INVALID_TOTP_ERROR');
    expect((await c.request('POST', '/totp/verify', { totp: totpCode(secret, clock.now()) })).body).toEqual({ status: 'OK' });
    const devices = (await settings(c)).body.totpDevices;
    expect(devices.find((d: { name: string }) => d.name === 'Phone')).toEqual({ name: 'Phone', verified: true, createdAt: added, lastUsedAt: clock.now() });
  });

  it('a TOTP factor without a verified device cannot be turned on', async () => {
    const c = new TestClient(backend);
    await c.signUp(email('nodevice'));
    expect((await turnOn(c, 'totp')).body).toEqual({ status: 'FACTOR_SETUP_REQUIRED', factorId: 'totp' });
    expect((await turnOn(c, 'otp-phone')).body).toEqual({ status: 'FACTOR_SETUP_REQUIRED', factorId: 'otp-phone' });
    expect(await backend.mfa.getRequiredSecondaryFactorsForUser(c.front!.uid)).toEqual([]);
  });

  it('the window follows stepUpMaxAgeSeconds', async () => {
    const own = testClock(clock.now());
    const short = await startBackend({ now: own.now, mfa: { settings: { stepUpMaxAgeSeconds: 60 } } });
    try {
      const c = new TestClient(short);
      await c.signUp('short@example.com');
      const secret = (await c.request('POST', '/totp/device', { deviceName: 'Phone' })).body.secret;
      await c.request('POST', '/totp/device/verify', { deviceName: 'Phone', totp: totpCode(secret, own.now()) });
      const completedAt = c.mfa!.c.totp!;
      // The device was added in this session, so it does not count; the sign-up password does (same second).
      expect((await c.request('GET', '/fk/mfa/settings')).body.stepUp).toEqual({ maxAgeSeconds: 60, satisfiedUntil: (completedAt + 60) * 1000, factors: ['otp-email', 'emailpassword'], recoveredUntil: null });
      own.advance(61_000);
      expectStepUpRequired(await c.request('POST', '/totp/device/remove', { deviceName: 'Phone' }), ['otp-email', 'emailpassword'], 60);
    } finally {
      await short.close();
    }
  });

  it('with guardLastTotpDeviceRemoval off, the last device goes without step-up', async () => {
    const own = testClock(clock.now());
    const open = await startBackend({ now: own.now, mfa: { settings: { guardLastTotpDeviceRemoval: false } } });
    try {
      const c = new TestClient(open);
      await c.signUp('open@example.com');
      const secret = (await c.request('POST', '/totp/device', { deviceName: 'Phone' })).body.secret;
      await c.request('POST', '/totp/device/verify', { deviceName: 'Phone', totp: totpCode(secret, own.now()) });
      own.advance(60 * MINUTE - 1000);
      expect((await c.request('POST', '/totp/device/remove', { deviceName: 'Phone' })).body).toEqual({ status: 'OK', didDeviceExist: true });
    } finally {
      await open.close();
    }
  });

  it('refuses nonsense options at start-up; enabled: false unmounts the API', async () => {
    await expect(startBackend({ mfa: { settings: { stepUpMaxAgeSeconds: 0 } } })).rejects.toThrow(/stepUpMaxAgeSeconds/);
    await expect(startBackend({ mfa: { settings: { stepUpMaxAgeSeconds: 1.5 } } })).rejects.toThrow(/stepUpMaxAgeSeconds/);
    const off = await startBackend({ mfa: { settings: { enabled: false } } });
    try {
      const c = new TestClient(off);
      await c.signUp('off@example.com');
      expect((await c.request('GET', '/fk/mfa/settings')).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});

describe('only the session user, and only with complete MFA', () => {
  it("user B's session cannot read or change user A's factors or devices", async () => {
    const a = new TestClient(backend);
    await a.signUp(email('a'));
    const aId = a.front!.uid;
    await addTotpDevice(a, 'A phone');
    const b = new TestClient(backend);
    const bEmail = email('b');
    await b.signUp(bEmail);
    const bId = b.front!.uid;

    // A user id in the body is refused, not silently used or ignored.
    for (const path of ['/fk/mfa/settings/required-factors/add', '/fk/mfa/settings/required-factors/remove']) {
      const r = await b.request('POST', path, { factorId: 'otp-email', userId: aId });
      expect(r.status).toBe(400);
      expect(r.body.message).toMatch(/userId/);
    }
    expect((await turnOn(b, 'otp-email')).body.requiredSecondaryFactorsForUser).toEqual(['otp-email']);
    expect(await backend.mfa.getRequiredSecondaryFactorsForUser(aId)).toEqual([]);
    expect(await backend.mfa.getRequiredSecondaryFactorsForUser(bId)).toEqual(['otp-email']);
    await doEmailOtp(b, bEmail);

    // B's settings show B's things only; B cannot remove A's device by its name.
    const bSettings = await settings(b);
    expect(bSettings.body.totpDevices).toEqual([]);
    expect((await b.request('POST', '/totp/device/remove', { deviceName: 'A phone' })).body).toEqual({ status: 'OK', didDeviceExist: false });
    expect((await settings(a)).body.totpDevices).toEqual([{ name: 'A phone', verified: true, createdAt: expect.any(Number), lastUsedAt: expect.any(Number) }]);
    expect((await settings(a)).body.requiredSecondaryFactorsForUser).toEqual([]);
  });

  it('a session in the middle of signing in (st-mfa.v false) gets 403 and changes nothing', async () => {
    const address = email('mid');
    const setup = new TestClient(backend);
    await setup.signUp(address);
    const userId = setup.front!.uid;
    await backend.mfa.addToRequiredSecondaryFactorsForUser(userId, 'otp-email');

    for (const mode of ['header', 'cookie'] as const) {
      const c = new TestClient(backend, mode);
      await c.signIn(address);
      expect(c.mfa?.v).toBe(false);
      const mfaRefusal = { message: 'invalid claim', claimValidationErrors: [{ id: 'st-mfa', reason: { message: 'MFA requirement for auth is not satisfied' } }] };
      for (const r of [await settings(c), await turnOff(c, 'otp-email'), await turnOn(c, 'otp-phone')]) {
        expect(r.status).toBe(403);
        expect(r.body).toEqual(mfaRefusal);
      }
    }
    expect(await backend.mfa.getRequiredSecondaryFactorsForUser(userId)).toEqual(['otp-email']);
  });

  it('without a session: 401', async () => {
    const c = new TestClient(backend);
    for (const r of [await settings(c), await turnOn(c, 'otp-email'), await turnOff(c, 'otp-email')]) {
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ message: 'unauthorised' });
    }
  });

  it('bad bodies: 400 with a readable message', async () => {
    const c = new TestClient(backend);
    await c.signUp(email('bad'));
    const cases: [unknown, RegExp][] = [
      [{}, /Missing input param: factorId/],
      [{ factorId: 5 }, /factorId/],
      [{ factorId: '' }, /factorId/],
      [{ factorId: 'x'.repeat(65) }, /factorId/],
      [{ factorId: 'otp\nemail' }, /control characters/],
    ];
    for (const [body, message] of cases) {
      for (const path of ['/fk/mfa/settings/required-factors/add', '/fk/mfa/settings/required-factors/remove']) {
        const r = await c.request('POST', path, body);
        expect(r.status, JSON.stringify(r.body)).toBe(400);
        expect(r.body.message).toMatch(message);
      }
    }
    const unknown = await turnOn(c, 'emailpassword');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ message: 'factorId must be one of: otp-email, otp-phone, totp' });
  });
});

describe('tenants and server code', () => {
  it("shows the tenant's required factors, which the user cannot turn off", async () => {
    const address = email('tenant');
    const c = new TestClient(backend, 'header', 'strict');
    expect((await c.signUp(address)).body.status).toBe('OK');
    expect(c.mfa?.v).toBe(false);
    await doEmailOtp(c, address);
    const s = await settings(c);
    expect(s.body.requiredSecondaryFactorsForTenant).toEqual(['otp-email']);
    expect(s.body.factors[0]).toMatchObject({ id: 'otp-email', requiredForUser: false, requiredForTenant: true, askedAtSignIn: 'always', askedBecause: 'tenant' });
    // Not the user's own requirement: "turning it off" changes nothing.
    expect((await turnOff(c, 'otp-email')).body).toEqual({ status: 'OK', requiredSecondaryFactorsForUser: [] });
    const again = new TestClient(backend, 'header', 'strict');
    await again.signIn(address);
    expect(again.mfa?.v).toBe(false);
  });

  it('backend.mfaSettings works behind withSession, and requireStepUp guards an app API', async () => {
    const address = email('server');
    const c = new TestClient(backend);
    await c.signUp(address);
    clock.advance(6 * MINUTE);
    const call = (handler: Parameters<Backend['withSession']>[1]) =>
      backend.withSession(new Request(`${API}/api/thing`, { headers: { authorization: `Bearer ${c.accessToken}`, rid: 'anti-csrf' } }), handler);

    const read = await call((session) => backend.mfaSettings.getSettings(session));
    expect(read.status).toBe(200);
    expect((await read.json()).stepUp).toEqual({ maxAgeSeconds: 300, satisfiedUntil: null, factors: ['otp-email', 'emailpassword'], recoveredUntil: null });

    const guarded = await call(async (session) => {
      await backend.mfaSettings.requireStepUp(session);
      return { status: 'OK' };
    });
    expect(guarded.status).toBe(403);
    expect((await guarded.json()).claimValidationErrors[0]).toMatchObject({ id: 'fk-step-up', reason: { factors: ['otp-email', 'emailpassword'], maxAgeSeconds: 300 } });

    await doEmailOtp(c, address);
    const allowed = await call(async (session) => {
      await backend.mfaSettings.requireStepUp(session);
      return backend.mfaSettings.getStepUpStatus(session);
    });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toEqual({ satisfied: true, maxAgeSeconds: 300, satisfiedUntil: (c.mfa!.c['otp-email']! + 300) * 1000, factors: ['otp-email', 'emailpassword'] });
  });
});
