import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/server/index.ts';
import { specOperations } from '../server/openapi.ts';
import { API, startBackend, TestClient, totpCode } from '../server/helpers.ts';

/**
 * Property-based fuzzing of every POST/PUT endpoint with malformed and hostile bodies, with and
 * without a session. For every request: never a 500; the answer is a protocol status (400/401/403 with
 * a `{message}` body, or 200 with a JSON object); a refused request (any non-200, or a 200 error status)
 * writes nothing except what that status documents (a counted TOTP or OTP attempt); and
 * `Object.prototype` is never touched. Seeded: set FUZZ_SEED to replay, FUZZ_RUNS to go further.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20260109);
const RUNS = Number(process.env.FUZZ_RUNS ?? 80);

type FieldType = 'string' | 'string?' | 'boolean?' | 'formFields' | 'redirectURIInfo?';

interface Endpoint {
  method: 'POST' | 'PUT';
  path: string;
  /** Which token the session variant sends. */
  token: 'access' | 'refresh';
  /** A body the route accepts; mutated by the generators. */
  valid: Record<string, unknown>;
  fields: Record<string, FieldType>;
  /** Fields a near-valid body carries only now and then (they exclude the others). */
  rare?: string[];
}

const PASSWORD = 'password123';
const EMAIL = 'fuzz-owner@example.com';

// Filled in beforeAll with live identifiers, so near-valid bodies reach the deep paths.
const live = { deviceId: '', preAuthSessionId: '', deviceName: 'phone' };

