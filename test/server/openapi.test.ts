import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Backend } from '../../src/server/index.ts';
import { API, WEBSITE, latestCode, startBackend, TestClient, testClock, totpCode, type Reply } from './helpers.ts';
import { checkAgainstSpec, normalisePath, specOperations } from './openapi.ts';
import { LOCAL_IDP, startLocalIdp } from '../../demo/localIdp.ts';
import { signInAtIdp } from './idp.ts';

/**
 * Every response variant of every endpoint the backend serves, checked against the FDI 4.0.0 spec
 * (strict reading, see openapi.ts) with the named node deviations of protocol §2.9.
 */

const clock = testClock();
let backend: Backend;
/** `METHOD /path` of every operation a reply was checked against. */
const seen = new Set<string>();

beforeAll(async () => {
  backend = await startBackend({
    now: clock.now,
    emailVerification: { mode: 'OPTIONAL' },
    passwordless: { contactMethod: 'EMAIL_OR_PHONE', flowType: 'USER_INPUT_CODE', otpEmailMustMatchUnverifiedSessionEmail: true },
  });
});
afterAll(() => backend.close());

/** Sends a request and checks the reply against the spec (plus the named deviations). */
async function call(c: TestClient, method: string, path: string, body?: unknown, deviations: string[] = []): Promise<Reply> {
  const reply = await c.request(method, path, body);
  // Every OK answer of PUT /mfa/info carries our `fk` extension.
  const fk = method === 'PUT' && path === '/mfa/info' && (reply.body as { status?: string } | undefined)?.status === 'OK' ? ['PUT /mfa/info OK fk'] : [];
  expectSpec(method, path, reply, [...deviations, ...fk]);
  return reply;
}

function expectSpec(method: string, path: string, reply: Reply, deviations: string[] = []) {
  const specPath = path.split('?')[0]!;
  seen.add(`${method} ${specPath.toLowerCase()}`);
  expect(checkAgainstSpec(method, specPath, reply, deviations), `${method} ${path} → ${reply.status} ${JSON.stringify(reply.body)}`).toEqual([]);
}

const USER = ['user.webauthn'];
const PASSWORD = 'password123';

async function signedUp(email: string, mode: 'header' | 'cookie' = 'header') {
  const c = new TestClient(backend, mode);
  const r = await c.signUp(email, PASSWORD);
  expect(r.body.status).toBe('OK');
  return { c, userId: r.body.user.id as string };
}

/** A 6-digit code that no device window around `now` accepts. */
function wrongCode(secret: string): string {
  const valid = [-30_000, 0, 30_000].map((d) => totpCode(secret, clock.now() + d));
  for (let i = 0; ; i++) {
    const code = String(i).padStart(6, '0');
    if (!valid.includes(code)) return code;
  }
}

function decodeFront(token: string | null) {
  expect(token).toBeTruthy();
  return JSON.parse(Buffer.from(token!, 'base64').toString('utf8')) as { uid: string; ate: number; up: Record<string, unknown> };
}

function exposed(reply: Reply): string[] {
  return (reply.headers.get('access-control-expose-headers') ?? '').split(',').map((h) => h.trim().toLowerCase());
}

