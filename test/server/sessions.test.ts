import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/server/index.ts';
import { describeUserAgent } from '../../src/server/userAgent.ts';
import { startBackend, TestClient, testClock } from './helpers.ts';

/**
 * The user's sessions (our extension, `/auth/fk/sessions`): listed with browser, OS and address,
 * revoked one by one, all others, or everywhere. Only the session user's own, only with MFA complete.
 */

const clock = testClock(Date.UTC(2026, 10, 1, 9, 0, 0));
const MINUTE = 60_000;
const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
let backend: Backend;
let n = 0;

beforeAll(async () => {
  backend = await startBackend({ now: clock.now });
});
afterAll(() => backend.close());

/** A client whose requests carry a user agent and come from an address, as a browser's would. */
class Browser extends TestClient {
  constructor(
    b: Backend,
    private readonly ua: string,
    private readonly address: string,
  ) {
    super(b);
  }
  protected override send(request: Request): Promise<Response> {
    request.headers.set('user-agent', this.ua);
    return this.backend.fetch(request, { remoteAddress: this.address });
  }
}

async function userOnTwoDevices() {
  const email = `sessions-${++n}@example.com`;
  const laptop = new Browser(backend, FIREFOX_WINDOWS, '203.0.113.7');
  expect((await laptop.signUp(email)).body.status).toBe('OK');
  const phone = new Browser(backend, SAFARI_IPHONE, '198.51.100.23');
  expect((await phone.signIn(email)).body.status).toBe('OK');
  return { laptop, phone, email };
}

const list = (c: TestClient) => c.request('GET', '/fk/sessions');

describe('GET /fk/sessions', () => {
  it('lists the user’s sessions, this one first, with browser, OS, address and times', async () => {
    const { laptop } = await userOnTwoDevices();
    const r = await list(laptop);
    expect(r.status).toBe(200);
    expect(r.body.sessions).toEqual([
      { sessionHandle: expect.any(String), current: true, tenantId: 'public', createdAt: clock.now(), lastActiveAt: clock.now(), browser: 'Firefox', os: 'Windows', clientAddress: '203.0.113.7' },
      { sessionHandle: expect.any(String), current: false, tenantId: 'public', createdAt: clock.now(), lastActiveAt: clock.now(), browser: 'Safari', os: 'iOS', clientAddress: '198.51.100.23' },
    ]);
  });

  it('"last active" follows use, to the minute', async () => {
    const { laptop, phone } = await userOnTwoDevices();
    const start = clock.now();
    clock.advance(30 * MINUTE);
    await phone.request('PUT', '/mfa/info');
    const r = await list(laptop);
    const phoneRow = r.body.sessions.find((x: { current: boolean }) => !x.current);
    expect(phoneRow.lastActiveAt).toBe(start + 30 * MINUTE);
    expect(phoneRow.createdAt).toBe(start);
  });

  it('another user’s sessions are never listed', async () => {
    const a = await userOnTwoDevices();
    const b = await userOnTwoDevices();
    const handlesOfA = (await list(a.laptop)).body.sessions.map((x: { sessionHandle: string }) => x.sessionHandle);
    const handlesOfB = (await list(b.laptop)).body.sessions.map((x: { sessionHandle: string }) => x.sessionHandle);
    expect(handlesOfA).toHaveLength(2);
    expect(handlesOfB.filter((h: string) => handlesOfA.includes(h))).toEqual([]);
  });

  it('needs complete MFA, and a session', async () => {
    const required = await startBackend({ now: clock.now, mfa: { override: { functions: (o) => ({ ...o, getMFARequirementsForAuth: () => ['totp'] }) } } });
    try {
      const c = new TestClient(required);
      await c.signUp('half-signed-in@example.com');
      const r = await c.request('GET', '/fk/sessions');
      expect(r.status).toBe(403);
      expect(r.body.claimValidationErrors[0].id).toBe('st-mfa');
      expect((await new TestClient(required).request('GET', '/fk/sessions')).status).toBe(401);
    } finally {
      await required.close();
    }
  });
});

describe('revoking', () => {
  it('a revoked session is signed out at its next request, and cannot refresh', async () => {
    const { laptop, phone } = await userOnTwoDevices();
    const other = (await list(laptop)).body.sessions.find((x: { current: boolean }) => !x.current);
    expect((await laptop.request('POST', '/fk/sessions/revoke', { sessionHandle: other.sessionHandle })).body).toEqual({ status: 'OK', didSessionExist: true });
    expect((await phone.request('PUT', '/mfa/info')).status).toBe(401);
    expect((await phone.request('POST', '/session/refresh')).status).toBe(401);
    expect((await list(laptop)).body.sessions).toHaveLength(1);
  });

  it('user B cannot revoke user A’s session (answered as an unknown one, and A stays signed in)', async () => {
    const a = await userOnTwoDevices();
    const b = await userOnTwoDevices();
    const [handleOfA] = (await list(a.laptop)).body.sessions.map((x: { sessionHandle: string }) => x.sessionHandle);
    expect((await b.laptop.request('POST', '/fk/sessions/revoke', { sessionHandle: handleOfA })).body).toEqual({ status: 'OK', didSessionExist: false });
    expect((await a.laptop.request('PUT', '/mfa/info')).status).toBe(200);
  });

  it('the current session is not "revoked" (sign out instead); nonsense is a 400', async () => {
    const { laptop } = await userOnTwoDevices();
    const current = (await list(laptop)).body.sessions[0].sessionHandle;
    expect((await laptop.request('POST', '/fk/sessions/revoke', { sessionHandle: current })).status).toBe(400);
    expect((await laptop.request('POST', '/fk/sessions/revoke', { sessionHandle: 5 })).status).toBe(400);
    expect((await laptop.request('POST', '/fk/sessions/revoke', {})).status).toBe(400);
    expect((await laptop.request('PUT', '/mfa/info')).status).toBe(200);
  });

  it('"sign out everywhere else" keeps this session only', async () => {
    const { laptop, phone, email } = await userOnTwoDevices();
    const tablet = new Browser(backend, SAFARI_IPHONE, '198.51.100.24');
    expect((await tablet.signIn(email)).body.status).toBe('OK');
    expect((await laptop.request('POST', '/fk/sessions/revoke-others', {})).body).toEqual({ status: 'OK', revoked: 2 });
    expect((await phone.request('PUT', '/mfa/info')).status).toBe(401);
    expect((await tablet.request('PUT', '/mfa/info')).status).toBe(401);
    expect((await laptop.request('PUT', '/mfa/info')).status).toBe(200);
  });

  it('"sign out everywhere" ends this session too and clears its tokens', async () => {
    const { laptop, phone } = await userOnTwoDevices();
    const r = await laptop.request('POST', '/fk/sessions/revoke-all', {});
    expect(r.body).toEqual({ status: 'OK', revoked: 2 });
    expect(r.headers.get('front-token')).toBe('remove');
    expect(laptop.accessToken).toBeUndefined();
    expect((await phone.request('PUT', '/mfa/info')).status).toBe(401);
  });
});

describe('describeUserAgent', () => {
  it.each([
    [FIREFOX_WINDOWS, { browser: 'Firefox', os: 'Windows' }],
    [SAFARI_IPHONE, { browser: 'Safari', os: 'iOS' }],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', { browser: 'Edge', os: 'macOS' }],
    ['Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36', { browser: 'Samsung Internet', os: 'Android' }],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36', { browser: 'Chrome', os: 'Linux' }],
    ['something else', {}],
    [null, {}],
  ])('%s', (ua, expected) => {
    expect(describeUserAgent(ua)).toEqual(expected);
  });
});
