import { describe, expect, it } from 'vitest';
import { latestCode, startBackend, TestClient, testClock } from '../server/helpers.ts';
import { freshEmail, MINUTE, servedBackend } from './helpers.ts';

/**
 * Finding 3: 200 create-code calls and 200 resends for one address all succeeded and every code stayed
 * live, so an attacker's guesses grew with the codes issued (and so did the SMS bill). Now: limits per
 * contact and per client address on sends, one live code per device, a wrong-guess budget per
 * contact across its devices, and no 500 when a code repeats.
 */

const clock = testClock(Date.now());
const env = servedBackend(() => ({ now: clock.now, passwordless: { contactMethod: 'EMAIL_OR_PHONE', flowType: 'USER_INPUT_CODE' } }));

let ip = 0;
/** A client from an address no other test uses, so per-address limits do not leak between tests. */
const fromNewAddress = () => (++ip, env.client('header', { ip: `10.3.${Math.floor(ip / 250)}.${(ip % 250) + 1}` }));

const create = (c: TestClient, email: string) => c.request('POST', '/signinup/code', { email, shouldTryLinkingWithSessionUser: false });
const resend = (c: TestClient, device: { deviceId: string; preAuthSessionId: string }) =>
  c.request('POST', '/signinup/code/resend', { deviceId: device.deviceId, preAuthSessionId: device.preAuthSessionId, shouldTryLinkingWithSessionUser: false });
const consume = (c: TestClient, device: { deviceId: string; preAuthSessionId: string }, userInputCode: string) =>
  c.request('POST', '/signinup/code/consume', { deviceId: device.deviceId, preAuthSessionId: device.preAuthSessionId, userInputCode, shouldTryLinkingWithSessionUser: false });
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('finding 3: one-time codes without limits', () => {
  it('200 create-code calls for one address: 5 are sent, the rest are refused with when to try again', async () => {
    const to = freshEmail('flood');
    const statuses: string[] = [];
    let refusal: any;
    for (let i = 0; i < 200; i++) {
      const r = await create(fromNewAddress(), to);
      expect(r.status).toBe(200);
      statuses.push(r.body.status);
      if (r.body.status !== 'OK') refusal ??= r;
    }
    expect(statuses.filter((s) => s === 'OK')).toHaveLength(5);
    expect(refusal.body).toMatchObject({ status: 'SIGN_IN_UP_NOT_ALLOWED', reason: expect.any(String), retryAfterMs: expect.any(Number) });
    expect(refusal.body.retryAfterMs).toBeGreaterThan(0);
    expect(Number(refusal.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await env.backend.outbox.list({ to })).toHaveLength(5);

    // The window passes: codes can be sent again.
    clock.advance(16 * MINUTE);
    expect((await create(fromNewAddress(), to)).body.status).toBe('OK');
  });

  it('200 resends on one device: the sends to the address stay within the same limit', async () => {
    const c = fromNewAddress();
    const to = freshEmail('resend-flood');
    const device = (await create(c, to)).body;
    const statuses: string[] = [];
    for (let i = 0; i < 200; i++) statuses.push((await resend(c, device)).body.status);
    expect(statuses.filter((s) => s === 'OK')).toHaveLength(4);
    const refused = await resend(c, device);
    expect(refused.body).toMatchObject({ status: 'GENERAL_ERROR', message: expect.any(String), retryAfterMs: expect.any(Number) });
    expect(await env.backend.outbox.list({ to })).toHaveLength(5);
  });

  it('a resend retires the older code of the device', async () => {
    const c = fromNewAddress();
    const to = freshEmail('retire');
    const device = (await create(c, to)).body;
    const first = await latestCode(env.backend, to);
    expect((await resend(c, device)).body.status).toBe('OK');
    const second = await latestCode(env.backend, to);
    if (first !== second) expect((await consume(c, device, first)).body.status).toBe('INCORRECT_USER_INPUT_CODE_ERROR');
    expect((await consume(c, device, second)).body.status).toBe('OK');
  });

  it('wrong guesses are counted per address across its devices: the right code then fails too, until the budget refills', async () => {
    const to = freshEmail('guesses');
    const results: string[] = [];
    let last: { device: any; code: string } | undefined;
    for (let d = 0; d < 3; d++) {
      const c = fromNewAddress();
      const device = (await create(c, to)).body;
      const code = await latestCode(env.backend, to);
      last = { device, code };
      for (let g = 0; g < 4; g++) results.push((await consume(c, device, wrong(code))).body.status);
    }
    // 10 wrong guesses in all are allowed for one address; the 11th and 12th are refused outright.
    expect(results.filter((s) => s === 'INCORRECT_USER_INPUT_CODE_ERROR')).toHaveLength(10);
    const locked = await consume(fromNewAddress(), last!.device, last!.code);
    expect(locked.body).toMatchObject({ status: 'SIGN_IN_UP_NOT_ALLOWED', retryAfterMs: expect.any(Number) });
    expect((await create(fromNewAddress(), to)).body).toMatchObject({ status: 'SIGN_IN_UP_NOT_ALLOWED', retryAfterMs: expect.any(Number) });
    clock.advance(61 * MINUTE);
    const c = fromNewAddress();
    const fresh = (await create(c, to)).body;
    expect((await consume(c, fresh, await latestCode(env.backend, to))).body.status).toBe('OK');
  });

  it('one client address sending codes to many contacts is held back', async () => {
    const c = fromNewAddress();
    const statuses: string[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await create(c, freshEmail('pump'))).body.status);
    expect(statuses.filter((s) => s === 'OK')).toHaveLength(30);
    expect(statuses.slice(30).every((s) => s === 'SIGN_IN_UP_NOT_ALLOWED')).toBe(true);
  });
});

describe('finding 3: a repeated code is not a server error', () => {
  it('3,000 resends on one device answer without a 500', { timeout: 120_000 }, async () => {
    const backend = await startBackend({ limits: { codeSendsPerContact: false } });
    try {
      const c = new TestClient(backend);
      const device = (await c.request('POST', '/signinup/code', { email: freshEmail('collide'), shouldTryLinkingWithSessionUser: false })).body;
      const statuses = new Set<number>();
      for (let i = 0; i < 3000; i++) statuses.add((await resend(c, device)).status);
      expect([...statuses]).toEqual([200]);
    } finally {
      await backend.close();
    }
  });
});