/** New session in header mode: both tokens, the front-token, and CORS may read them. @see protocol §1.4 */
function expectNewHeaderSession(reply: Reply) {
  const front = decodeFront(reply.headers.get('front-token'));
  expect(front.uid).toBe(reply.body.user.id);
  expect(reply.headers.get('st-access-token')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  expect(reply.headers.get('st-refresh-token')).toBeTruthy();
  expect(exposed(reply)).toEqual(expect.arrayContaining(['front-token', 'st-access-token', 'st-refresh-token']));
}

/** Access-token payload updated: new access token and front-token, no new refresh token. @see protocol §1.4 */
function expectPayloadUpdate(reply: Reply) {
  decodeFront(reply.headers.get('front-token'));
  expect(reply.headers.get('st-access-token')).toBeTruthy();
  expect(reply.headers.has('st-refresh-token')).toBe(false);
  expect(exposed(reply)).toEqual(expect.arrayContaining(['front-token', 'st-access-token']));
}

function expectNoTokens(reply: Reply) {
  for (const h of ['front-token', 'st-access-token', 'st-refresh-token']) expect(reply.headers.has(h), h).toBe(false);
  expect(reply.headers.getSetCookie()).toEqual([]);
}

describe('emailpassword', () => {
  it('POST /signup: OK with a new session (header mode), FIELD_ERROR without one', async () => {
    const c = new TestClient(backend);
    const ok = await call(c, 'POST', '/signup', { formFields: [{ id: 'email', value: 'ep@example.com' }, { id: 'password', value: PASSWORD }] }, USER);
    expect(ok.body.status).toBe('OK');
    expectNewHeaderSession(ok);

    const taken = await call(new TestClient(backend), 'POST', '/signup', { formFields: [{ id: 'email', value: 'ep@example.com' }, { id: 'password', value: PASSWORD }] });
    expect(taken.body).toEqual({ status: 'FIELD_ERROR', formFields: [{ id: 'email', error: 'This email already exists. Please sign in instead.' }] });
    expectNoTokens(taken);
    const weak = await call(new TestClient(backend), 'POST', '/signup', { formFields: [{ id: 'email', value: 'weak@example.com' }, { id: 'password', value: 'short' }] });
    expect(weak.body.formFields).toEqual([{ id: 'password', error: 'Password must contain at least 8 characters, including a number' }]);
  });

  it('POST /signup: OK in cookie mode sets both cookies and the front-token', async () => {
    const c = new TestClient(backend, 'cookie');
    const ok = await call(c, 'POST', '/signup', { formFields: [{ id: 'email', value: 'cookie@example.com' }, { id: 'password', value: PASSWORD }] }, USER);
    const cookies = ok.headers.getSetCookie();
    expect(cookies.find((x) => x.startsWith('sAccessToken='))).toMatch(/Path=\/;.*HttpOnly/);
    expect(cookies.find((x) => x.startsWith('sRefreshToken='))).toMatch(/Path=\/auth\/session\/refresh;.*HttpOnly/);
    expect(ok.headers.has('st-access-token')).toBe(false);
    decodeFront(ok.headers.get('front-token'));
    expect(exposed(ok)).toContain('front-token');
  });

  it('POST /signin: OK, FIELD_ERROR, WRONG_CREDENTIALS_ERROR', async () => {
    await signedUp('signin@example.com');
    const ok = await call(new TestClient(backend), 'POST', '/signin', { formFields: [{ id: 'email', value: 'signin@example.com' }, { id: 'password', value: PASSWORD }] }, USER);
    expect(ok.body.status).toBe('OK');
    expectNewHeaderSession(ok);

    const field = await call(new TestClient(backend), 'POST', '/signin', { formFields: [{ id: 'email', value: 'not-an-email' }, { id: 'password', value: PASSWORD }] });
    expect(field.body).toEqual({ status: 'FIELD_ERROR', formFields: [{ id: 'email', error: 'Email is invalid' }] });
    const wrong = await call(new TestClient(backend), 'POST', '/signin', { formFields: [{ id: 'email', value: 'signin@example.com' }, { id: 'password', value: 'nope12345' }] });
    expect(wrong.body).toEqual({ status: 'WRONG_CREDENTIALS_ERROR' });
    expectNoTokens(wrong);
  });

  it('POST /signin: SIGN_IN_NOT_ALLOWED when the credentials belong to another primary user', async () => {
    const other = await signedUp('primary@example.com');
    await backend.users.createPrimaryUser(other.userId);
    const { c } = await signedUp('session-user@example.com');
    const r = await call(c, 'POST', '/signin', { formFields: [{ id: 'email', value: 'primary@example.com' }, { id: 'password', value: PASSWORD }], shouldTryLinkingWithSessionUser: true });
    expect(r.body).toEqual({ status: 'SIGN_IN_NOT_ALLOWED', reason: expect.stringMatching(/\(ERR_CODE_010\)$/) });
  });

  it('POST /signin: 401 when linking is asked for without a session', async () => {
    const r = await call(new TestClient(backend), 'POST', '/signin', { formFields: [{ id: 'email', value: 'signin@example.com' }, { id: 'password', value: PASSWORD }], shouldTryLinkingWithSessionUser: true });
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ message: 'unauthorised' });
  });

  it('POST /signup: 403 when the session may not set up emailpassword now', async () => {
    const { c, userId } = await signedUp('needs-otp@example.com');
    await backend.mfa.addToRequiredSecondaryFactorsForUser(userId, 'otp-email');
    await call(c, 'PUT', '/mfa/info');
    const r = await call(c, 'POST', '/signup', { formFields: [{ id: 'email', value: 'second@example.com' }, { id: 'password', value: PASSWORD }], shouldTryLinkingWithSessionUser: true });
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ message: 'invalid claim', claimValidationErrors: [{ id: 'st-mfa', reason: 'Not allowed to setup factor that is not in the next set of unsatisfied factors' }] });
  });

  it('GET /emailpassword/email/exists and the deprecated /signup/email/exists', async () => {
    for (const path of ['/emailpassword/email/exists', '/signup/email/exists']) {
      expect((await call(new TestClient(backend), 'GET', `${path}?email=ep%40example.com`)).body).toEqual({ status: 'OK', exists: true });
      expect((await call(new TestClient(backend), 'GET', `${path}?email=nobody%40example.com`)).body).toEqual({ status: 'OK', exists: false });
    }
  });
});