const ENDPOINTS: Endpoint[] = [
  { method: 'POST', path: '/signin', token: 'access', valid: { formFields: [{ id: 'email', value: EMAIL }, { id: 'password', value: PASSWORD }] }, fields: { formFields: 'formFields', shouldTryLinkingWithSessionUser: 'boolean?' } },
  { method: 'POST', path: '/signup', token: 'access', valid: { formFields: [{ id: 'email', value: 'new@example.com' }, { id: 'password', value: PASSWORD }] }, fields: { formFields: 'formFields', shouldTryLinkingWithSessionUser: 'boolean?' } },
  { method: 'POST', path: '/signinup/code', token: 'access', valid: { email: 'otp@example.com' }, fields: { email: 'string?', phoneNumber: 'string?', shouldTryLinkingWithSessionUser: 'boolean?' }, rare: ['phoneNumber'] },
  { method: 'POST', path: '/signinup/code/resend', token: 'access', valid: {}, fields: { deviceId: 'string', preAuthSessionId: 'string', shouldTryLinkingWithSessionUser: 'boolean?' } },
  { method: 'POST', path: '/signinup/code/consume', token: 'access', valid: {}, fields: { deviceId: 'string?', preAuthSessionId: 'string', userInputCode: 'string?', linkCode: 'string?', shouldTryLinkingWithSessionUser: 'boolean?' }, rare: ['linkCode'] },
  { method: 'POST', path: '/totp/device', token: 'access', valid: { deviceName: 'tablet' }, fields: { deviceName: 'string?' } },
  { method: 'POST', path: '/totp/device/remove', token: 'access', valid: { deviceName: 'tablet' }, fields: { deviceName: 'string' } },
  { method: 'POST', path: '/totp/device/verify', token: 'access', valid: { deviceName: 'tablet', totp: '123456' }, fields: { deviceName: 'string', totp: 'string' } },
  { method: 'POST', path: '/totp/verify', token: 'access', valid: { totp: '123456' }, fields: { totp: 'string' } },
  { method: 'POST', path: '/user/email/verify/token', token: 'access', valid: {}, fields: {} },
  { method: 'POST', path: '/user/email/verify', token: 'access', valid: { method: 'token', token: 'abc' }, fields: { method: 'string', token: 'string' } },
  { method: 'POST', path: '/user/password/reset/token', token: 'access', valid: { formFields: [{ id: 'email', value: EMAIL }] }, fields: { formFields: 'formFields' } },
  { method: 'POST', path: '/user/password/reset', token: 'access', valid: { method: 'token', token: 'abc', formFields: [{ id: 'password', value: 'new-password-9' }] }, fields: { method: 'string?', token: 'string', formFields: 'formFields' } },
  { method: 'POST', path: '/fk/password/change', token: 'access', valid: { currentPassword: PASSWORD, newPassword: PASSWORD }, fields: { currentPassword: 'string?', newPassword: 'string' } },
  {
    method: 'POST',
    path: '/signinup',
    token: 'access',
    valid: { thirdPartyId: 'fuzz-idp', redirectURIInfo: { redirectURIOnProviderDashboard: 'http://app.test/auth/callback/fuzz-idp', redirectURIQueryParams: { code: 'x', state: 'y' } } },
    fields: { thirdPartyId: 'string', clientType: 'string?', redirectURIInfo: 'redirectURIInfo?', shouldTryLinkingWithSessionUser: 'boolean?' },
  },
  { method: 'POST', path: '/fk/sessions/revoke', token: 'access', valid: { sessionHandle: 'no-such-session' }, fields: { sessionHandle: 'string' } },
  { method: 'POST', path: '/fk/recovery-codes/use', token: 'access', valid: { code: '0000-0000-0000' }, fields: { code: 'string' } },
  { method: 'POST', path: '/webauthn/options/register', token: 'access', valid: { email: 'passkey@example.com' }, fields: { email: 'string?', displayName: 'string?' } },
  { method: 'POST', path: '/webauthn/signin', token: 'access', valid: { webauthnGeneratedOptionsId: 'no-such-options', credential: { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: {} } }, fields: { webauthnGeneratedOptionsId: 'string', shouldTryLinkingWithSessionUser: 'boolean?' } },
  { method: 'POST', path: '/user/webauthn/reset', token: 'access', valid: { token: 'abc', webauthnGeneratedOptionsId: 'no-such-options', credential: { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: {} } }, fields: { token: 'string', webauthnGeneratedOptionsId: 'string' } },
  { method: 'POST', path: '/webauthn/credential/remove', token: 'access', valid: { webauthnCredentialId: 'no-such-passkey' }, fields: { webauthnCredentialId: 'string' } },
  { method: 'POST', path: '/fk/trusted-devices/revoke', token: 'access', valid: { deviceId: 'no-such-device' }, fields: { deviceId: 'string' } },
  { method: 'POST', path: '/fk/trusted-devices/trust', token: 'access', valid: {}, fields: {} },
  { method: 'POST', path: '/fk/connected-accounts/remove', token: 'access', valid: { recipeUserId: 'no-such-account' }, fields: { recipeUserId: 'string' } },
  { method: 'POST', path: '/fk/recovery-codes/generate', token: 'access', valid: {}, fields: {} },
  { method: 'PUT', path: '/mfa/info', token: 'access', valid: {}, fields: {} },
  { method: 'POST', path: '/session/refresh', token: 'refresh', valid: {}, fields: {} },
  { method: 'POST', path: '/signout', token: 'access', valid: {}, fields: {} },
];

