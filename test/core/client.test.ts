import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryStorage, isAuthError, type LockManagerLike, type SessionEvent } from '../../src/core/index.ts';
import type { Backend } from '../../src/server/index.ts';
import { latestCode, startBackend, testClock, totpCode } from '../server/helpers.ts';
import { clientFor, requestLog } from './helpers.ts';

const clock = testClock();
let backend: Backend;
const requireTotp = { override: { functions: (o: any) => ({ ...o, getMFARequirementsForAuth: () => ['totp'] }) } };

beforeAll(async () => {
  backend = await startBackend({ now: clock.now, mfa: requireTotp });
});
afterAll(() => backend.close());

let n = 0;
const email = () => `user${++n}-${Date.now()}@example.com`;

/** A lock manager shared by "tabs": callbacks on one name run one at a time. */
function sharedLocks(): LockManagerLike {
  const tails = new Map<string, Promise<unknown>>();
  return {
    request(name, callback) {
      const run = (tails.get(name) ?? Promise.resolve()).then(callback, callback);
      tails.set(name, run.catch(() => undefined));
      return run;
    },
  };
}

describe.each(['header', 'cookie'] as const)('%s mode against the reference backend', (mode) => {
  it('signs up, sets up TOTP as a second factor, and resolves back to the page asked for', async () => {
    const { client, log } = clientFor(backend, { tokenTransferMethod: mode });
    const events: string[] = [];
    client.session.onEvent((e) => events.push(e.type));
    expect((await client.emailPassword.signUp({ email: email(), password: 'password123' })).status).toBe('OK');
    expect(client.session.getSnapshot()).toMatchObject({ status: 'signedIn', payload: { 'st-mfa': { v: false } } });
    expect(events).toEqual(['SESSION_CREATED']);

    const factors = [{ id: 'totp', path: '/mfa/totp' }];
    expect(await client.resolveNext({ factors, redirectToPath: '/orders?id=7' })).toMatchObject({ type: 'FACTOR', factorId: 'totp', to: '/auth/mfa/totp?redirectToPath=%2Forders%3Fid%3D7' });
    const device = await client.totp.createDevice({ deviceName: 'Phone' });
    if (device.status !== 'OK') throw new Error(device.status);
    expect(await client.totp.verifyDevice({ deviceName: 'Phone', totp: totpCode(device.secret, clock.now()) })).toEqual({ status: 'OK', wasAlreadyVerified: false });
    expect(events).toContain('ACCESS_TOKEN_PAYLOAD_UPDATED');
    expect(await client.resolveNext({ factors, redirectToPath: '/orders?id=7' })).toEqual({ type: 'SUCCESS', to: '/orders?id=7' });
    expect(log.calls).toEqual(['POST /auth/signup', 'PUT /auth/mfa/info', 'POST /auth/totp/device', 'POST /auth/totp/device/verify']);
  });

  it('keeps tokens out of reach of page scripts in cookie mode, and in storage only in header mode', async () => {
    const storage = createMemoryStorage();
    const { client, jar } = clientFor(backend, { tokenTransferMethod: mode, storage });
    await client.emailPassword.signUp({ email: email(), password: 'password123' });
    if (mode === 'cookie') {
      expect(storage.getItem('fk.accessToken')).toBeNull();
      expect(storage.getItem('fk.refreshToken')).toBeNull();
      expect([...jar.keys()].sort()).toEqual(['sAccessToken', 'sRefreshToken']);
    } else {
      expect(storage.getItem('fk.accessToken')).toMatch(/^ey/);
      expect(storage.getItem('fk.refreshToken')).toBeTruthy();
      expect(jar.size).toBe(0);
    }
  });

  it('50 concurrent requests that all get 401 cause exactly one refresh, and all succeed', async () => {
    const log = requestLog();
    const { client } = clientFor(backend, { tokenTransferMethod: mode }, log);
    await client.emailPassword.signUp({ email: email(), password: 'password123' });
    const before = client.session.getSnapshot();
    clock.advance(3601_000); // the access token expires on the server's clock; the client cannot know
    const results = await Promise.all(Array.from({ length: 50 }, () => client.totp.listDevices()));
    expect(results.every((r) => r.status === 'OK')).toBe(true);
    expect(log.count('POST /auth/session/refresh')).toBe(1);
    expect(log.count('GET /auth/totp/device/list')).toBe(100); // each: one 401, one retry
    const after = client.session.getSnapshot();
    expect(after.status === 'signedIn' && before.status === 'signedIn' && after.expiresAt > before.expiresAt).toBe(true);
  });

  it('a failed refresh ends the session cleanly', async () => {
    const storage = createMemoryStorage();
    const { client } = clientFor(backend, { tokenTransferMethod: mode, storage });
    await client.emailPassword.signUp({ email: email(), password: 'password123' });
    const events: SessionEvent[] = [];
    client.session.onEvent((e) => events.push(e));
    clock.advance(101 * 24 * 3600_000); // past the refresh token's 100 days
    const error = await client.totp.listDevices().catch((e: unknown) => e);
    expect(isAuthError(error, 'unauthorised')).toBe(true);
    expect(client.session.getSnapshot()).toEqual({ status: 'signedOut' });
    expect(events).toEqual([{ type: 'UNAUTHORISED', sessionExpiredOrRevoked: true }]);
    expect(['fk.frontToken', 'fk.accessToken', 'fk.refreshToken'].map((k) => storage.getItem(k))).toEqual([null, null, null]);
    expect(await client.session.doesSessionExist()).toBe(false);
  });
});

