import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/server/index.ts';
import { API, startBackend, TestClient } from './helpers.ts';

/**
 * Hostile input on every POST/PUT endpoint: never a 500, the protocol's status and a readable
 * message, and nothing written to the database.
 */

type Auth = 'none' | 'access' | 'refresh';

interface Endpoint {
  method: 'POST' | 'PUT';
  path: string;
  /** What the route needs besides the body. */
  auth: Auth;
  /** A body the route accepts (checked by the control test at the end, which may write). */
  valid: Record<string, unknown> | undefined;
  /** Body fields and the JSON type each must have (`?` = optional). */
  fields: Record<string, 'string' | 'string?' | 'boolean?' | 'array'>;
}

const DEVICE_ID = Buffer.alloc(32, 1).toString('base64');
const PRE_AUTH = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const formFields = [
  { id: 'email', value: 'someone@example.com' },
  { id: 'password', value: 'password123' },
];

// A passkey response's outline (the verifier rejects its contents).
const PASSKEY = { id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: { clientDataJSON: 'e30', authenticatorData: 'AAAA', signature: 'AAAA' }, clientExtensionResults: {} };

const ENDPOINTS: Endpoint[] = [
  { method: 'POST', path: '/signin', auth: 'none', valid: { formFields, shouldTryLinkingWithSessionUser: false }, fields: { formFields: 'array', shouldTryLinkingWithSessionUser: 'boolean?' } },
  { method: 'POST', path: '/signup', auth: 'none', valid: { formFields, shouldTryLinkingWithSessionUser: false }, fields: { formFields: 'array', shouldTryLinkingWithSessionUser: 'boolean?' } },
  { method: 'POST', path: '/signinup/code', auth: 'none', valid: { email: 'someone@example.com', shouldTryLinkingWithSessionUser: false }, fields: { email: 'string?', shouldTryLinkingWithSessionUser: 'boolean?' } },
  {
    method: 'POST',
    path: '/signinup/code/resend',
    auth: 'none',
    valid: { deviceId: DEVICE_ID, preAuthSessionId: PRE_AUTH, shouldTryLinkingWithSessionUser: false },
    fields: { deviceId: 'string', preAuthSessionId: 'string', shouldTryLinkingWithSessionUser: 'boolean?' },
  },
  {
    method: 'POST',
    path: '/signinup/code/consume',
    auth: 'none',
    valid: { deviceId: DEVICE_ID, preAuthSessionId: PRE_AUTH, userInputCode: '123456', shouldTryLinkingWithSessionUser: false },
    fields: { deviceId: 'string', preAuthSessionId: 'string', userInputCode: 'string', shouldTryLinkingWithSessionUser: 'boolean?' },
  },
  { method: 'POST', path: '/totp/device', auth: 'access', valid: { deviceName: 'My phone' }, fields: { deviceName: 'string?' } },
  { method: 'POST', path: '/totp/device/remove', auth: 'access', valid: { deviceName: 'My phone' }, fields: { deviceName: 'string' } },
  { method: 'POST', path: '/totp/device/verify', auth: 'access', valid: { deviceName: 'My phone', totp: '123456' }, fields: { deviceName: 'string', totp: 'string' } },
  { method: 'POST', path: '/totp/verify', auth: 'access', valid: { totp: '123456' }, fields: { totp: 'string' } },
  { method: 'POST', path: '/user/email/verify/token', auth: 'access', valid: {}, fields: {} },
  { method: 'POST', path: '/user/email/verify', auth: 'none', valid: { method: 'token', token: 'not-a-real-token' }, fields: { method: 'string', token: 'string' } },
  // Our extension (README "Protocol extensions"): the MFA settings API.
  { method: 'POST', path: '/fk/mfa/settings/required-factors/add', auth: 'access', valid: { factorId: 'otp-email' }, fields: { factorId: 'string' } },
  { method: 'POST', path: '/fk/mfa/settings/required-factors/remove', auth: 'access', valid: { factorId: 'totp' }, fields: { factorId: 'string' } },
  { method: 'POST', path: '/fk/sessions/revoke', auth: 'access', valid: { sessionHandle: 'no-such-session' }, fields: { sessionHandle: 'string' } },
  { method: 'POST', path: '/webauthn/options/register', auth: 'none', valid: { email: 'someone@example.com' }, fields: { email: 'string?', displayName: 'string?' } },
  { method: 'POST', path: '/webauthn/signin', auth: 'none', valid: { webauthnGeneratedOptionsId: 'no-such-options', credential: PASSKEY }, fields: { webauthnGeneratedOptionsId: 'string', shouldTryLinkingWithSessionUser: 'boolean?' } },
  { method: 'POST', path: '/webauthn/signup', auth: 'none', valid: { webauthnGeneratedOptionsId: 'no-such-options', credential: PASSKEY }, fields: { webauthnGeneratedOptionsId: 'string', shouldTryLinkingWithSessionUser: 'boolean?' } },
  { method: 'POST', path: '/user/webauthn/reset/token', auth: 'none', valid: { email: 'someone@example.com' }, fields: { email: 'string' } },
  { method: 'POST', path: '/user/webauthn/reset', auth: 'none', valid: { token: 'not-a-real-token', webauthnGeneratedOptionsId: 'no-such-options', credential: PASSKEY }, fields: { token: 'string', webauthnGeneratedOptionsId: 'string' } },
  { method: 'POST', path: '/webauthn/credential/remove', auth: 'access', valid: { webauthnCredentialId: 'no-such-passkey' }, fields: { webauthnCredentialId: 'string' } },
  { method: 'POST', path: '/fk/trusted-devices/revoke', auth: 'access', valid: { deviceId: 'no-such-device' }, fields: { deviceId: 'string' } },
  { method: 'POST', path: '/fk/recovery-codes/use', auth: 'access', valid: { code: '0000-0000-0000' }, fields: { code: 'string' } },
  { method: 'POST', path: '/fk/connected-accounts/remove', auth: 'access', valid: { recipeUserId: 'no-such-account' }, fields: { recipeUserId: 'string' } },
  { method: 'PUT', path: '/mfa/info', auth: 'access', valid: undefined, fields: {} },
  { method: 'POST', path: '/session/refresh', auth: 'refresh', valid: undefined, fields: {} },
  { method: 'POST', path: '/signout', auth: 'access', valid: undefined, fields: {} },
];

