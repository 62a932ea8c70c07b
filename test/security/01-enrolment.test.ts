import { describe, expect, it } from 'vitest';
import { latestCode, testClock, totpCode } from '../server/helpers.ts';
import { addTotpDevice, completeEmailOtp, freshEmail, refusedClaims, servedBackend } from './helpers.ts';

/**
 * Finding 1: with the password alone (`st-mfa.v` false) an attacker enrolled a second factor of their
 * own: an email code to their address, which was then linked and received the codes from then on.
 * While MFA is incomplete, a code goes only to an address the account has; a new contact (a first
 * phone number, a first authenticator app) only while the account has no second factor, and the
 * account's addresses are told.
 */

const clock = testClock(Date.now());
const env = servedBackend(() => ({
  now: clock.now,
  tenants: [
    { tenantId: 'phones', requiredSecondaryFactors: ['otp-phone'] },
    { tenantId: 'later', requiredSecondaryFactors: [] },
  ],
}));

/**
 * A user who opted in to email codes (S5): every sign-in asks for one. `proven`: the owner also did one
 * (which links a passwordless login: the account then has a second factor).
 */
async function ownerWithEmailCodes({ proven }: { proven: boolean }) {
  const owner = freshEmail('owner');
  const c = env.client();
  expect((await c.signUp(owner)).body.status).toBe('OK');
  expect((await c.request('POST', '/fk/mfa/settings/required-factors/add', { factorId: 'otp-email' })).body.status).toBe('OK');
  if (proven) await completeEmailOtp(c, owner);
  return owner;
}

describe('finding 1: enrolling a second factor with the password alone', () => {
  it('an email code goes only to an address the account has, never to the attacker’s', async () => {
    const owner = await ownerWithEmailCodes({ proven: false });
    const attacker = env.client();
    expect((await attacker.signIn(owner)).body.status).toBe('OK');
    expect(attacker.mfa?.v).toBe(false);

    const evil = freshEmail('attacker');
    const refused = await attacker.request('POST', '/signinup/code', { email: evil, shouldTryLinkingWithSessionUser: true });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ status: 'SIGN_IN_UP_NOT_ALLOWED', reason: expect.stringMatching(/address/i) });
    expect(await env.backend.outbox.list({ to: evil })).toEqual([]);
    expect(attacker.mfa?.v).toBe(false);
    const user = await env.backend.users.getUser(attacker.front!.uid);
    expect(user?.emails).toEqual([owner]);

    // The owner's own address still works for the owner.
    const real = env.client();
    expect((await real.signIn(owner)).body.status).toBe('OK');
    await completeEmailOtp(real, owner);
    expect(real.mfa?.v).toBe(true);
  });

  it('a first phone number may be enrolled at sign-in while the account has no second factor; its addresses are told', async () => {
    const owner = freshEmail('first-phone');
    const c = env.client('header', { tenantId: 'phones' });
    expect((await c.signUp(owner)).body.status).toBe('OK');
    expect(c.mfa?.v).toBe(false);
    const code = await c.request('POST', '/signinup/code', { phoneNumber: '+14155550101', shouldTryLinkingWithSessionUser: true });
    expect(code.body.status).toBe('OK');
    const consumed = await c.request('POST', '/signinup/code/consume', {
      deviceId: code.body.deviceId,
      preAuthSessionId: code.body.preAuthSessionId,
      userInputCode: await latestCode(env.backend, '+14155550101'),
      shouldTryLinkingWithSessionUser: true,
    });
    expect(consumed.body.status).toBe('OK');
    expect(c.mfa?.v).toBe(true);
    const [notice] = await env.backend.outbox.list({ to: owner });
    expect(notice).toMatchObject({ type: 'SECURITY_NOTICE', notice: 'FACTOR_ADDED', factorId: 'otp-phone' });
  });

  it('once the account has a second factor, a password-only session cannot enroll a new phone number; the owner, after the factor, can', async () => {
    // The owner set up an authenticator app while their organisation asked for nothing...
    const owner = freshEmail('has-totp');
    const setup = env.client('header', { tenantId: 'later' });
    expect((await setup.signUp(owner)).body.status).toBe('OK');
    const device = await addTotpDevice(setup, clock);
    // ...then the organisation started to require SMS codes.
    await env.backend.tenants.createOrUpdateTenant('later', { requiredSecondaryFactors: ['otp-phone'] });

    const attacker = env.client('header', { tenantId: 'later' });
    expect((await attacker.signIn(owner)).body.status).toBe('OK');
    expect(attacker.mfa?.v).toBe(false);
    const refused = await attacker.request('POST', '/signinup/code', { phoneNumber: '+14155550199', shouldTryLinkingWithSessionUser: true });
    expect(refused.body).toMatchObject({ status: 'SIGN_IN_UP_NOT_ALLOWED', reason: expect.stringContaining('FK_COMPLETE_EXISTING_FACTORS_FIRST') });
    expect(await env.backend.outbox.list({ to: '+14155550199' })).toEqual([]);

    const real = env.client('header', { tenantId: 'later' });
    expect((await real.signIn(owner)).body.status).toBe('OK');
    clock.advance(31_000);
    expect((await real.request('POST', '/totp/verify', { totp: totpCode(device.secret, clock.now()) })).body.status).toBe('OK');
    expect((await real.request('POST', '/signinup/code', { phoneNumber: '+14155550102', shouldTryLinkingWithSessionUser: true })).body.status).toBe('OK');
  });

  it('once the account has a second factor, a password-only session cannot add an authenticator app', async () => {
    const owner = await ownerWithEmailCodes({ proven: true });
    const attacker = env.client();
    expect((await attacker.signIn(owner)).body.status).toBe('OK');
    const device = await attacker.request('POST', '/totp/device', {});
    expect(refusedClaims(device)).toEqual(['st-mfa']);
  });

  it('a first authenticator app at sign-in (nothing else set up) is allowed, and the owner is told', async () => {
    const owner = freshEmail('first-totp');
    const c = env.client();
    expect((await c.signUp(owner)).body.status).toBe('OK');
    await addTotpDevice(c, clock);
    const notices = (await env.backend.outbox.list({ to: owner })).filter((m) => m.type === 'SECURITY_NOTICE');
    expect(notices).toEqual([expect.objectContaining({ notice: 'FACTOR_ADDED', factorId: 'totp' })]);
  });
});
