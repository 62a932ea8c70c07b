import { describe, expect, it } from 'vitest';
import { createPasswordHasher } from '../../src/server/password.ts';
import { startBackend, TestClient, testClock } from '../server/helpers.ts';
import { freshEmail, MINUTE, servedBackend } from './helpers.ts';

/**
 * Finding 4: 300 wrong passwords in 2.7 s, then the right one succeeded; and Argon2 on the event loop
 * let a sign-in flood stall every other endpoint. Now: a growing delay per account and client
 * address, a softer one per account, a cap per client address; hashing in worker threads with a
 * bounded queue.
 */

const clock = testClock(Date.now());
const env = servedBackend(() => ({ now: clock.now }));
const PASSWORD = 'right-password-1';

async function account() {
  const email = freshEmail('victim');
  expect((await env.client('header', { ip: '192.0.2.1' }).signUp(email, PASSWORD)).body.status).toBe('OK');
  return email;
}

describe('finding 4: password guessing', () => {
  it('300 wrong passwords from one address: 5 are checked, then each try waits longer; the right one waits too', async () => {
    const email = await account();
    const attacker = env.client('header', { ip: '203.0.113.7' });
    const answers: any[] = [];
    for (let i = 0; i < 300; i++) answers.push((await attacker.signIn(email, `guess-${i}`)).body);
    expect(answers.filter((a) => a.status === 'WRONG_CREDENTIALS_ERROR')).toHaveLength(5);
    const throttled = answers.slice(5);
    expect(throttled.every((a) => a.status === 'SIGN_IN_NOT_ALLOWED' && a.retryAfterMs > 0)).toBe(true);

    const right = await attacker.signIn(email, PASSWORD);
    expect(right.body).toMatchObject({ status: 'SIGN_IN_NOT_ALLOWED', retryAfterMs: expect.any(Number) });
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);

    // The delay grows: after waiting it out, one more wrong try earns a longer wait.
    clock.advance(right.body.retryAfterMs);
    expect((await attacker.signIn(email, 'guess-again')).body.status).toBe('WRONG_CREDENTIALS_ERROR');
    const next = (await attacker.signIn(email, PASSWORD)).body;
    expect(next.status).toBe('SIGN_IN_NOT_ALLOWED');
    expect(next.retryAfterMs).toBeGreaterThan(right.body.retryAfterMs);
    clock.advance(next.retryAfterMs);
    expect((await attacker.signIn(email, PASSWORD)).body.status).toBe('OK');
  });

  it('the owner, from their own address, signs in while the attacker’s address waits', async () => {
    const email = await account();
    const attacker = env.client('header', { ip: '203.0.113.8' });
    for (let i = 0; i < 8; i++) await attacker.signIn(email, `guess-${i}`);
    expect((await attacker.signIn(email, PASSWORD)).body.status).toBe('SIGN_IN_NOT_ALLOWED');
    expect((await env.client('header', { ip: '192.0.2.50' }).signIn(email, PASSWORD)).body.status).toBe('OK');
  });

  it('guesses spread over many addresses meet a softer per-account delay that never locks the owner out for long', async () => {
    const email = await account();
    const statuses: string[] = [];
    let longest = 0;
    for (let i = 0; i < 40; i++) {
      const body = (await env.client('header', { ip: `198.51.100.${i + 1}` }).signIn(email, `guess-${i}`)).body;
      statuses.push(body.status);
      if (body.status === 'SIGN_IN_NOT_ALLOWED') longest = Math.max(longest, body.retryAfterMs);
    }
    expect(statuses.filter((s) => s === 'WRONG_CREDENTIALS_ERROR').length).toBeLessThan(40);
    expect(statuses.filter((s) => s === 'WRONG_CREDENTIALS_ERROR').length).toBeGreaterThanOrEqual(20);
    expect(longest).toBeGreaterThan(0);
    expect(longest).toBeLessThanOrEqual(MINUTE);
    clock.advance(MINUTE);
    expect((await env.client('header', { ip: '192.0.2.51' }).signIn(email, PASSWORD)).body.status).toBe('OK');
  });

  it('one address trying many accounts is stopped', async () => {
    const stuffer = env.client('header', { ip: '203.0.113.99' });
    const statuses: string[] = [];
    for (let i = 0; i < 120; i++) statuses.push((await stuffer.signIn(freshEmail('stuffed'), 'password1')).body.status);
    expect(statuses.slice(0, 100).every((s) => s === 'WRONG_CREDENTIALS_ERROR')).toBe(true);
    expect(statuses.slice(100).every((s) => s === 'SIGN_IN_NOT_ALLOWED')).toBe(true);
  });
});

describe('finding 4: hashing off the event loop', () => {
  it('hashes in worker threads, and the hashes verify anywhere', async () => {
    const hasher = createPasswordHasher({ memorySize: 1024, iterations: 1, workers: 2 });
    try {
      const hashed = await hasher.hash('pw-123456');
      expect(hashed).toMatch(/^\$argon2id\$/);
      expect(await hasher.verify('pw-123456', hashed)).toBe(true);
      expect(await hasher.verify('pw-wrong', hashed)).toBe(false);
      expect(hasher.stats().threads).toBe(2);
      expect(hasher.stats().completedOffMainThread).toBe(3);
      // A hash made on the main thread verifies in a worker and the other way round.
      const inline = createPasswordHasher({ memorySize: 1024, iterations: 1, workers: 0 });
      expect(await hasher.verify('pw-123456', await inline.hash('pw-123456'))).toBe(true);
      expect(await inline.verify('pw-123456', hashed)).toBe(true);
    } finally {
      await hasher.close();
    }
  });

  it('a flood beyond the queue is answered at once with 503 and Retry-After, never queued without bound', async () => {
    // Costly enough (hundreds of ms a hash) that all 12 requests reach the queue before the first hash ends.
    const backend = await startBackend({ passwordHashing: { memorySize: 65536, iterations: 4, workers: 1, maxQueue: 2 } });
    try {
      const email = freshEmail('flood');
      expect((await new TestClient(backend).signUp(email, PASSWORD)).body.status).toBe('OK');
      const replies = await Promise.all(Array.from({ length: 12 }, () => new TestClient(backend).signIn(email, PASSWORD)));
      const busy = replies.filter((r) => r.status === 503);
      expect(busy.length).toBeGreaterThan(0);
      expect(busy.every((r) => Number(r.headers.get('retry-after')) >= 1 && typeof r.body.message === 'string')).toBe(true);
      expect(replies.filter((r) => r.status === 200).every((r) => r.body.status === 'OK')).toBe(true);
      expect(replies.every((r) => r.status === 200 || r.status === 503)).toBe(true);
    } finally {
      await backend.close();
    }
  });
});