const WRONG: Record<'string' | 'boolean' | 'array', unknown[]> = {
  string: [123, true, {}, [], null, ['a']],
  boolean: ['true', 1, {}, [], null],
  array: ['formFields', 1, {}, null, true],
};

const MB = 1024 * 1024;
const huge = 'x'.repeat(MB);

let backend: Backend;
let user: TestClient;

beforeAll(async () => {
  backend = await startBackend({ emailVerification: { mode: 'OPTIONAL' }, mfa: { trustedDevices: true }, webauthn: {}, thirdParty: { providers: [{ id: 'unreachable-idp', issuer: 'http://localhost:9/', clients: [{ clientId: 'x' }] }] } });
  user = new TestClient(backend);
  expect((await user.signUp('hostile@example.com')).body.status).toBe('OK');
});
afterAll(() => backend.close());

/** Row counts of every `fk_` table of this backend's schema. */
async function rowCounts(): Promise<Record<string, number>> {
  const tables = await backend.db.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'fk\\_%' AND table_schema = current_schema() ORDER BY table_name",
  );
  const rows = await backend.db.query<{ t: string; n: number }>(tables.map(({ table_name: t }) => `SELECT '${t}' AS t, COUNT(*)::int AS n FROM ${t}`).join(' UNION ALL '));
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

interface Sent {
  status: number;
  text: string;
  body: any;
}

function request(method: string, url: string, body: BodyInit | undefined, auth: Auth, headers: Record<string, string> = {}): Request {
  const h: Record<string, string> = { rid: 'anti-csrf', 'fdi-version': '3.1,4.0', 'st-auth-mode': 'header', 'content-type': 'application/json', ...headers };
  const token = auth === 'access' ? user.accessToken : auth === 'refresh' ? user.refreshToken : undefined;
  if (token) h.authorization = `Bearer ${token}`;
  return new Request(url, { method, headers: h, body });
}

async function send(req: Request): Promise<Sent> {
  const response = await backend.fetch(req);
  const text = await response.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, text, body };
}

