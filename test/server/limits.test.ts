import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/server/index.ts';
import { seedScenarios } from '../../src/testing/index.ts';
import { API, latestCode, startBackend, TestClient, testClock, totpCode, WEBSITE } from './helpers.ts';
import { callApp, setUpTotp } from './scenarioHelpers.ts';

/**
 * The limits of ARCHITECTURE.md "Reference backend" as a client sees them: OTP (6 digits, 15 min,
 * 5 attempts per device, resend on the same device), TOTP (skew 1, no replay, lockout with
 * `retryAfterMs`), refresh-token reuse, cookie attributes and CORS. Time moves on a test clock.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe('passwordless OTP', () => {
  // Near the real time: TestClient drops cookies whose Expires is past by the real clock.
  const clock = testClock(Date.now());
  let backend: Backend;
  let n = 0;
  beforeAll(async () => {
    backend = await startBackend({ now: clock.now, passwordless: { contactMethod: 'EMAIL', flowType: 'USER_INPUT_CODE' } });
  });
  afterAll(() => backend.close());

  const email = () => `otp-${++n}@example.com`;
  async function create(c: TestClient, to: string) {
    const r = await c.request('POST', '/signinup/code', { email: to, shouldTryLinkingWithSessionUser: false });
    expect(r.body.status).toBe('OK');
    return r.body as { deviceId: string; preAuthSessionId: string };
  }
  const consume = (c: TestClient, device: { deviceId: string; preAuthSessionId: string }, userInputCode: string) =>
    c.request('POST', '/signinup/code/consume', { ...device, userInputCode, shouldTryLinkingWithSessionUser: false });
  const resend = (c: TestClient, device: { deviceId: string; preAuthSessionId: string }) =>
    c.request('POST', '/signinup/code/resend', { ...device, shouldTryLinkingWithSessionUser: false });
  const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');

  it('sends a 6-digit code; the device ids have the protocol shapes', async () => {
    const c = new TestClient(backend);
    const to = email();
    const device = await create(c, to);
    expect(device.deviceId).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(device.preAuthSessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [message] = await backend.outbox.list({ to, limit: 1 });
    expect(message).toMatchObject({ type: 'PASSWORDLESS_LOGIN', isFirstFactor: true, userInputCode: expect.stringMatching(/^\d{6}$/) });
    expect((await consume(c, device, message!.userInputCode!)).body.status).toBe('OK');
  });

  it('a code works until 15 minutes after it was sent, and not at 15 minutes', async () => {
    const c = new TestClient(backend);
    const early = email();
    const late = email();
    const d1 = await create(c, early);
    const d2 = await create(c, late);
    clock.advance(15 * MINUTE - 1);
    expect((await consume(c, d1, await latestCode(backend, early))).body.status).toBe('OK');
    clock.advance(1);
    expect((await consume(c, d2, await latestCode(backend, late))).body).toEqual({
      status: 'EXPIRED_USER_INPUT_CODE_ERROR',
      failedCodeInputAttemptCount: 1,
      maximumCodeInputAttempts: 5,
    });
  });

  it('4 wrong codes are counted; the 5th ends the device (RESTART_FLOW_ERROR), even for the right code after it', async () => {
    const c = new TestClient(backend);
    const to = email();
    const device = await create(c, to);
    const code = await latestCode(backend, to);
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await consume(c, device, wrongFor(code))).body).toEqual({
        status: 'INCORRECT_USER_INPUT_CODE_ERROR',
        failedCodeInputAttemptCount: attempt,
        maximumCodeInputAttempts: 5,
      });
    }
    expect((await consume(c, device, wrongFor(code))).body).toEqual({ status: 'RESTART_FLOW_ERROR' });
    expect((await consume(c, device, code)).body).toEqual({ status: 'RESTART_FLOW_ERROR' });
    expect((await resend(c, device)).body).toEqual({ status: 'RESTART_FLOW_ERROR' });
    expect(c.frontToken).toBeUndefined();
  });

  it('resend: same device, a new code and a new 15 minutes; the older code stops working (one live code per device, stricter than node)', async () => {
    const c = new TestClient(backend);
    const to = email();
    const device = await create(c, to);
    const first = await latestCode(backend, to);
    clock.advance(10 * MINUTE);
    expect((await resend(c, device)).body).toEqual({ status: 'OK' });
    const sent = await backend.outbox.list({ to });
    expect(sent).toHaveLength(2);
    expect(sent[0]!.userInputCode).toMatch(/^\d{6}$/);
    const second = sent[0]!.userInputCode!;
    // Both codes belong to the one device (same deviceId and preAuthSessionId); only the newer one is live.
    if (first !== second) expect((await consume(c, device, first)).body.status).toBe('INCORRECT_USER_INPUT_CODE_ERROR');
    clock.advance(6 * MINUTE);
    expect((await consume(c, device, second)).body.status).toBe('OK');
  });

  it('resend neither resets the attempt count nor touches another device of the same address; success ends both', async () => {
    const c = new TestClient(backend);
    const to = email();
    const a = await create(c, to);
    const codeA = await latestCode(backend, to);
    const b = await create(c, to);
    const codeB = await latestCode(backend, to);
    for (let i = 0; i < 3; i++) await consume(c, a, wrongFor(codeA));
    expect((await resend(c, a)).body).toEqual({ status: 'OK' });
    const codeA2 = await latestCode(backend, to);
    const wrong = ['000000', '111111', '222222'].find((x) => x !== codeA && x !== codeA2)!;
    expect((await consume(c, a, wrong)).body).toMatchObject({
      status: 'INCORRECT_USER_INPUT_CODE_ERROR',
      failedCodeInputAttemptCount: 4,
    });
    // The other device of the address still has its own count and its code.
    expect((await consume(c, b, codeB)).body.status).toBe('OK');
    expect((await consume(c, a, codeA2)).body).toEqual({ status: 'RESTART_FLOW_ERROR' });
  });
});

describe('TOTP', () => {
  // Near the real time: TestClient drops cookies whose Expires is past by the real clock.
  const clock = testClock(Date.now());
  let backend: Backend;
  let n = 0;
  beforeAll(async () => {
    backend = await startBackend({ ...seedScenarios.S1.config(), now: clock.now });
  });
  afterAll(() => backend.close());

  /** A user with a verified device, signed in again (TOTP pending) a few minutes later. */
  async function pending(): Promise<{ c: TestClient; secret: string; email: string }> {
    const email = `totp-${++n}@example.com`;
    const first = new TestClient(backend);
    await first.signUp(email);
    const secret = await setUpTotp(first, clock);
    clock.advance(5 * MINUTE);
    const c = new TestClient(backend);
    await c.signIn(email);
    expect(c.mfa?.v).toBe(false);
    return { c, secret, email };
  }
  const verify = (c: TestClient, totp: string) => c.request('POST', '/totp/verify', { totp });

  it.each([
    ['the previous 30 s step', -30 * SECOND, 'OK'],
    ['the current step', 0, 'OK'],
    ['the next 30 s step', 30 * SECOND, 'OK'],
    ['two steps back', -60 * SECOND, 'INVALID_TOTP_ERROR'],
    ['two steps ahead', 60 * SECOND, 'INVALID_TOTP_ERROR'],
  ])('a code of %s: %s', async (_name, offset, status) => {
    const { c, secret } = await pending();
    const now = clock.now();
    const code = totpCode(secret, now + offset);
    // Codes of different steps may collide by chance (1 in a million); then the step is irrelevant.
    const expected = code === totpCode(secret, now) ? 'OK' : status;
    expect((await verify(c, code)).body.status).toBe(expected);
    expect(c.mfa?.v).toBe(expected === 'OK');
  });

  it('a used code is refused when used again, in another session, while it is still valid', async () => {
    const { c, secret, email } = await pending();
    const code = totpCode(secret, clock.now());
    expect((await verify(c, code)).body).toEqual({ status: 'OK' });
    const again = new TestClient(backend);
    await again.signIn(email);
    expect((await verify(again, code)).body).toEqual({ status: 'INVALID_TOTP_ERROR', currentNumberOfFailedAttempts: 1, maxNumberOfFailedAttempts: 5 });
    expect(again.mfa?.v).toBe(false);
    expect((await callApp(again)).status).toBe(403);
  });

  it('5 failures lock the user out, even for the right code, for retryAfterMs; then the right code works', async () => {
    const { c, secret } = await pending();
    const right = totpCode(secret, clock.now());
    const wrong = right === '000000' ? '111111' : '000000';
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await verify(c, wrong)).body).toEqual({ status: 'INVALID_TOTP_ERROR', currentNumberOfFailedAttempts: attempt, maxNumberOfFailedAttempts: 5 });
    }
    expect((await verify(c, right)).body).toEqual({ status: 'LIMIT_REACHED_ERROR', retryAfterMs: 15 * MINUTE, currentNumberOfFailedAttempts: 5, maxNumberOfFailedAttempts: 5 });
    clock.advance(10 * MINUTE);
    const still = await verify(c, totpCode(secret, clock.now()));
    expect(still.body).toMatchObject({ status: 'LIMIT_REACHED_ERROR', retryAfterMs: 5 * MINUTE });
    expect(c.mfa?.v).toBe(false);
    clock.advance(still.body.retryAfterMs);
    expect((await verify(c, totpCode(secret, clock.now()))).body).toEqual({ status: 'OK' });
    expect(c.mfa?.v).toBe(true);
  });

  it('a valid code in between resets the run of failures', async () => {
    const { c, secret, email } = await pending();
    const right = totpCode(secret, clock.now());
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++) await verify(c, wrong);
    expect((await verify(c, right)).body).toEqual({ status: 'OK' });
    const next = new TestClient(backend);
    await next.signIn(email);
    expect((await verify(next, wrong)).body).toMatchObject({ status: 'INVALID_TOTP_ERROR', currentNumberOfFailedAttempts: 1 });
  });
});