describe('passwordless', () => {
  it('POST /signinup/code: OK by email and phone, GENERAL_ERROR for a bad email or phone', async () => {
    const byEmail = await call(new TestClient(backend), 'POST', '/signinup/code', { email: 'code@example.com', shouldTryLinkingWithSessionUser: false });
    expect(byEmail.body).toMatchObject({ status: 'OK', flowType: 'USER_INPUT_CODE' });
    expect(byEmail.body.deviceId).toHaveLength(44);
    expect(byEmail.body.preAuthSessionId).toHaveLength(43);
    expectNoTokens(byEmail);
    expect((await call(new TestClient(backend), 'POST', '/signinup/code', { phoneNumber: '+14155550100' })).body.status).toBe('OK');
    expect((await call(new TestClient(backend), 'POST', '/signinup/code', { email: 'bad email' })).body).toEqual({ status: 'GENERAL_ERROR', message: 'Email is invalid' });
    expect((await call(new TestClient(backend), 'POST', '/signinup/code', { phoneNumber: '12' })).body).toEqual({ status: 'GENERAL_ERROR', message: 'Phone number is invalid' });
  });

  it('POST /signinup/code: SIGN_IN_UP_NOT_ALLOWED while the session email is unverified (ERR_CODE_019)', async () => {
    const { c } = await signedUp('unverified@example.com');
    const r = await call(c, 'POST', '/signinup/code', { email: 'elsewhere@example.com', shouldTryLinkingWithSessionUser: true });
    expect(r.body).toEqual({ status: 'SIGN_IN_UP_NOT_ALLOWED', reason: expect.stringMatching(/\(ERR_CODE_019\)$/) });
  });

  it('POST /signinup/code: 403 when the session may not set up otp-email now', async () => {
    const { c, userId } = await signedUp('needs-totp-first@example.com');
    await backend.mfa.addToRequiredSecondaryFactorsForUser(userId, 'totp');
    await call(c, 'PUT', '/mfa/info');
    const r = await call(c, 'POST', '/signinup/code', { email: 'needs-totp-first@example.com', shouldTryLinkingWithSessionUser: true });
    expect(r.status).toBe(403);
    expect(r.body.claimValidationErrors).toEqual([{ id: 'st-mfa', reason: 'Not allowed to setup factor that is not in the next set of unsatisfied factors' }]);
  });

  it('POST /signinup/code/resend: OK, RESTART_FLOW_ERROR', async () => {
    const c = new TestClient(backend);
    const code = await call(c, 'POST', '/signinup/code', { email: 'resend@example.com' });
    const { deviceId, preAuthSessionId } = code.body;
    expect((await call(c, 'POST', '/signinup/code/resend', { deviceId, preAuthSessionId, shouldTryLinkingWithSessionUser: false })).body).toEqual({ status: 'OK' });
    const unknown = await call(c, 'POST', '/signinup/code/resend', { deviceId: Buffer.alloc(32, 7).toString('base64'), preAuthSessionId });
    expect(unknown.body).toEqual({ status: 'RESTART_FLOW_ERROR' });
  });

  it('POST /signinup/code/consume: INCORRECT, OK (new session), RESTART_FLOW_ERROR', async () => {
    const c = new TestClient(backend);
    const { deviceId, preAuthSessionId } = (await call(c, 'POST', '/signinup/code', { email: 'consume@example.com' })).body;
    const code = await latestCode(backend, 'consume@example.com');
    const wrong = code === '000000' ? '000001' : '000000';
    const incorrect = await call(c, 'POST', '/signinup/code/consume', { deviceId, preAuthSessionId, userInputCode: wrong });
    expect(incorrect.body).toEqual({ status: 'INCORRECT_USER_INPUT_CODE_ERROR', failedCodeInputAttemptCount: 1, maximumCodeInputAttempts: 5 });
    const ok = await call(c, 'POST', '/signinup/code/consume', { deviceId, preAuthSessionId, userInputCode: code, shouldTryLinkingWithSessionUser: false }, USER);
    expect(ok.body).toMatchObject({ status: 'OK', createdNewRecipeUser: true, user: { emails: ['consume@example.com'] } });
    expectNewHeaderSession(ok);
    const again = await call(new TestClient(backend), 'POST', '/signinup/code/consume', { deviceId, preAuthSessionId, userInputCode: code });
    expect(again.body).toEqual({ status: 'RESTART_FLOW_ERROR' });
  });

  it('POST /signinup/code/consume: EXPIRED_USER_INPUT_CODE_ERROR after 15 minutes', async () => {
    const c = new TestClient(backend);
    const { deviceId, preAuthSessionId } = (await call(c, 'POST', '/signinup/code', { email: 'late@example.com' })).body;
    const code = await latestCode(backend, 'late@example.com');
    clock.advance(900_000);
    const r = await call(c, 'POST', '/signinup/code/consume', { deviceId, preAuthSessionId, userInputCode: code });
    expect(r.body).toEqual({ status: 'EXPIRED_USER_INPUT_CODE_ERROR', failedCodeInputAttemptCount: 1, maximumCodeInputAttempts: 5 });
  });

  it('GET /passwordless/email/exists and /passwordless/phonenumber/exists (and the deprecated phone path)', async () => {
    const c = new TestClient(backend);
    expect((await call(c, 'GET', '/passwordless/email/exists?email=consume%40example.com')).body).toEqual({ status: 'OK', exists: true });
    expect((await call(c, 'GET', '/passwordless/email/exists?email=nobody%40example.com')).body).toEqual({ status: 'OK', exists: false });
    await backend.passwordless.signInUp({ phoneNumber: '+14155550111' });
    const phone = ['GET /passwordless/phonenumber/exists path'];
    expect((await call(c, 'GET', '/passwordless/phonenumber/exists?phoneNumber=%2B14155550111', undefined, phone)).body).toEqual({ status: 'OK', exists: true });
    expect((await call(c, 'GET', '/passwordless/phonenumber/exists?phoneNumber=%2B14155550199', undefined, phone)).body).toEqual({ status: 'OK', exists: false });
    const old = ['GET /signup/phonenumber/exists path'];
    expect((await call(c, 'GET', '/signup/phonenumber/exists?phoneNumber=%2B14155550111', undefined, old)).body).toEqual({ status: 'OK', exists: true });
  });
});