/** Tables a 200 answer with this (error) status may change; any other 200 error status writes nothing. */
const MAY_WRITE: Record<string, string[]> = {
  INVALID_TOTP_ERROR: ['fk_totp_attempts', 'fk_totp_locks'],
  LIMIT_REACHED_ERROR: ['fk_totp_attempts', 'fk_totp_locks'],
  // A wrong code or password counts against the limits (SECURITY.md).
  WRONG_CREDENTIALS_ERROR: ['fk_rate_limits'],
  INCORRECT_USER_INPUT_CODE_ERROR: ['fk_pwless_devices', 'fk_rate_limits'],
  EXPIRED_USER_INPUT_CODE_ERROR: ['fk_pwless_devices', 'fk_rate_limits'],
  // The attempt that reaches the limit deletes the device and its codes.
  RESTART_FLOW_ERROR: ['fk_pwless_devices', 'fk_pwless_codes', 'fk_rate_limits'],
  // A send refused by one limit gives back what another counted.
  SIGN_IN_UP_NOT_ALLOWED: ['fk_rate_limits'],
  GENERAL_ERROR: ['fk_rate_limits'],
  // A refused reset link counts against the send limits; an expired link is deleted when used.
  PASSWORD_RESET_NOT_ALLOWED: ['fk_rate_limits'],
  RESET_PASSWORD_INVALID_TOKEN_ERROR: ['fk_password_reset_tokens'],
  // node refreshes the st-ev claim in the session payload.
  EMAIL_ALREADY_VERIFIED_ERROR: ['fk_sessions'],
  // A wrong recovery code counts against its limit.
  INVALID_RECOVERY_CODE_ERROR: ['fk_rate_limits'],
  // Options are consumed (deleted) even when the response that follows is refused; options make a row.
  OPTIONS_NOT_FOUND_ERROR: ['fk_webauthn_options'],
  RECOVER_ACCOUNT_TOKEN_INVALID_ERROR: ['fk_password_reset_tokens'],
  INVALID_CREDENTIALS_ERROR: ['fk_webauthn_options'],
  INVALID_EMAIL_ERROR: ['fk_webauthn_options'],
};

// ---- generators -------------------------------------------------------------------------------

const nastyStrings = fc.constantFrom(
  '', ' ', '\t\r\n', '\u202E', 'admin\u202Efdp.exe', '\u202Bمرحبا\u202C', 'a\u200Bb\u200D', '\uFEFF', '\uD800', '\uDFFF\uD800', '😀👩‍👩‍👧', 'e\u0301',
  'Ω≈ç√∫', "' OR '1'='1", '"; DROP TABLE fk_users; --', '$1', '%s%n%x', '../../etc/passwd', '<script>alert(1)</script>', '\u0085\u2028\u2029',
  '\\u0000', 'null', 'undefined', 'true', '0', '-0', '1e309', 'NaN', '__proto__', 'constructor', 'prototype', '𝕒@𝕓.𝕔', 'a@b.c\u202E', 'A@B.C',
  'someone@example.com', ' someone@example.com ', 'someone@example.com\n', '+15550100', '+1 555 0100', '123456', '000000', ' 123456', '12345678901234567',
  'token', 'TOTP Device 0', EMAIL,
);
const hugeString = fc.tuple(fc.integer({ min: 257, max: 15_000 }), fc.constantFrom('x', 'é', '😀', '\u202E', '9')).map(([n, c]) => c.repeat(Math.ceil(n / c.length)));
const anyString = fc.oneof(
  { weight: 3, arbitrary: nastyStrings },
  { weight: 2, arbitrary: fc.string() },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme' }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: hugeString },
);
const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isAdmin', 'polluted',
    'formFields', 'email', 'password', 'id', 'value', 'totp', 'deviceName', 'deviceId', 'preAuthSessionId', 'userInputCode', 'linkCode',
    'shouldTryLinkingWithSessionUser', 'method', 'token', 'phoneNumber', 'tenantId', 'userId', 'status', 'currentPassword', 'newPassword'),
  fc.string(),
);
/** An object with own properties only: `__proto__` stays a key, as JSON.parse would make it. */
const ownObject = <T>(entries: [string, T][]) => {
  const out: Record<string, T> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, configurable: true, writable: true });
  return out;
};
const { json: anyJson } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    anyString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('json'), { maxLength: 4 }),
    fc.array(fc.tuple(hostileKey, tie('json')), { maxLength: 4 }).map(ownObject),
  ),
}));

/** Deep nesting as text: objects, arrays, or a nested value under a real field name. */
const deepText = fc.tuple(fc.integer({ min: 20, max: 3000 }), fc.constantFrom('obj', 'arr', 'field')).map(([d, kind]) =>
  kind === 'obj' ? `${'{"a":'.repeat(d)}1${'}'.repeat(d)}` : kind === 'arr' ? `${'['.repeat(d)}${']'.repeat(d)}` : `{"formFields":${'['.repeat(d)}${']'.repeat(d)},"totp":${'{"x":'.repeat(d)}0${'}'.repeat(d)}}`,
);
const rawText = fc.oneof(
  fc.string(),
  fc.constantFrom('{', '{"a":', '[', '{"a":1,}', "{'a':1}", '{"a":1}{"b":2}', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}',
    '{"a":1e99999}', '{"a":-}', '{"a":"\\ud800"}', '\uFEFF{}', '{"a":"\u0000"}', 'null', '[]', '42', '"x"', 'true'),
);

