import { describe, expect, it } from 'vitest';
import { latestCode, testClock, totpCode } from '../server/helpers.ts';
import { addTotpDevice, completeEmailOtp, freshEmail, MINUTE, refusedClaims, servedBackend } from './helpers.ts';

/**
 * Finding 2: a stolen complete session, after the step-up window, added a NEW factor (no step-up
 * asked), which then counted as fresh and vouched for removing the owner's device and turning the
 * requirement off. Every change that adds or removes a way in needs a recent factor that existed
 * before the change; a factor set up in this session never vouches for another change.
 */

const clock = testClock(Date.now());
const env = servedBackend(() => ({ now: clock.now }));

/** The owner: password + an authenticator app, required at every sign-in. Returns their stolen session too. */
async function ownerWithTotp() {
  const owner = freshEmail('owner');
  const c = env.client();
  expect((await c.signUp(owner)).body.status).toBe('OK');
  const device = await addTotpDevice(c, clock, 'Owner phone');
  expect((await c.request('POST', '/fk/mfa/settings/required-factors/add', { factorId: 'totp' })).body.status).toBe('OK');
  // A new sign-in, as the owner does every day; this session is the one that gets stolen.
  const stolen = env.client();
  expect((await stolen.signIn(owner)).body.status).toBe('OK');
  clock.advance(31_000);
  expect((await stolen.request('POST', '/totp/verify', { totp: totpCode(device.secret, clock.now()) })).body.status).toBe('OK');
  expect(stolen.mfa?.v).toBe(true);
  return { owner, stolen, device };
}

describe('finding 2: step-up that a new factor can satisfy', () => {
  it('after the window, adding an authenticator app needs step-up', async () => {
    const { stolen } = await ownerWithTotp();
    clock.advance(10 * MINUTE);
    const created = await stolen.request('POST', '/totp/device', { deviceName: 'Attacker' });
    expect(refusedClaims(created)).toEqual(['fk-step-up']);
  });

  it('a device set up in this session never vouches for removing the owner’s device', async () => {
    const { stolen, device } = await ownerWithTotp();
    // Inside the window (the owner has just verified): adding a device is allowed.
    const attacker = await addTotpDevice(stolen, clock, 'Attacker');
    clock.advance(2 * MINUTE);
    // Completing TOTP with the attacker's own device...
    expect((await stolen.request('POST', '/totp/verify', { totp: totpCode(attacker.secret, clock.now()) })).body.status).toBe('OK');
    // ...after the owner's verification has aged out of the window.
    clock.advance(4 * MINUTE);
    const removed = await stolen.request('POST', '/totp/device/remove', { deviceName: device.deviceName });
    expect(refusedClaims(removed)).toEqual(['fk-step-up']);
    const off = await stolen.request('POST', '/fk/mfa/settings/required-factors/remove', { factorId: 'totp' });
    expect(refusedClaims(off)).toEqual(['fk-step-up']);
  });

  it('after the window, linking a new email-code address needs step-up', async () => {
    const { stolen } = await ownerWithTotp();
    clock.advance(10 * MINUTE);
    const evil = freshEmail('attacker');
    const code = await stolen.request('POST', '/signinup/code', { email: evil, shouldTryLinkingWithSessionUser: true });
    expect(refusedClaims(code)).toEqual(['fk-step-up']);
    expect(await env.backend.outbox.list({ to: evil })).toEqual([]);
  });

  it('after the window, linking a new email + password login needs step-up', async () => {
    const { stolen } = await ownerWithTotp();
    clock.advance(10 * MINUTE);
    const linked = await stolen.signUp(freshEmail('attacker-login'), 'password123', true);
    expect(refusedClaims(linked)).toEqual(['fk-step-up']);
  });

  it('removing a device that is not the last needs step-up too', async () => {
    const owner = freshEmail('two-devices');
    const c = env.client();
    expect((await c.signUp(owner)).body.status).toBe('OK');
    await addTotpDevice(c, clock, 'First');
    await addTotpDevice(c, clock, 'Second');
    clock.advance(10 * MINUTE);
    const removed = await c.request('POST', '/totp/device/remove', { deviceName: 'First' });
    expect(refusedClaims(removed)).toEqual(['fk-step-up']);
  });

  it('with step-up by a factor that existed before, the change goes through and the owner is told', async () => {
    const { owner, stolen: session, device } = await ownerWithTotp();
    clock.advance(10 * MINUTE);
    clock.advance(31_000);
    expect((await session.request('POST', '/totp/verify', { totp: totpCode(device.secret, clock.now()) })).body.status).toBe('OK');
    await addTotpDevice(session, clock, 'Tablet');
    const [newest] = (await env.backend.outbox.list({ to: owner })).filter((m) => m.type === 'SECURITY_NOTICE');
    expect(newest).toMatchObject({ notice: 'FACTOR_ADDED', factorId: 'totp', detail: 'Tablet' });
  });

  it('an email code to an address the account had counts as step-up where email codes protect the account', async () => {
    const owner = freshEmail('email-protected');
    const c = env.client();
    expect((await c.signUp(owner)).body.status).toBe('OK');
    expect((await c.request('POST', '/fk/mfa/settings/required-factors/add', { factorId: 'otp-email' })).body.status).toBe('OK');
    await completeEmailOtp(c, owner);
    clock.advance(10 * MINUTE);
    expect(refusedClaims(await c.request('POST', '/totp/device', { deviceName: 'Laptop' }))).toEqual(['fk-step-up']);
    await completeEmailOtp(c, owner);
    expect((await c.request('POST', '/totp/device', { deviceName: 'Laptop' })).body.status).toBe('OK');
  });

  it('where an authenticator app protects the account, an email code does not vouch for changes', async () => {
    const { owner, stolen } = await ownerWithTotp();
    clock.advance(10 * MINUTE);
    await completeEmailOtp(stolen, owner);
    expect(refusedClaims(await stolen.request('POST', '/totp/device', { deviceName: 'Laptop' }))).toEqual(['fk-step-up']);
  });

  it('a password-only account: the password vouches for its first second factor', async () => {
    const owner = freshEmail('password-only');
    const c = env.client();
    expect((await c.signUp(owner)).body.status).toBe('OK');
    const code = await c.request('POST', '/signinup/code', { phoneNumber: '+14155550111', shouldTryLinkingWithSessionUser: true });
    expect(code.body.status).toBe('OK');
    expect(await latestCode(env.backend, '+14155550111')).toMatch(/^\d{6}$/);
  });
});