describe('multi-factor auth and TOTP', () => {
  it('PUT /mfa/info: OK, with a new access token when the claim changed', async () => {
    const { c, userId } = await signedUp('info@example.com');
    const same = await call(c, 'PUT', '/mfa/info');
    expect(same.body).toMatchObject({ status: 'OK', factors: { next: [], alreadySetup: ['emailpassword'] } });
    expectNoTokens(same);
    await backend.mfa.addToRequiredSecondaryFactorsForUser(userId, 'totp');
    const changed = await call(c, 'PUT', '/mfa/info');
    expect(changed.body.factors).toEqual({ next: ['totp'], alreadySetup: ['emailpassword'], allowedToSetup: ['totp'] });
    expectPayloadUpdate(changed);
    expect(c.mfa?.v).toBe(false);
  });

  it('TOTP setup and completion: device, device/verify, list, remove, verify', async () => {
    const { c, userId } = await signedUp('totp@example.com');
    await backend.mfa.addToRequiredSecondaryFactorsForUser(userId, 'totp');
    await call(c, 'PUT', '/mfa/info');

    const created = await call(c, 'POST', '/totp/device', {});
    expect(created.body).toMatchObject({ status: 'OK', deviceName: 'TOTP Device 0' });
    // §2.9 item 7: node's qrCodeString carries digits and period, which the spec's example lacks.
    expect(created.body.qrCodeString).toBe(`otpauth://totp/Demo%20App:totp@example.com?secret=${created.body.secret}&issuer=Demo%20App&digits=6&period=30`);
    expectNoTokens(created);
    const secret: string = created.body.secret;

    expect((await call(c, 'POST', '/totp/device/verify', { deviceName: 'missing', totp: '123456' })).body).toEqual({ status: 'UNKNOWN_DEVICE_ERROR' });
    const invalid = await call(c, 'POST', '/totp/device/verify', { deviceName: 'TOTP Device 0', totp: wrongCode(secret) });
    expect(invalid.body).toEqual({ status: 'INVALID_TOTP_ERROR', currentNumberOfFailedAttempts: 1, maxNumberOfFailedAttempts: 5 });
    const verified = await call(c, 'POST', '/totp/device/verify', { deviceName: 'TOTP Device 0', totp: totpCode(secret, clock.now()) }, ['POST /totp/device/verify OK wasAlreadyVerified']);
    expect(verified.body).toEqual({ status: 'OK', wasAlreadyVerified: false });
    expectPayloadUpdate(verified);
    const again = await call(c, 'POST', '/totp/device/verify', { deviceName: 'TOTP Device 0', totp: '000000' }, ['POST /totp/device/verify OK wasAlreadyVerified']);
    expect(again.body).toEqual({ status: 'OK', wasAlreadyVerified: true });

    expect((await call(c, 'POST', '/totp/device', { deviceName: 'TOTP Device 0' })).body).toEqual({ status: 'DEVICE_ALREADY_EXISTS_ERROR' });
    expect((await call(c, 'POST', '/totp/device', { deviceName: 'spare' })).body.status).toBe('OK');
    const list = await call(c, 'GET', '/totp/device/list');
    // §2.9 item 6: the real default skew is 1 (the spec's example says 30).
    expect(list.body).toEqual({
      status: 'OK',
      devices: [
        { name: 'TOTP Device 0', period: 30, skew: 1, verified: true },
        { name: 'spare', period: 30, skew: 1, verified: false },
      ],
    });
    expect((await call(c, 'POST', '/totp/device/remove', { deviceName: 'spare' })).body).toEqual({ status: 'OK', didDeviceExist: true });
    expect((await call(c, 'POST', '/totp/device/remove', { deviceName: 'spare' })).body).toEqual({ status: 'OK', didDeviceExist: false });

    // A second sign-in has to complete TOTP; until then the verified device cannot be removed.
    const c2 = new TestClient(backend);
    await c2.signIn('totp@example.com', PASSWORD);
    expect(c2.mfa?.v).toBe(false);
    const refused = await call(c2, 'POST', '/totp/device/remove', { deviceName: 'TOTP Device 0' }, ['POST /totp/device/remove 403']);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ message: 'invalid claim', claimValidationErrors: [{ id: 'st-mfa', reason: { message: 'MFA requirement for auth is not satisfied' } }] });
    expect((await call(c2, 'POST', '/totp/verify', { totp: wrongCode(secret) })).body).toEqual({ status: 'INVALID_TOTP_ERROR', currentNumberOfFailedAttempts: 1, maxNumberOfFailedAttempts: 5 });
    clock.advance(120_000); // past the replay window of the code used for device/verify
    const ok = await call(c2, 'POST', '/totp/verify', { totp: totpCode(secret, clock.now()) });
    expect(ok.body).toEqual({ status: 'OK' });
    expectPayloadUpdate(ok);
    expect(c2.mfa?.v).toBe(true);
  });

  it('POST /totp/device/verify: LIMIT_REACHED_ERROR after 5 invalid codes, even with a valid one', async () => {
    const { c } = await signedUp('limit-setup@example.com');
    const { secret } = (await call(c, 'POST', '/totp/device', {})).body;
    for (let i = 1; i <= 5; i++) await call(c, 'POST', '/totp/device/verify', { deviceName: 'TOTP Device 0', totp: wrongCode(secret) });
    const r = await call(c, 'POST', '/totp/device/verify', { deviceName: 'TOTP Device 0', totp: totpCode(secret, clock.now()) }, ['POST /totp/device/verify LIMIT_REACHED_ERROR counters']);
    expect(r.body).toEqual({ status: 'LIMIT_REACHED_ERROR', retryAfterMs: 900_000, currentNumberOfFailedAttempts: 5, maxNumberOfFailedAttempts: 5 });
  });

  it('POST /totp/verify: UNKNOWN_USER_ID_ERROR without devices, LIMIT_REACHED_ERROR after 5 invalid codes', async () => {
    const { c } = await signedUp('limit-verify@example.com');
    expect((await call(c, 'POST', '/totp/verify', { totp: '123456' }, ['POST /totp/verify UNKNOWN_USER_ID_ERROR'])).body).toEqual({ status: 'UNKNOWN_USER_ID_ERROR' });
    await call(c, 'POST', '/totp/device', {});
    for (let i = 1; i <= 5; i++) {
      const r = await call(c, 'POST', '/totp/verify', { totp: '123456' });
      expect(r.body).toMatchObject({ status: 'INVALID_TOTP_ERROR', currentNumberOfFailedAttempts: i });
    }
    const r = await call(c, 'POST', '/totp/verify', { totp: '123456' }, ['POST /totp/verify LIMIT_REACHED_ERROR counters']);
    expect(r.body).toMatchObject({ status: 'LIMIT_REACHED_ERROR', currentNumberOfFailedAttempts: 5, maxNumberOfFailedAttempts: 5 });
  });

  it('POST /totp/device: 403 when TOTP is not in the next set of factors', async () => {
    const { c, userId } = await signedUp('otp-only@example.com');
    await backend.mfa.addToRequiredSecondaryFactorsForUser(userId, 'otp-email');
    await call(c, 'PUT', '/mfa/info');
    const r = await call(c, 'POST', '/totp/device', {});
    expect(r.status).toBe(403);
    expect(r.body.claimValidationErrors).toEqual([{ id: 'st-mfa', reason: 'Not allowed to setup factor that is not in the next set of unsatisfied factors' }]);
  });

  it('GET /loginmethods is flat, with or without the tenant prefix', async () => {
    for (const c of [new TestClient(backend), new TestClient(backend, 'header', 'public')]) {
      const r = await call(c, 'GET', '/loginmethods?clientType=web', undefined, ['GET /loginmethods flat']);
      expect(r.body).toEqual({
        status: 'OK',
        emailPassword: { enabled: true },
        thirdParty: { enabled: false, providers: [] },
        passwordless: { enabled: true },
        webauthn: { enabled: false },
        firstFactors: ['emailpassword', 'otp-email', 'otp-phone'],
      });
    }
  });
});