/** A message a person can read: a short sentence, not a stack, not an echo of the input. */
function expectReadable(message: unknown) {
  expect(typeof message).toBe('string');
  const m = message as string;
  expect(m.length).toBeGreaterThan(3);
  expect(m.length).toBeLessThanOrEqual(200);
  expect(m).not.toMatch(/\n\s+at |\[object Object\]|undefined|NaN|Internal error/);
  expect(m).toMatch(/[a-z]{3}/i);
}

type Expected = { status: 400 } | { status: 401 } | { status: 400 | 404; notFound: true } | { status: 200; body: Record<string, unknown> };

/** Sends, then checks: the expected status and shape, and that no row was added, changed in count, or removed. */
async function expectRefused(req: Request, expected: Expected) {
  const before = await rowCounts();
  const r = await send(req);
  expect(r.status, r.text.slice(0, 300)).not.toBe(500);
  if ('notFound' in expected) {
    expect([400, 404], r.text).toContain(r.status);
  } else {
    expect(r.status, r.text.slice(0, 300)).toBe(expected.status);
  }
  expect(r.body, r.text.slice(0, 300)).toBeTypeOf('object');
  if (r.status === 200) {
    expect(r.body).toEqual((expected as { body: Record<string, unknown> }).body);
    if (r.body.status === 'GENERAL_ERROR') expectReadable(r.body.message);
    for (const f of r.body.formFields ?? []) expectReadable(f.error);
  } else {
    expect(Object.keys(r.body)).toEqual(['message']);
    expectReadable(r.body.message);
  }
  expect(await rowCounts()).toEqual(before);
  return r;
}

const url = (path: string, tenant?: string) => `${API}/auth${tenant === undefined ? '' : `/${tenant}`}${path}`;

it('the write check sees every table', async () => {
  const counts = await rowCounts();
  expect(Object.keys(counts)).toEqual(expect.arrayContaining(['fk_users', 'fk_login_methods', 'fk_sessions', 'fk_refresh_tokens', 'fk_pwless_devices', 'fk_totp_devices', 'fk_totp_attempts', 'fk_dev_outbox']));
  expect(counts.fk_sessions).toBeGreaterThan(0);
});

describe('bodies that are not a JSON object', () => {
  const bodies: [string, BodyInit][] = [
    ['malformed JSON', '{"formFields": [{"id": "email", "value": '],
    ['a trailing comma', '{"a": 1,}'],
    ['a JSON array', '[{"formFields": []}]'],
    ['a JSON number', '42'],
    ['a JSON string', '"formFields"'],
    ['JSON null', 'null'],
    ['JSON true', 'true'],
    ['form encoding', 'email=a%40b.c&password=x'],
    ['bytes that are not UTF-8', new Uint8Array([0xff, 0xfe, 0x7b, 0x00])],
    ['deeply nested arrays', `${'['.repeat(4000)}${']'.repeat(4000)}`],
  ];
  const cases = ENDPOINTS.flatMap((e) => bodies.map(([what, body]) => ({ e, what, body })));
  it.each(cases)('$e.method $e.path: $what → 400', async ({ e, body }) => {
    await expectRefused(request(e.method, url(e.path), body, e.auth), { status: 400 });
  });
});