const sixDigits = fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, '0'));

function fieldValue(endpoint: Endpoint, field: string, type: FieldType): fc.Arbitrary<unknown> {
  if (type === 'boolean?') return fc.oneof({ weight: 4, arbitrary: fc.boolean() }, { weight: 1, arbitrary: anyJson });
  if (type === 'redirectURIInfo?') {
    const params = fc.dictionary(fc.oneof(fc.constantFrom('code', 'state', 'error', 'error_description', '__proto__'), fc.string()), fc.oneof(anyString, anyJson), { maxKeys: 4 });
    const info = fc.record({ redirectURIOnProviderDashboard: fc.oneof(fc.constant('http://app.test/auth/callback/fuzz-idp'), anyString), redirectURIQueryParams: fc.oneof(params, anyJson), pkceCodeVerifier: fc.option(anyString, { nil: undefined }) });
    return fc.oneof({ weight: 4, arbitrary: info }, { weight: 1, arbitrary: anyJson });
  }
  if (type === 'formFields') {
    const formField = fc.oneof(
      fc.record({ id: fc.constantFrom('email', 'password'), value: fc.oneof({ weight: 2, arbitrary: fc.constantFrom(EMAIL, PASSWORD, 'new@example.com') }, { weight: 3, arbitrary: anyString }, { weight: 1, arbitrary: anyJson }) }),
      fc.array(fc.tuple(hostileKey, anyJson), { maxLength: 3 }).map(ownObject),
    );
    const text = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(EMAIL, PASSWORD, 'new@example.com') }, { weight: 3, arbitrary: anyString });
    const pair = fc.tuple(text, text).map(([email, password]) => [{ id: 'email', value: email }, { id: 'password', value: password }]);
    return fc.oneof({ weight: 4, arbitrary: pair }, { weight: 2, arbitrary: fc.array(formField, { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: anyJson });
  }
  const special: Record<string, fc.Arbitrary<unknown>> = {
    deviceId: fc.constantFrom(live.deviceId),
    preAuthSessionId: fc.constantFrom(live.preAuthSessionId),
    userInputCode: sixDigits,
    totp: sixDigits,
    deviceName: fc.constantFrom(live.deviceName, 'tablet'),
    method: fc.constant('token'),
    thirdPartyId: fc.constantFrom('fuzz-idp', 'unknown-idp'),
    // A change that goes through keeps the owner's password: later runs sign in with it.
    newPassword: fc.constant(PASSWORD),
    email: fc.constantFrom(EMAIL, 'otp@example.com'),
  };
  void endpoint;
  return fc.oneof({ weight: 3, arbitrary: special[field] ?? anyString }, { weight: 3, arbitrary: anyString }, { weight: 1, arbitrary: anyJson });
}

/** Bodies shaped like the endpoint's, field by field hostile (the deep paths). */
function nearValid(e: Endpoint): fc.Arbitrary<string> {
  const entries = Object.entries(e.fields);
  if (entries.length === 0) return fc.array(fc.tuple(hostileKey, anyJson), { maxLength: 3 }).map((x) => JSON.stringify(ownObject(x)));
  return fc
    .tuple(...entries.map(([f, t]) => fc.oneof({ weight: e.rare?.includes(f) ? 9 : 1, arbitrary: fc.constant(undefined) }, { weight: 4, arbitrary: fieldValue(e, f, t) })), fc.array(fc.tuple(hostileKey, anyJson), { maxLength: 2 }))
    .map((values) => {
      const extra = values.pop() as [string, unknown][];
      const body = ownObject([...entries.map(([f], i) => [f, values[i]] as [string, unknown]).filter(([, v]) => v !== undefined), ...extra]);
      return JSON.stringify(body);
    });
}