describe('email verification', () => {
  it('token, verify, GET verify, already verified, invalid token', async () => {
    const { c } = await signedUp('verify-me@example.com');
    const before = await call(c, 'GET', '/user/email/verify');
    expect(before.body).toEqual({ status: 'OK', isVerified: false });
    const sent = await call(c, 'POST', '/user/email/verify/token', {});
    expect(sent.body).toEqual({ status: 'OK' });
    const [mail] = await backend.outbox.list({ to: 'verify-me@example.com', limit: 1 });
    const token = new URL(mail!.link!).searchParams.get('token')!;

    const anywhere = new TestClient(backend);
    expect((await call(anywhere, 'POST', '/user/email/verify', { method: 'token', token })).body).toEqual({ status: 'OK' });
    // Opened again after it worked: still OK (the page says "confirmed"), and nothing else changes.
    expect((await call(anywhere, 'POST', '/user/email/verify', { method: 'token', token })).body).toEqual({ status: 'OK' });
    expect((await call(anywhere, 'POST', '/user/email/verify', { method: 'token', token: `${token}x` })).body).toEqual({ status: 'EMAIL_VERIFICATION_INVALID_TOKEN_ERROR' });

    const after = await call(c, 'GET', '/user/email/verify');
    expect(after.body).toEqual({ status: 'OK', isVerified: true });
    expectPayloadUpdate(after);
    const already = await call(c, 'POST', '/user/email/verify/token', {}, ['POST /user/email/verify/token EMAIL_ALREADY_VERIFIED_ERROR headers']);
    expect(already.body).toEqual({ status: 'EMAIL_ALREADY_VERIFIED_ERROR' });
    // The used link says "confirmed" only until it would have expired (a day): then it is not valid.
    clock.advance(86_400_000);
    expect((await call(anywhere, 'POST', '/user/email/verify', { method: 'token', token })).body).toEqual({ status: 'EMAIL_VERIFICATION_INVALID_TOKEN_ERROR' });
  });
});