describe('second-factor calls', () => {
  it('send shouldTryLinkingWithSessionUser: true; first-factor calls send false', async () => {
    const bodies: Record<string, unknown>[] = [];
    const { client } = clientFor(backend, {
      tokenTransferMethod: 'header',
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (request.method === 'POST') bodies.push({ path: new URL(request.url).pathname, ...(await request.clone().json()) });
        return backend.fetch(request);
      },
    });
    const address = email();
    await client.emailPassword.signUp({ email: address, password: 'password123' });
    await client.passwordless.createCode({ email: address, asSecondFactor: true });
    expect(bodies.map((b) => [b.path, b.shouldTryLinkingWithSessionUser])).toEqual([
      ['/auth/signup', false],
      ['/auth/signinup/code', true],
    ]);
  });
});

describe('the shared MFA info', () => {
  it('costs one request for concurrent callers', async () => {
    const log = requestLog();
    const { client } = clientFor(backend, { tokenTransferMethod: 'header' }, log);
    await client.emailPassword.signUp({ email: email(), password: 'password123' });
    const answers = await Promise.all(Array.from({ length: 5 }, () => client.mfa.getInfo()));
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toMatchObject({ status: 'OK', factors: { next: ['totp'] } });
    expect(log.count('PUT /auth/mfa/info')).toBe(1);
  });
});

describe('clock skew', () => {
  it('reads time on the API clock, so expiry checks work on a device whose clock is wrong', async () => {
    const { client } = clientFor(backend, { tokenTransferMethod: 'header' });
    await client.emailPassword.signUp({ email: email(), password: 'password123' });
    // The backend's test clock runs months behind this machine's clock.
    expect(Math.abs(client.now() - clock.now())).toBeLessThan(2000);
    expect(await client.session.doesSessionExist()).toBe(true);
  });
});

describe('several tabs', () => {
  it('sign-out in one client reaches a second one sharing the channel', async () => {
    const storage = createMemoryStorage();
    const name = `tabs-${Math.random()}`;
    const channels = [new BroadcastChannel(name), new BroadcastChannel(name)] as const;
    const tabA = clientFor(backend, { tokenTransferMethod: 'header', storage, channel: channels[0] });
    const tabB = clientFor(backend, { tokenTransferMethod: 'header', storage, channel: channels[1] });
    await tabA.client.emailPassword.signUp({ email: email(), password: 'password123' });
    expect(tabB.client.session.getSnapshot().status).toBe('signedIn');
    const seenByB = new Promise<SessionEvent>((resolve) => tabB.client.session.onEvent((e) => e.type === 'SIGN_OUT' && resolve(e)));
    let snapshotChanges = 0;
    tabB.client.session.subscribe(() => snapshotChanges++);
    await tabA.client.session.signOut();
    expect(await seenByB).toEqual({ type: 'SIGN_OUT', fromOtherTab: true });
    expect(tabB.client.session.getSnapshot()).toEqual({ status: 'signedOut' });
    expect(snapshotChanges).toBeGreaterThan(0);
    for (const channel of channels) channel.close();
  });

  it('two tabs whose requests both get 401 refresh once between them', async () => {
    const storage = createMemoryStorage();
    const locks = sharedLocks();
    const log = requestLog();
    const tabA = clientFor(backend, { tokenTransferMethod: 'header', storage, locks }, log);
    const tabB = clientFor(backend, { tokenTransferMethod: 'header', storage, locks }, log);
    await tabA.client.emailPassword.signUp({ email: email(), password: 'password123' });
    clock.advance(3601_000);
    const [a, b] = await Promise.all([tabA.client.totp.listDevices(), tabB.client.totp.listDevices()]);
    expect([a.status, b.status]).toEqual(['OK', 'OK']);
    expect(log.count('POST /auth/session/refresh')).toBe(1);
  });
});