describe('fields of the wrong type, missing, or huge', () => {
  const withField = (e: Endpoint, field: string, value: unknown) => ({ ...e.valid, [field]: value });
  const without = (e: Endpoint, field: string) => Object.fromEntries(Object.entries(e.valid ?? {}).filter(([k]) => k !== field));

  const wrongType = ENDPOINTS.flatMap((e) =>
    Object.entries(e.fields).flatMap(([field, type]) =>
      WRONG[type.replace('?', '') as keyof typeof WRONG].map((value) => ({ e, field, value, body: withField(e, field, value) })),
    ),
  );
  it.each(wrongType)('$e.method $e.path: $field = $value → 400', async ({ e, body }) => {
    await expectRefused(request(e.method, url(e.path), JSON.stringify(body), e.auth), { status: 400 });
  });

  const missing = ENDPOINTS.flatMap((e) =>
    Object.entries(e.fields)
      .filter(([, type]) => !type.endsWith('?'))
      .map(([field]) => ({ e, field, body: without(e, field) })),
  );
  it.each(missing)('$e.method $e.path: without $field → 400', async ({ e, body }) => {
    await expectRefused(request(e.method, url(e.path), JSON.stringify(body), e.auth), { status: 400 });
  });

  const stringFields = ENDPOINTS.flatMap((e) =>
    Object.entries(e.fields)
      .filter(([, type]) => type.startsWith('string'))
      .map(([field]) => ({ e, field })),
  );
  it.each(stringFields)('$e.method $e.path: $field of 1 MB → 400', async ({ e, field }) => {
    await expectRefused(request(e.method, url(e.path), JSON.stringify(withField(e, field, huge)), e.auth), { status: 400 });
  });
  it.each(stringFields)('$e.method $e.path: $field of 10 kB (under the body cap) → 400', async ({ e, field }) => {
    await expectRefused(request(e.method, url(e.path), JSON.stringify(withField(e, field, 'y'.repeat(10_000))), e.auth), { status: 400 });
  });
  // PostgreSQL text cannot store U+0000: a NUL that reached a query was a 500.
  it.each(stringFields)('$e.method $e.path: $field with a NUL → 400', async ({ e, field }) => {
    const r = await expectRefused(request(e.method, url(e.path), JSON.stringify(withField(e, field, '123\u0000456')), e.auth), { status: 400 });
    expect(r.body.message).toBe('Request body must not contain NUL characters');
  });
  it.each(stringFields)('$e.method $e.path: $field with other control characters → no 500', async ({ e, field }) => {
    const r = await send(request(e.method, url(e.path), JSON.stringify(withField(e, field, 'a\u0001b\u001b[31m\u202e\ud800')), e.auth));
    expect(r.status, r.text).not.toBe(500);
  });
  it('a NUL in a key → 400', async () => {
    await expectRefused(request('POST', url('/signin'), JSON.stringify({ formFields, 'x\u0000': 1 }), 'none'), { status: 400 });
  });

  it.each(ENDPOINTS.filter((e) => e.valid !== undefined))('$method $path: 100k-element array in a field → 400', async (e) => {
    const field = Object.keys(e.fields)[0] ?? 'extra';
    await expectRefused(request(e.method, url(e.path), JSON.stringify(withField(e, field, new Array(100_000).fill(0))), e.auth), { status: 400 });
  });
});

describe('query parameters of the GET endpoints', () => {
  const paths = ['/emailpassword/email/exists?email=', '/signup/email/exists?email=', '/passwordless/email/exists?email=', '/passwordless/phonenumber/exists?phoneNumber='];
  const values: [string, string][] = [
    ['missing', ''],
    ['a NUL', 'a%00b%40example.com'],
    ['10 kB', 'z'.repeat(10_000)],
  ];
  it.each(paths.flatMap((p) => values.map(([what, v]) => ({ p, what, v }))))('GET $p: $what → 400', async ({ p, v }) => {
    await expectRefused(new Request(url(p + v), { headers: { rid: 'anti-csrf' } }), { status: 400 });
  });
});