/** The valid body with fields dropped, retyped, or joined by hostile keys. */
function mutatedValid(e: Endpoint): fc.Arbitrary<string> {
  const keys = Object.keys(e.valid);
  return fc
    .record({
      drop: fc.subarray(keys),
      retype: fc.array(fc.tuple(keys.length > 0 ? fc.constantFrom(...keys) : hostileKey, anyJson), { maxLength: 2 }),
      extra: fc.array(fc.tuple(hostileKey, anyJson), { maxLength: 3 }),
    })
    .map(({ drop, retype, extra }) => {
      const kept = Object.entries(e.valid).filter(([k]) => !drop.includes(k));
      return JSON.stringify(ownObject([...kept, ...retype, ...extra]));
    });
}

function bodyFor(e: Endpoint): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: nearValid(e) },
    { weight: 2, arbitrary: mutatedValid(e) },
    { weight: 2, arbitrary: anyJson.map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: rawText },
    { weight: 1, arbitrary: deepText },
  );
}

// ---- harness ----------------------------------------------------------------------------------

let backend: Backend;
let owner: TestClient;
let sessionStale = false;
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

/**
 * Per table: row count and a digest of every row, so an update is seen, not only an insert. A
 * session's "last active" and address are bookkeeping of the request itself (any request with a
 * valid session writes them, once a minute), not a change the body made: left out.
 */
async function snapshot(): Promise<Record<string, string>> {
  const tables = await backend.db.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'fk\\_%' AND table_schema = current_schema() ORDER BY table_name",
  );
  const rows = await backend.db.query<{ t: string; d: string }>(
    tables
      .map(({ table_name: t }) => `SELECT '${t}' AS t, COUNT(*)::text || ':' || md5(COALESCE(string_agg((to_jsonb(x) - 'last_active_at' - 'client_address')::text, '|' ORDER BY (to_jsonb(x) - 'last_active_at' - 'client_address')::text), '')) AS d FROM ${t} x`)
      .join(' UNION ALL '),
  );
  return Object.fromEntries(rows.map((r) => [r.t, r.d]));
}

function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}

async function ensureSession() {
  if (!sessionStale && owner.accessToken) return;
  const r = await owner.signIn(EMAIL, PASSWORD);
  expect(r.body.status).toBe('OK');
  sessionStale = false;
}

beforeAll(async () => {
  // Generous send limits, so near-valid bodies keep reaching the deep paths; the limits' own answers
  // are fuzzed as they come (test/security covers their values).
  backend = await startBackend({
    // A provider out of reach: sign-in/up bodies reach the provider step and fail there, cleanly.
    thirdParty: { providers: [{ id: 'fuzz-idp', issuer: 'http://localhost:9/', clients: [{ clientId: 'fuzz' }] }] },
    mfa: { firstFactors: ['emailpassword', 'otp-email', 'otp-phone', 'thirdparty'], trustedDevices: true },
    webauthn: {},
    emailVerification: { mode: 'OPTIONAL' },
    limits: { codeSendsPerContact: { max: 1000, windowSeconds: 900 }, codeGuessesPerContact: { max: 1000, windowSeconds: 3600 } },
  });
  owner = new TestClient(backend);
  expect((await owner.signUp(EMAIL, PASSWORD)).body.status).toBe('OK');
  // A verified TOTP device, so /totp/verify checks real codes.
  const device = await owner.request('POST', '/totp/device', { deviceName: live.deviceName });
  expect(device.body.status).toBe('OK');
  expect((await owner.request('POST', '/totp/device/verify', { deviceName: live.deviceName, totp: totpCode(device.body.secret) })).body.status).toBe('OK');
  // A live passwordless device, so resend/consume reach the code check.
  const code = await new TestClient(backend).request('POST', '/signinup/code', { email: 'otp@example.com' });
  expect(code.body.status).toBe('OK');
  live.deviceId = code.body.deviceId;
  live.preAuthSessionId = code.body.preAuthSessionId;
});
afterAll(() => backend.close());