describe('refresh-token reuse', () => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await startBackend();
  });
  afterAll(() => backend.close());

  function refresh(mode: 'header' | 'cookie', token: string) {
    const headers: Record<string, string> = { rid: 'session', 'fdi-version': '3.1', 'st-auth-mode': mode };
    if (mode === 'header') headers.authorization = `Bearer ${token}`;
    else headers.cookie = `sRefreshToken=${token}`;
    return backend.fetch(new Request(`${API}/auth/session/refresh`, { method: 'POST', headers }));
  }
  function app(mode: 'header' | 'cookie', accessToken: string) {
    const headers: Record<string, string> = { rid: 'anti-csrf' };
    if (mode === 'header') headers.authorization = `Bearer ${accessToken}`;
    else headers.cookie = `sAccessToken=${accessToken}`;
    return backend.withSession(new Request(`${API}/app`, { method: 'POST', headers }), async () => ({ status: 'OK' }));
  }
  const tokensOf = (c: TestClient) =>
    c.mode === 'header' ? { access: c.accessToken!, refresh: c.refreshToken! } : { access: c.cookies.get('sAccessToken')!, refresh: c.cookies.get('sRefreshToken')! };
  const cookieNamed = (r: Response, name: string) => r.headers.getSetCookie().find((s) => s.startsWith(`${name}=`));

  it.each(['header', 'cookie'] as const)('%s mode: an old refresh token after rotation revokes the session', async (mode) => {
    const c = new TestClient(backend, mode);
    await c.signUp(`reuse-${mode}@example.com`);
    const old = tokensOf(c);
    expect((await c.request('POST', '/session/refresh')).status).toBe(200);
    const current = tokensOf(c);
    expect(current.refresh).not.toBe(old.refresh);
    expect((await app(mode, current.access)).status).toBe(200);

    const reuse = await refresh(mode, old.refresh);
    expect(reuse.status).toBe(401);
    expect(await reuse.json()).toEqual({ message: 'token theft detected' });
    expect(reuse.headers.get('front-token')).toBe('remove');
    if (mode === 'header') {
      expect(reuse.headers.get('st-access-token')).toBe('');
      expect(reuse.headers.get('st-refresh-token')).toBe('');
    } else {
      expect(cookieNamed(reuse, 'sAccessToken')).toMatch(/^sAccessToken=; .*Expires=Thu, 01 Jan 1970/);
      expect(cookieNamed(reuse, 'sRefreshToken')).toMatch(/^sRefreshToken=; .*Expires=Thu, 01 Jan 1970/);
    }

    // Both of the thief's and the owner's current tokens are dead.
    const latest = await refresh(mode, current.refresh);
    expect(latest.status).toBe(401);
    expect(await latest.json()).toEqual({ message: 'unauthorised' });
    const call = await app(mode, current.access);
    expect(call.status).toBe(401);
    expect(await call.json()).toEqual({ message: 'unauthorised' });
    expect(call.headers.get('front-token')).toBe('remove');
  });
});

