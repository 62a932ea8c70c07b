import { describe, expect, it } from 'vitest';
import { latestCode, testClock } from '../server/helpers.ts';
import { freshEmail, servedBackend, type HttpClient } from './helpers.ts';

/**
 * Finding 7: an OTP device was not bound to the session that created it: a code the attacker's own
 * account asked for, to the attacker's own address, completed the factor for the victim's session.
 * Now a second-factor code completes only the session (and user) that asked for it, and a first-factor
 * code never completes a second factor.
 */

const clock = testClock(Date.now());
const env = servedBackend(() => ({ now: clock.now, tenants: [{ tenantId: 'codes', requiredSecondaryFactors: ['otp-email'] }] }));

const create = (c: HttpClient, email: string, second = true) => c.request('POST', '/signinup/code', { email, shouldTryLinkingWithSessionUser: second });
const consume = (c: HttpClient, device: { deviceId: string; preAuthSessionId: string }, userInputCode: string, second = true) =>
  c.request('POST', '/signinup/code/consume', { deviceId: device.deviceId, preAuthSessionId: device.preAuthSessionId, userInputCode, shouldTryLinkingWithSessionUser: second });

async function passwordOnly(email: string) {
  const c = env.client('header', { tenantId: 'codes' });
  const signed = await c.signUp(email);
  expect(signed.body.status).toBe('OK');
  expect(c.mfa?.v).toBe(false);
  return c;
}

describe('finding 7: OTP devices bound to their session', () => {
  it('the attacker’s own code, for the attacker’s own address, does not complete the victim’s session', async () => {
    const attackerEmail = freshEmail('attacker');
    const attacker = await passwordOnly(attackerEmail);
    const device = (await create(attacker, attackerEmail)).body;
    expect(device.status).toBe('OK');
    const code = await latestCode(env.backend, attackerEmail);

    const victim = await passwordOnly(freshEmail('victim'));
    const r = await consume(victim, device, code);
    expect(r.body).toEqual({ status: 'RESTART_FLOW_ERROR' });
    expect(victim.mfa?.v).toBe(false);
    // The attacker's own attempt is untouched and still works for the attacker.
    expect((await consume(attacker, device, code)).body.status).toBe('OK');
  });

  it('a code asked for by one session of a user does not complete another session of the same user', async () => {
    const email = freshEmail('two-sessions');
    const first = await passwordOnly(email);
    const device = (await create(first, email)).body;
    const code = await latestCode(env.backend, email);
    const second = env.client('header', { tenantId: 'codes' });
    expect((await second.signIn(email)).body.status).toBe('OK');
    expect((await consume(second, device, code)).body).toEqual({ status: 'RESTART_FLOW_ERROR' });
    expect(second.mfa?.v).toBe(false);
  });

  it('a first-factor code cannot complete a second factor, nor the other way round', async () => {
    const email = freshEmail('first-factor');
    const c = await passwordOnly(email);
    const anonymous = env.client('header', { tenantId: 'codes' });
    const firstFactorDevice = (await create(anonymous, email, false)).body;
    expect(firstFactorDevice.status).toBe('OK');
    expect((await consume(c, firstFactorDevice, await latestCode(env.backend, email))).body).toEqual({ status: 'RESTART_FLOW_ERROR' });
    expect(c.mfa?.v).toBe(false);

    const secondFactorDevice = (await create(c, email)).body;
    expect((await consume(anonymous, secondFactorDevice, await latestCode(env.backend, email), false)).body).toEqual({ status: 'RESTART_FLOW_ERROR' });
    expect(anonymous.frontToken).toBeUndefined();
  });

  it('resending a code another session asked for is refused', async () => {
    const email = freshEmail('resend-other');
    const first = await passwordOnly(email);
    const device = (await create(first, email)).body;
    const other = await passwordOnly(freshEmail('other'));
    const r = await other.request('POST', '/signinup/code/resend', { deviceId: device.deviceId, preAuthSessionId: device.preAuthSessionId, shouldTryLinkingWithSessionUser: true });
    expect(r.body).toEqual({ status: 'RESTART_FLOW_ERROR' });
    expect(await env.backend.outbox.list({ to: email })).toHaveLength(1);
  });
});