describe('password reset', () => {
  it('POST /user/password/reset/token: OK (an account or not), FIELD_ERROR, PASSWORD_RESET_NOT_ALLOWED; POST /user/password/reset: FIELD_ERROR, OK, RESET_PASSWORD_INVALID_TOKEN_ERROR', async () => {
    await signedUp('reset-spec@example.com');
    const c = new TestClient(backend);
    const ask = (email: string) => call(c, 'POST', '/user/password/reset/token', { formFields: [{ id: 'email', value: email }] });
    expect((await ask('reset-spec@example.com')).body).toEqual({ status: 'OK' });
    expect((await ask('nobody-spec@example.com')).body).toEqual({ status: 'OK' });
    expect((await ask('not an address')).body.status).toBe('FIELD_ERROR');
    for (let i = 0; i < 4; i++) await ask('nobody-spec@example.com');
    const limited = await c.request('POST', '/user/password/reset/token', { formFields: [{ id: 'email', value: 'nobody-spec@example.com' }] });
    expectSpec('POST', '/user/password/reset/token', limited, ['POST /user/password/reset/token PASSWORD_RESET_NOT_ALLOWED retryAfterMs']);
    expect(limited.body.status).toBe('PASSWORD_RESET_NOT_ALLOWED');

    const token = await vi.waitFor(async () => {
      const [mail] = await backend.outbox.list({ to: 'reset-spec@example.com', limit: 1 });
      if (mail?.type !== 'PASSWORD_RESET') throw new Error('not sent yet');
      return new URL(mail.link!).searchParams.get('token')!;
    });
    const reset = (password: string) => call(c, 'POST', '/user/password/reset', { method: 'token', token, formFields: [{ id: 'password', value: password }] });
    expect((await reset('short')).body.status).toBe('FIELD_ERROR');
    expect((await reset('new-password-9')).body).toEqual({ status: 'OK' });
    expect((await reset('new-password-9')).body).toEqual({ status: 'RESET_PASSWORD_INVALID_TOKEN_ERROR' });
  });
});