describe('cookies', () => {
  it('cross-site (api.test and app.test): HttpOnly, SameSite=None, Secure; the refresh cookie only on the refresh path', async () => {
    const backend = await startBackend();
    try {
      const c = new TestClient(backend, 'cookie');
      const r = await c.signUp('cookies@example.com');
      const cookies = r.headers.getSetCookie();
      const access = cookies.find((s) => s.startsWith('sAccessToken='))!;
      const refresh = cookies.find((s) => s.startsWith('sRefreshToken='))!;
      for (const cookie of [access, refresh]) {
        const attrs = cookie.split('; ').slice(1);
        expect(attrs).toContain('HttpOnly');
        expect(attrs).toContain('SameSite=None');
        expect(attrs).toContain('Secure');
      }
      expect(access.split('; ')).toContain('Path=/');
      expect(refresh.split('; ')).toContain('Path=/auth/session/refresh');
      // Tokens are never readable by scripts in cookie mode: no token headers.
      expect(r.headers.get('st-access-token')).toBeNull();
      expect(r.headers.get('st-refresh-token')).toBeNull();
      expect(r.headers.get('front-token')).toBeTruthy();
    } finally {
      await backend.close();
    }
  });

  it('same-site over http: SameSite=Lax and no Secure flag', async () => {
    const backend = await startBackend({ appInfo: { appName: 'Demo App', apiDomain: 'http://api.example.com', websiteDomain: 'http://app.example.com' } });
    try {
      const r = await new TestClient(backend, 'cookie').signUp('lax@example.com');
      for (const cookie of r.headers.getSetCookie()) {
        expect(cookie.split('; ')).toContain('SameSite=Lax');
        expect(cookie.split('; ')).toContain('HttpOnly');
        expect(cookie.split('; ')).not.toContain('Secure');
      }
    } finally {
      await backend.close();
    }
  });
});