describe('the app’s own API through client.fetch', () => {
  it('reports a 403 claim failure as a session event and passes the response through', async () => {
    const { client } = clientFor(backend, {
      tokenTransferMethod: 'header',
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (new URL(request.url).pathname === '/api/orders') return backend.withSession(request, async () => ({ orders: [] }));
        return backend.fetch(request);
      },
    });
    await client.emailPassword.signUp({ email: email(), password: 'password123' });
    const events: SessionEvent[] = [];
    client.session.onEvent((e) => events.push(e));
    const response = await client.fetch('/api/orders');
    expect(response.status).toBe(403);
    expect(events).toEqual([{ type: 'API_INVALID_CLAIM', claimValidationErrors: [expect.objectContaining({ id: 'st-mfa' })] }]);
  });
});

describe('an API that keeps answering 401', () => {
  it('gives up after a bounded number of refreshes with an error that says why', async () => {
    const log = requestLog();
    const { client } = clientFor(
      backend,
      {
        tokenTransferMethod: 'header',
        maxRefreshAttempts: 3,
        fetch: async (input, init) => {
          const request = new Request(input, init);
          log.calls.push(`${request.method} ${new URL(request.url).pathname}`);
          // Another auth layer in front of this one path rejects every token.
          if (new URL(request.url).pathname === '/auth/totp/device/list') return new Response('{"message":"try refresh token"}', { status: 401 });
          return backend.fetch(request);
        },
      },
    );
    await client.emailPassword.signUp({ email: email(), password: 'password123' });
    const error = await client.totp.listDevices().catch((e: unknown) => e);
    expect(isAuthError(error, 'unauthorised') && error.message).toMatch(/after 3 session refreshes/);
    expect(log.count('POST /auth/session/refresh')).toBe(3);
    expect(client.session.getSnapshot().status).toBe('signedIn');
  });
});

describe('the MFA settings extension', () => {
  it('turns a factor on, and refuses to turn it off without a recent step-up', async () => {
    const settingsClock = testClock();
    const plain = await startBackend({ now: settingsClock.now });
    try {
      const { client } = clientFor(plain, { tokenTransferMethod: 'header' });
      const address = email();
      await client.emailPassword.signUp({ email: address, password: 'password123' });
      const settings = await client.mfaSettings.get();
      expect(settings).toMatchObject({ status: 'OK', requiredSecondaryFactorsForUser: [] });
      expect(await client.mfaSettings.addRequiredFactor({ factorId: 'otp-email' })).toEqual({ status: 'OK', requiredSecondaryFactorsForUser: ['otp-email'] });
      // The new requirement applies to this session at once: prove the factor.
      expect(client.session.getSnapshot()).toMatchObject({ payload: { 'st-mfa': { v: false } } });
      const code = await client.passwordless.createCode({ email: address, asSecondFactor: true });
      if (code.status !== 'OK') throw new Error(code.status);
      const consumed = await client.passwordless.consumeCode({ ...code, userInputCode: await latestCode(plain, address), asSecondFactor: true });
      expect(consumed.status).toBe('OK');
      settingsClock.advance(301_000);
      const refused = await client.mfaSettings.removeRequiredFactor({ factorId: 'otp-email' });
      expect(refused).toMatchObject({ status: 'INVALID_CLAIM', claimValidationErrors: [{ id: 'fk-step-up' }] });
    } finally {
      await plain.close();
    }
  });
});