describe('thirdparty', () => {
  it('GET /authorisationurl: OK with a PKCE verifier, GENERAL_ERROR for a provider out of reach; POST /signinup: OK, NO_EMAIL_GIVEN_BY_PROVIDER, GENERAL_ERROR', async () => {
    const idp = await startLocalIdp({ websiteDomains: [WEBSITE] });
    const b = await startBackend({ thirdParty: { providers: [...idp.providers, { id: 'down', issuer: 'http://localhost:9/', clients: [{ clientId: 'x' }] }] }, mfa: { firstFactors: ['emailpassword', 'thirdparty'] } });
    try {
      const c = new TestClient(b);
      const roundTrip = async (id: string) => {
        const cb = `${WEBSITE}/auth/callback/${id}`;
        const url = await c.request('GET', `/authorisationurl?thirdPartyId=${id}&redirectURIOnProviderDashboard=${encodeURIComponent(cb)}`);
        expectSpec('GET', '/authorisationurl', url, ['GET /authorisationurl OK urlWithQueryParams']);
        const back = await signInAtIdp(url.body.urlWithQueryParams, `spec-${id}@example.com`);
        const reply = await c.request('POST', '/signinup', { thirdPartyId: id, redirectURIInfo: { redirectURIOnProviderDashboard: cb, redirectURIQueryParams: Object.fromEntries(back.searchParams), pkceCodeVerifier: url.body.pkceCodeVerifier } });
        expectSpec('POST', '/signinup', reply, reply.body.status === 'OK' ? USER : []);
        return reply;
      };
      expect((await roundTrip(LOCAL_IDP.withEmail)).body.status).toBe('OK');
      expect((await roundTrip(LOCAL_IDP.withoutEmail)).body).toEqual({ status: 'NO_EMAIL_GIVEN_BY_PROVIDER' });
      const down = await c.request('GET', `/authorisationurl?thirdPartyId=down&redirectURIOnProviderDashboard=${encodeURIComponent(`${WEBSITE}/auth/callback/down`)}`);
      expectSpec('GET', '/authorisationurl', down);
      expect(down.body.status).toBe('GENERAL_ERROR');
    } finally {
      await b.close();
      await idp.close();
    }
  });
});