describe('CORS', () => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await startBackend();
  });
  afterAll(() => backend.close());

  const preflight = (origin: string) =>
    backend.fetch(
      new Request(`${API}/auth/signin`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,rid,fdi-version,st-auth-mode,authorization,anti-csrf' },
      }),
    );
  const signUp = (origin: string, email: string) =>
    backend.fetch(
      new Request(`${API}/auth/signup`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json', rid: 'emailpassword', 'fdi-version': '3.1', 'st-auth-mode': 'header' },
        body: JSON.stringify({ formFields: [{ id: 'email', value: email }, { id: 'password', value: 'password123' }] }),
      }),
    );
  const list = (value: string | null) => (value ?? '').split(',').map((s) => s.trim().toLowerCase());

  it('preflight from the website: its exact origin, credentials, the SDK headers', async () => {
    const r = await preflight(WEBSITE);
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe(WEBSITE);
    expect(r.headers.get('access-control-allow-credentials')).toBe('true');
    expect(list(r.headers.get('access-control-allow-headers'))).toEqual(expect.arrayContaining(['content-type', 'rid', 'fdi-version', 'st-auth-mode', 'authorization', 'anti-csrf']));
    expect(list(r.headers.get('access-control-allow-methods'))).toEqual(expect.arrayContaining(['get', 'post', 'put']));
    expect(list(r.headers.get('vary'))).toContain('origin');
  });

  it('responses that carry tokens expose them to the website', async () => {
    const r = await signUp(WEBSITE, 'cors@example.com');
    expect(r.status).toBe(200);
    expect(r.headers.get('access-control-allow-origin')).toBe(WEBSITE);
    expect(r.headers.get('access-control-allow-credentials')).toBe('true');
    expect(list(r.headers.get('access-control-expose-headers'))).toEqual(expect.arrayContaining(['front-token', 'st-access-token', 'st-refresh-token', 'anti-csrf']));
  });

  it.each(['http://evil.test', 'http://app.test.evil.test', 'https://app.test', 'http://app.test:8080', 'null'])('refuses the origin %s', async (origin) => {
    const pre = await preflight(origin);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
    const r = await signUp(origin, `cors-${encodeURIComponent(origin).replace(/%/g, '')}@example.com`);
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
  });
});