async function sendFuzz(e: Endpoint, body: string, withSession: boolean, contentType: string | undefined) {
  if (withSession) await ensureSession();
  const headers: Record<string, string> = { rid: 'anti-csrf', 'fdi-version': '3.1,4.0', 'st-auth-mode': 'header' };
  if (contentType !== undefined) headers['content-type'] = contentType;
  const token = withSession ? (e.token === 'refresh' ? owner.refreshToken : owner.accessToken) : undefined;
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await backend.fetch(new Request(`${API}/auth${e.path}`, { method: e.method, headers, body }));
  const text = await response.text();
  // What the backend does after answering (a reset email, sent unawaited) belongs to this request:
  // let it land before the next snapshot, or the next body would seem to have written it.
  await backend.idle();
  // Sign-out and refresh use the session up (a rotated refresh token reused is theft): start a new one.
  if (withSession && (e.path === '/signout' || e.path === '/session/refresh')) sessionStale = true;
  return { status: response.status, text };
}

function checkAnswer(status: number, text: string): { kind: 'ok' } | { kind: 'refused'; status: string } {
  expect(status, text.slice(0, 300)).not.toBe(500);
  expect([200, 400, 401, 403], text.slice(0, 300)).toContain(status);
  const body = JSON.parse(text) as Record<string, unknown>;
  expect(typeof body === 'object' && body !== null && !Array.isArray(body)).toBe(true);
  if (status !== 200) {
    expect(typeof body.message, text.slice(0, 300)).toBe('string');
    if (status === 403) expect(Array.isArray(body.claimValidationErrors) || typeof body.claimValidationErrors === 'undefined').toBe(true);
    return { kind: 'refused', status: `HTTP ${status}` };
  }
  if (body.status === undefined) {
    expect(body).toEqual({}); // the refresh answer
    return { kind: 'ok' };
  }
  expect(body.status, text.slice(0, 300)).toMatch(/^[A-Z_]+$/);
  return body.status === 'OK' ? { kind: 'ok' } : { kind: 'refused', status: body.status as string };
}

describe('fuzzing every POST/PUT endpoint', () => {
  it('covers every POST/PUT operation of the spec that the backend serves', async () => {
    const listed = new Set(ENDPOINTS.map((e) => `${e.method} ${e.path}`));
    const served: string[] = [];
    for (const op of specOperations().filter((o) => o.method === 'POST' || o.method === 'PUT')) {
      const r = await backend.fetch(new Request(`${API}/auth${op.path}`, { method: op.method, headers: { 'content-type': 'application/json' }, body: '{}' }));
      if (r.status !== 404) served.push(`${op.method} ${op.path}`);
    }
    expect(served.length).toBeGreaterThanOrEqual(13);
    // Apple's form post only redirects to the website (a form body, a 303): test/server/thirdParty.test.ts.
    for (const op of served.filter((o) => o !== 'POST /callback/apple')) expect(listed, op).toContain(op);
  });

  it.each(ENDPOINTS)('$method $path: hostile bodies never give a 500, a non-protocol answer or a partial write', async (e) => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(bodyFor(e), fc.boolean(), fc.constantFrom('application/json', 'application/json', 'text/plain', undefined), async (body, withSession, contentType) => {
        if (withSession) await ensureSession();
        const before = await snapshot();
        const { status, text } = await sendFuzz(e, body, withSession, contentType);
        const answer = checkAnswer(status, text);
        const key = answer.kind === 'ok' ? 'OK' : answer.status;
        seen.set(key, (seen.get(key) ?? 0) + 1);
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        if (answer.kind === 'refused') {
          const after = await snapshot();
          const allowed = MAY_WRITE[answer.status] ?? [];
          expect(changedTables(before, after).filter((t) => !allowed.includes(t)), `${answer.status} wrote`).toEqual([]);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    if (process.env.FUZZ_STATS) console.log(e.path, JSON.stringify([...seen]));
    // The generators must reach past the body parser, or the property says little.
    expect([...seen.keys()].some((k) => k !== 'HTTP 400'), JSON.stringify([...seen])).toBe(true);
  });
});