describe('session', () => {
  it('POST /session/refresh: {} with new tokens; 401 for an unknown refresh token', async () => {
    const { c } = await signedUp('refresh@example.com');
    const r = await call(c, 'POST', '/session/refresh');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({});
    decodeFront(r.headers.get('front-token'));
    expect(r.headers.get('st-access-token')).toBeTruthy();
    expect(r.headers.get('st-refresh-token')).toBeTruthy();
    expect(exposed(r)).toEqual(expect.arrayContaining(['front-token', 'st-access-token', 'st-refresh-token']));

    const stranger = new TestClient(backend);
    stranger.refreshToken = 'not-a-refresh-token';
    const bad = await call(stranger, 'POST', '/session/refresh');
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual({ message: 'unauthorised' });
    expect(bad.headers.get('front-token')).toBe('remove');
  });

  it('POST /signout: OK with clearing headers; then 401', async () => {
    const { c } = await signedUp('signout@example.com');
    const r = await call(c, 'POST', '/signout');
    expect(r.body).toEqual({ status: 'OK' });
    expect(r.headers.get('front-token')).toBe('remove');
    expect(r.headers.get('st-access-token')).toBe('');
    expect(r.headers.get('st-refresh-token')).toBe('');
    expect(exposed(r)).toEqual(expect.arrayContaining(['front-token', 'st-access-token', 'st-refresh-token']));
    const after = await call(c, 'POST', '/signout');
    expect(after.status).toBe(401);
  });

  it('401 bodies: no session, and a forged access token', async () => {
    expect((await call(new TestClient(backend), 'PUT', '/mfa/info')).body).toEqual({ message: 'unauthorised' });
    expect((await call(new TestClient(backend), 'GET', '/totp/device/list')).body).toEqual({ message: 'unauthorised' });
    const forged = new TestClient(backend);
    forged.accessToken = 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln';
    const r = await call(forged, 'PUT', '/mfa/info');
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ message: 'try refresh token' });
  });

  it('app API (/example): 403 while MFA is pending, 401 without a session', async () => {
    const { c, userId } = await signedUp('app@example.com');
    await backend.mfa.addToRequiredSecondaryFactorsForUser(userId, 'totp');
    await c.mfaInfo();
    const request = (auth?: string) => new Request(`${API}/example`, { headers: auth ? { authorization: `Bearer ${auth}` } : {} });
    const toReply = async (response: Response): Promise<Reply> => ({ status: response.status, headers: response.headers, body: await response.json() });
    const pending = await toReply(await backend.withSession(request(c.accessToken), async () => ({ ok: true })));
    expect(pending.status).toBe(403);
    expect(pending.body).toEqual({ message: 'invalid claim', claimValidationErrors: [{ id: 'st-mfa', reason: { message: 'MFA requirement for auth is not satisfied' } }] });
    expectSpec('GET', '/example', pending);
    const none = await toReply(await backend.withSession(request(), async () => ({ ok: true })));
    expect(none.status).toBe(401);
    expectSpec('GET', '/example', none);
  });

  it('CORS: the website origin may call with credentials and read the token headers', async () => {
    const preflight = await backend.fetch(new Request(`${API}/auth/signin`, { method: 'OPTIONS', headers: { origin: WEBSITE, 'access-control-request-method': 'POST' } }));
    expect(preflight.headers.get('access-control-allow-origin')).toBe(WEBSITE);
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').split(',').map((h) => h.trim());
    expect(allowed).toEqual(expect.arrayContaining(['rid', 'fdi-version', 'anti-csrf', 'authorization', 'st-auth-mode', 'content-type']));
    const c = new TestClient(backend);
    const r = await c.request('POST', '/signup', { formFields: [{ id: 'email', value: 'cors@example.com' }, { id: 'password', value: PASSWORD }] }, { origin: WEBSITE });
    expect(r.headers.get('access-control-allow-origin')).toBe(WEBSITE);
    expect(exposed(r)).toEqual(expect.arrayContaining(['front-token', 'st-access-token', 'st-refresh-token']));
    const stranger = await new TestClient(backend).request('GET', '/loginmethods', undefined, { origin: 'http://evil.test' });
    expect(stranger.headers.has('access-control-allow-origin')).toBe(false);
  });

  it('GET /jwt/jwks.json: RS256 public keys', async () => {
    const r = await call(new TestClient(backend), 'GET', '/jwt/jwks.json');
    expect(r.body.keys.length).toBeGreaterThan(0);
    expect(r.body.keys[0]).toMatchObject({ alg: 'RS256', kty: 'RSA', use: 'sig' });
  });
});

// Not served by the reference backend (no third-party, password reset or OAuth2 provider recipes).
const NOT_SERVED = [
  /^\/signinup$/,
  /^\/authorisationurl$/,
  /^\/callback\/apple$/,
  /^\/user\/password\/reset/,
  /^\/\.well-known\/openid-configuration$/,
  /^\/oauth\//,
];

it('every operation of the spec that the backend serves was checked', () => {
  const expected = specOperations()
    .filter((o) => !NOT_SERVED.some((re) => re.test(o.path)))
    .map((o) => `${o.method} ${normalisePath(o.path).toLowerCase()}`);
  expect([...new Set(expected)].filter((op) => !seen.has(op))).toEqual([]);
});