describe('emailpassword formFields', () => {
  const ep = ENDPOINTS.filter((e) => e.path === '/signin' || e.path === '/signup');
  const email = (value: unknown) => ({ id: 'email', value });
  const password = { id: 'password', value: 'password123' };
  const bad: [string, unknown][] = [
    ['items that are not objects', [1, 'email', null]],
    ['an id that is not a string', [{ id: 1, value: 'a@example.com' }, password]],
    ['an email value that is a number', [email(42), password]],
    ['an email value that is null', [email(null), password]],
    ['an email value that is an object', [email({ $gt: '' }), password]],
    ['an email value that is an array', [email(['a@example.com']), password]],
    ['an item without a value', [{ id: 'email' }, password]],
    ['an unknown field', [email('a@example.com'), password, { id: 'role', value: 'admin' }]],
    ['a duplicated field', [email('a@example.com'), email('b@example.com')]],
    ['500 fields', new Array(500).fill(password)],
  ];
  it.each(ep.flatMap((e) => bad.map(([what, fields]) => ({ e, what, fields }))))('$e.path: $what → 400', async ({ e, fields }) => {
    await expectRefused(request(e.method, url(e.path), JSON.stringify({ formFields: fields }), e.auth), { status: 400 });
  });

  const fieldErrors: [string, string, unknown[], unknown][] = [
    ['/signin', 'no fields', [], [{ id: 'email', error: 'Field is not optional' }, { id: 'password', error: 'Field is not optional' }]],
    ['/signup', 'no fields', [], [{ id: 'email', error: 'Field is not optional' }, { id: 'password', error: 'Field is not optional' }]],
    ['/signin', 'an invalid email', [email('not-an-email'), password], [{ id: 'email', error: 'Email is invalid' }]],
    ['/signup', 'an invalid email', [email('a@b'), password], [{ id: 'email', error: 'Email is invalid' }]],
    ['/signin', 'an empty password', [email('a@example.com'), { id: 'password', value: '' }], [{ id: 'password', error: 'Field is not optional' }]],
    ['/signup', 'a weak password', [email('a@example.com'), { id: 'password', value: 'abcdefgh' }], [{ id: 'password', error: 'Password must contain at least one number' }]],
    ['/signup', 'a 200-character password', [email('a@example.com'), { id: 'password', value: 'a1'.repeat(100) }], [{ id: 'password', error: "Password's length must be lesser than 100 characters" }]],
  ];
  it.each(fieldErrors)('%s: %s → 200 FIELD_ERROR', async (path, _what, fields, errors) => {
    await expectRefused(request('POST', url(path), JSON.stringify({ formFields: fields }), 'none'), { status: 200, body: { status: 'FIELD_ERROR', formFields: errors } });
  });

  it('a body with __proto__ instead of formFields → 400', async () => {
    await expectRefused(request('POST', url('/signin'), '{"__proto__": {"formFields": []}, "constructor": {"prototype": {"x": 1}}}', 'none'), { status: 400 });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('passwordless bodies', () => {
  const cases: [string, string, Record<string, unknown>, Expected][] = [
    ['/signinup/code', 'neither email nor phoneNumber', {}, { status: 400 }],
    ['/signinup/code', 'both email and phoneNumber', { email: 'a@example.com', phoneNumber: '+14155550100' }, { status: 400 }],
    ['/signinup/code', 'a phoneNumber that is a number', { phoneNumber: 14155550100 }, { status: 400 }],
    ['/signinup/code', 'an invalid email', { email: 'not an email' }, { status: 200, body: { status: 'GENERAL_ERROR', message: 'Email is invalid' } }],
    ['/signinup/code', 'an empty email', { email: '' }, { status: 200, body: { status: 'GENERAL_ERROR', message: 'Email is invalid' } }],
    ['/signinup/code', 'an invalid phone number', { phoneNumber: 'call me' }, { status: 200, body: { status: 'GENERAL_ERROR', message: 'Phone number is invalid' } }],
    ['/signinup/code', 'linking without a session', { email: 'a@example.com', shouldTryLinkingWithSessionUser: true }, { status: 401 }],
    ['/signinup/code/resend', 'linking without a session', { deviceId: DEVICE_ID, preAuthSessionId: PRE_AUTH, shouldTryLinkingWithSessionUser: true }, { status: 401 }],
    ['/signinup/code/consume', 'linkCode and deviceId+userInputCode', { preAuthSessionId: PRE_AUTH, linkCode: 'abc', deviceId: DEVICE_ID, userInputCode: '123456' }, { status: 400 }],
    ['/signinup/code/consume', 'neither linkCode nor a code', { preAuthSessionId: PRE_AUTH }, { status: 400 }],
    ['/signinup/code/consume', 'userInputCode without deviceId', { preAuthSessionId: PRE_AUTH, userInputCode: '123456' }, { status: 400 }],
    ['/signinup/code/consume', 'a linkCode that is a number', { preAuthSessionId: PRE_AUTH, linkCode: 5 }, { status: 400 }],
    ['/signinup/code/consume', 'an empty preAuthSessionId', { preAuthSessionId: '', linkCode: 'abc' }, { status: 400 }],
    ['/signin', 'linking without a session', { formFields, shouldTryLinkingWithSessionUser: true }, { status: 401 }],
    ['/signup', 'linking without a session', { formFields, shouldTryLinkingWithSessionUser: true }, { status: 401 }],
  ];
  it.each(cases)('%s: %s', async (path, _what, body, expected) => {
    await expectRefused(request('POST', url(path), JSON.stringify(body), 'none'), expected);
  });
});

describe('session-only endpoints', () => {
  const needsSession = ENDPOINTS.filter((e) => e.auth !== 'none');
  it.each(needsSession)('$method $path without a session → 401', async (e) => {
    const r = await expectRefused(request(e.method, url(e.path), e.valid === undefined ? undefined : JSON.stringify(e.valid), 'none'), { status: 401 });
    expect(r.body).toEqual({ message: 'unauthorised' });
  });
  it.each(needsSession)('$method $path with a forged token → 401', async (e) => {
    const req = request(e.method, url(e.path), e.valid === undefined ? undefined : JSON.stringify(e.valid), 'none', { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' });
    await expectRefused(req, { status: 401 });
  });
  it('POST /user/email/verify: a method other than token → 400', async () => {
    await expectRefused(request('POST', url('/user/email/verify'), JSON.stringify({ method: 'magic', token: 'x' }), 'none'), { status: 400 });
  });
  it('POST /totp/device: a device name with control characters → 400', async () => {
    await expectRefused(request('POST', url('/totp/device'), JSON.stringify({ deviceName: 'phone\u0000\n' }), 'access'), { status: 400 });
  });
});

describe('tenants in the path', () => {
  it.each(ENDPOINTS)('$method $path under an unknown tenant → 400', async (e) => {
    const r = await expectRefused(request(e.method, url(e.path, 'nope'), e.valid === undefined ? undefined : JSON.stringify(e.valid), e.auth), { status: 400 });
    expect(r.body.message).toContain('nope');
  });

  const invalid = ['..%2f', '%2e%2e%2f', '%00', 'a%20b', '%C3%A9t%C3%A9', 'x'.repeat(65), '%3Cscript%3E', "'%3B--"];
  const cases = ENDPOINTS.filter((e) => ['/signin', '/signinup/code', '/mfa/info', '/totp/verify'].includes(e.path)).flatMap((e) => invalid.map((tenant) => ({ e, tenant })));
  it.each(cases)('$e.method $e.path under tenant "$tenant" → 400/404', async ({ e, tenant }) => {
    const r = await expectRefused(request(e.method, url(e.path, tenant), e.valid === undefined ? undefined : JSON.stringify(e.valid), e.auth), { status: 400, notFound: true });
    expect(r.body.message.length).toBeLessThan(120);
  });
});

describe('over-large bodies', () => {
  it.each(ENDPOINTS)('$method $path: a 1 MB body → 400', async (e) => {
    const body = JSON.stringify({ ...e.valid, padding: huge });
    const r = await expectRefused(request(e.method, url(e.path), body, e.auth), { status: 400 });
    expect(r.body.message).toBe('Request body is too large');
  });

  it('a content-length above the cap is refused before the body is read', async () => {
    const r = await expectRefused(request('POST', url('/signin'), '{}', 'none', { 'content-length': String(10 * MB) }), { status: 400 });
    expect(r.body.message).toBe('Request body is too large');
  });

  it('a streamed 64 MB body without content-length is refused after reading at most ~1 MB of it', async () => {
    let pulled = 0;
    const chunk = new TextEncoder().encode(' '.repeat(64 * 1024));
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 64 * MB) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const req = new Request(url('/signin'), { method: 'POST', headers: { 'content-type': 'application/json', rid: 'emailpassword' }, body: stream, duplex: 'half' } as RequestInit);
    const r = await expectRefused(req, { status: 400 });
    expect(r.body.message).toBe('Request body is too large');
    expect(pulled).toBeLessThanOrEqual(MB);
  });
});

// Last: the valid bodies really are accepted (so the refusals above come from the mutation), which may write.
describe('control', () => {
  it.each(ENDPOINTS)('$method $path accepts its valid body', async (e) => {
    const r = await send(request(e.method, url(e.path), e.valid === undefined ? undefined : JSON.stringify(e.valid), e.auth));
    expect(r.status, r.text.slice(0, 300)).toBe(200);
  });
});
