import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import type { Reply } from './helpers.ts';

/**
 * Checks backend replies against the FDI 4.0.0 OpenAPI spec (a copy of the shared spec in `test/fixtures/fdi/4.0.0/api_spec.yaml`, so a clean clone tests on its own).
 *
 * The spec lists the keys of each body but marks few as required and never forbids extra ones, so a
 * plain reading would accept `{}` everywhere. We read it strictly: every listed key is required and
 * no other key is allowed, except the optional keys in {@link OPTIONAL_KEYS}. Where node (the
 * source of truth, protocol §2.9) answers differently, the test names a {@link deviations} entry; a
 * named deviation must be needed, or the check fails, so the table cannot rot.
 */

export const SPEC_URL = new URL('../fixtures/fdi/4.0.0/api_spec.yaml', import.meta.url);

type Json = any;

const SESSION_TOKEN_HEADERS = ['front-token', 'st-access-token', 'st-refresh-token', 'anti-csrf', 'set-cookie', 'access-control-expose-headers'];

/** JSON pointer of a response schema in the spec, e.g. `/paths/~1{apiBasePath}~1signin/post/...`. */
function pointer(...parts: string[]): string {
  return parts.map((p) => `/${p.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function mfaInfoPath(key: string): string {
  return pointer('paths', '/{apiBasePath}/mfa/info', 'put', 'responses', '200', 'content', 'application/json', 'schema', 'oneOf', '0', 'properties', key);
}

/** Keys the strict reading leaves optional, by the JSON pointer of their object schema. */
export const OPTIONAL_KEYS: Record<string, { keys: string[]; why: string }> = {
  [pointer('components', 'schemas', 'user', 'properties', 'loginMethods', 'items')]: {
    keys: ['email', 'phoneNumber', 'thirdParty'],
    why: 'protocol §2.1: unset login-method fields are left out of the JSON',
  },
  [mfaInfoPath('emails')]: { keys: ['emailpassword', 'otp-email', 'link-email'], why: 'protocol §2.4: keys exist only for factors of enabled recipes' },
  [mfaInfoPath('phoneNumbers')]: { keys: ['otp-phone', 'link-phone'], why: 'protocol §2.4: keys exist only for factors of enabled recipes' },
};

/** A named, justified difference between node (and so this backend) and the FDI 4.0.0 spec. */
export interface Deviation {
  /** Where the protocol notes documents node's behaviour. */
  see: string;
  why: string;
  /** Edits a copy of the spec (before the strict reading) so node's answer validates. */
  patch?: (spec: Json) => void;
  /** Token headers node sends on this 2xx that the spec does not declare. */
  headers?: string[];
}

/** The spec object of `METHOD /path` (path without base path or tenant), or undefined. */
function findOperation(spec: Json, method: string, path: string): { key: string; op: Json } | undefined {
  const wanted = normalisePath(path);
  let found: { key: string; op: Json } | undefined;
  for (const [key, ops] of Object.entries<Json>(spec.paths)) {
    const op = ops[method.toLowerCase()];
    if (!op || normalisePath(key) !== wanted) continue;
    // Two keys can normalise alike (one carries invisible padding): the clean one wins.
    if (!found || key.trim() === key.replace(/[^\x20-\x7e]/g, '')) found = { key, op };
  }
  return found;
}

/** `/{apiBasePath}/<tenantId>/signin⠀⠀` → `/signin`. */
export function normalisePath(key: string): string {
  return key
    .replace(/[^\x20-\x7e]/g, '')
    .trim()
    .replace(/^\/\{apiBasePath\}/, '')
    .replace(/^\/<tenantId>/, '');
}

/** The 200 oneOf branch whose `status` allows `status`. */
function branch(spec: Json, method: string, path: string, status: string, code = '200'): Json {
  const op = findOperation(spec, method, path)!.op;
  const schema = op.responses[code].content['application/json'].schema;
  const statusValues = (s: Json): string[] => {
    const st = s.properties?.status;
    if (!st) return [];
    if (st.$ref) return deref(spec, st.$ref).enum;
    return st.enum ?? [];
  };
  const found = (schema.oneOf as Json[]).map((s) => (s.$ref ? deref(spec, s.$ref) : s)).find((s) => statusValues(s).includes(status));
  if (!found) throw new Error(`${method} ${path}: no ${status} branch in the spec`);
  return found;
}

function deref(spec: Json, ref: string): Json {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node, key) => node[key], spec);
}

/** A strict schema for a bare `{status}` answer, in the spec's own style. */
const statusOnly = (status: string) => ({ type: 'object', properties: { status: { type: 'string', enum: [status] } } });

export const deviations: Record<string, Deviation> = {
  'POST /totp/device/verify OK wasAlreadyVerified': {
    see: 'protocol §2.9 item 1',
    why: 'node answers {status:"OK", wasAlreadyVerified}; the spec OK branch lists only status',
    patch: (s) => void (branch(s, 'POST', '/totp/device/verify', 'OK').properties.wasAlreadyVerified = { type: 'boolean' }),
  },
  'POST /totp/verify UNKNOWN_USER_ID_ERROR': {
    see: 'protocol §2.9 item 2',
    why: 'core answers UNKNOWN_USER_ID_ERROR when the user has no TOTP device at all; the spec omits it',
    patch: (s) => void findOperation(s, 'POST', '/totp/verify')!.op.responses['200'].content['application/json'].schema.oneOf.push(statusOnly('UNKNOWN_USER_ID_ERROR')),
  },
  'POST /totp/device/verify LIMIT_REACHED_ERROR counters': {
    see: 'protocol §2.9 item 3',
    why: 'the core body is passed through: LIMIT_REACHED_ERROR also carries currentNumberOfFailedAttempts/maxNumberOfFailedAttempts',
    patch: (s) => addLimitCounters(branch(s, 'POST', '/totp/device/verify', 'LIMIT_REACHED_ERROR')),
  },
  'POST /totp/verify LIMIT_REACHED_ERROR counters': {
    see: 'protocol §2.9 item 3',
    why: 'as for /totp/device/verify: the core body carries the attempt counters',
    patch: (s) => addLimitCounters(branch(s, 'POST', '/totp/verify', 'LIMIT_REACHED_ERROR')),
  },
  'GET /loginmethods flat': {
    see: 'protocol §2.9 item 4, §2.7',
    why: 'node answers flat (no `recipes` wrapper), with webauthn (node ≥ 22), and web-js reads it flat',
    patch: (s) => {
      const schema = findOperation(s, 'GET', '/loginmethods')!.op.responses['200'].content['application/json'].schema;
      const nested = schema.oneOf[0];
      const enabled = { type: 'object', properties: { enabled: { type: 'boolean' } } };
      schema.oneOf[0] = {
        type: 'object',
        properties: { status: nested.properties.status, ...nested.properties.recipes.properties, webauthn: enabled },
      };
    },
  },
  'user.webauthn': {
    see: 'protocol §2.1',
    why: 'node ≥ 22 (FDI 4.1) adds `webauthn: {credentialIds}` to every User; the 4.0.0 user schema predates it',
    patch: (s) =>
      void (s.components.schemas.user.properties.webauthn = { type: 'object', properties: { credentialIds: { type: 'array', items: { type: 'string' } } } }),
  },
  'POST /totp/device/remove 403': {
    see: 'protocol §2.5',
    why: 'removing a verified device asserts st-mfa.v; the spec lists no 403, node answers the app-API 403 (object reason)',
    patch: (s) => void (findOperation(s, 'POST', '/totp/device/remove')!.op.responses['403'] = s.paths['/example'].get.responses['403']),
  },
  'GET /passwordless/phonenumber/exists path': {
    see: 'protocol §2 (endpoint catalogue)',
    why: 'node serves `/passwordless/phonenumber/exists` (lower-case n); the spec spells it `phoneNumber`',
    patch: (s) => aliasPath(s, '/passwordless/phoneNumber/exists', '/passwordless/phonenumber/exists'),
  },
  'GET /signup/phonenumber/exists path': {
    see: 'protocol §2 (endpoint catalogue)',
    why: 'the deprecated path node serves is `/signup/phonenumber/exists`; the spec spells it `phoneNumber`',
    patch: (s) => aliasPath(s, '/signup/phoneNumber/exists', '/signup/phonenumber/exists'),
  },
  'POST /user/email/verify/token EMAIL_ALREADY_VERIFIED_ERROR headers': {
    see: 'protocol §2.6',
    why: 'on EMAIL_ALREADY_VERIFIED_ERROR node refreshes st-ev, so a new access token and front-token come back; the spec declares no headers',
    headers: ['front-token', 'st-access-token', 'access-control-expose-headers', 'set-cookie'],
  },
  'POST /user/password/reset/token PASSWORD_RESET_NOT_ALLOWED retryAfterMs': {
    see: 'SECURITY.md "Limits"',
    why: 'a refusal by the send limits says how long to wait (`retryAfterMs`, and `Retry-After`); an extension, optional',
    patch: (s) => {
      const b = branch(s, 'POST', '/user/password/reset/token', 'PASSWORD_RESET_NOT_ALLOWED');
      b.properties.retryAfterMs = { type: 'number' };
      b.required = ['status', 'reason'];
    },
  },
  'GET /authorisationurl OK urlWithQueryParams': {
    see: 'docs/protocol.md (thirdparty); supertokens-node thirdparty/api/authorisationUrl.ts',
    why: 'the OK branch requires `url`, which it does not list; node answers `urlWithQueryParams`, and `pkceCodeVerifier` only for a provider that uses PKCE',
    patch: (s) => {
      const op = findOperation(s, 'GET', '/authorisationurl')!.op;
      op.responses['200'].content['application/json'].schema.oneOf[0].required = ['status', 'urlWithQueryParams'];
    },
  },
  'PUT /mfa/info OK fk': {
    see: 'docs/protocol.md (factorkit extensions)',
    why: 'our backend adds `fk: {progress: {total, done}, nextType}` (where sign-in stands) to the OK answer; other SDKs ignore it',
    patch: (s) => {
      const b = branch(s, 'PUT', '/mfa/info', 'OK');
      b.properties.fk = {
        type: 'object',
        properties: {
          progress: { type: 'object', properties: { total: { type: 'number' }, done: { type: 'number' } } },
          nextType: { type: 'string', enum: ['string', 'oneOf', 'allOfInAnyOrder'] },
        },
      };
    },
  },
  // §2.9 item 5 (`shouldTryLinkingWithSessionUser`) is already in the 4.0.0 request bodies; items 6
  // (skew) and 7 (qrCodeString digits/period) differ only in examples: openapi.test.ts pins both.
};

function addLimitCounters(b: Json) {
  b.properties.currentNumberOfFailedAttempts = { type: 'number' };
  b.properties.maxNumberOfFailedAttempts = { type: 'number' };
}

function aliasPath(spec: Json, from: string, to: string) {
  const key = Object.keys(spec.paths).find((k) => normalisePath(k) === from)!;
  spec.paths[key.replace(from, to)] = spec.paths[key];
}

/** Applies the strict reading in place: listed keys required, others forbidden. */
function strictify(node: Json, at = ''): void {
  if (Array.isArray(node)) return node.forEach((n, i) => strictify(n, `${at}/${i}`));
  if (node === null || typeof node !== 'object') return;
  if (node.type === 'object' && node.properties && typeof node.properties === 'object') {
    node.additionalProperties ??= false;
    const optional = OPTIONAL_KEYS[at]?.keys ?? [];
    node.required ??= Object.keys(node.properties).filter((k) => !optional.includes(k));
  }
  for (const [k, v] of Object.entries(node)) {
    if (k === 'example' || k === 'examples') continue;
    strictify(v, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  }
}

const raw: Json = parse(readFileSync(SPEC_URL, 'utf8'));

/** Every operation of the spec as `{method, path, key}` (path normalised), for coverage checks. */
export function specOperations(): { method: string; path: string; key: string }[] {
  return Object.entries<Json>(raw.paths).flatMap(([key, ops]) =>
    Object.keys(ops)
      .filter((m) => ['get', 'post', 'put', 'delete'].includes(m))
      .map((m) => ({ method: m.toUpperCase(), path: normalisePath(key), key })),
  );
}

interface Checker {
  spec: Json;
  ajv: Ajv;
  validators: Map<string, ValidateFunction>;
}

const checkers = new Map<string, Checker>();

function checker(names: string[]): Checker {
  const id = [...names].sort().join('|');
  let c = checkers.get(id);
  if (!c) {
    const spec = structuredClone(raw);
    for (const name of names) {
      const d = deviations[name];
      if (!d) throw new Error(`Unknown deviation: ${name}`);
      d.patch?.(spec);
    }
    strictify(spec);
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addSchema(spec, 'spec');
    c = { spec, ajv, validators: new Map() };
    checkers.set(id, c);
  }
  return c;
}

/** The response object for a status, following `$ref`s; 401 falls back to the app-API one. */
function responsePointer(spec: Json, key: string, method: string, status: number): string | undefined {
  const responses = spec.paths[key][method.toLowerCase()].responses;
  const response = responses[String(status)];
  // The spec documents the session errors once, on the app API `/example`; every route that reads a
  // session answers them the same way (protocol §1.5).
  if (!response && status === 401) return pointer('paths', '/example', 'get', 'responses', '401');
  if (!response) return undefined;
  if (response.$ref) return (response.$ref as string).replace(/^#/, '');
  return pointer('paths', key, method.toLowerCase(), 'responses', String(status));
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((e) => `body${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`).join('\n  ');
}

function compiled(c: Checker, ref: string): ValidateFunction {
  let validate = c.validators.get(ref);
  if (!validate) {
    validate = c.ajv.compile({ $ref: ref });
    c.validators.set(ref, validate);
  }
  return validate;
}

/** For a oneOf failure: the errors of the one branch whose `status` matched, if there is one. */
function explain(c: Checker, ref: string, schema: Json, body: Json): string | undefined {
  if (!Array.isArray(schema.oneOf)) return undefined;
  const candidates = (schema.oneOf as Json[])
    .map((_, i) => compiled(c, `${ref}/oneOf/${i}`))
    .filter((v) => !v(body))
    .filter((v) => !v.errors?.some((e) => e.instancePath === '/status'));
  if (candidates.length !== 1) return undefined;
  return `body matches no oneOf branch; the ${JSON.stringify(body?.status)} branch says:\n  ${describeErrors(candidates[0]!.errors)}`;
}

/** Problems with a reply under a given set of deviations; empty when it conforms. */
function problems(names: string[], method: string, path: string, reply: Reply): string[] {
  const c = checker(names);
  const found = findOperation(c.spec, method, path);
  if (!found) return [`the spec has no ${method} ${path}`];
  const at = responsePointer(c.spec, found.key, method, reply.status);
  if (at === undefined) return [`the spec has no ${reply.status} answer for ${method} ${path}`];
  const response = deref(c.spec, `#${at}`);
  const out: string[] = [];
  const schema = response.content?.['application/json']?.schema;
  if (schema === undefined) {
    if (response.content !== undefined) out.push(`the spec's ${reply.status} answer is not JSON (${Object.keys(response.content).join(', ')})`);
  } else {
    const ref = `spec#${at.split('/').map(encodeURIComponent).join('/')}/content/application~1json/schema`;
    const validate = compiled(c, ref);
    if (!validate(reply.body)) out.push(explain(c, ref, schema, reply.body) ?? describeErrors(validate.errors));
  }
  if (reply.status >= 200 && reply.status < 300) {
    const declared = Object.keys(response.headers ?? {}).map((h) => h.toLowerCase());
    const allowed = [...declared, ...names.flatMap((n) => deviations[n]?.headers ?? [])];
    for (const h of SESSION_TOKEN_HEADERS) {
      if (reply.headers.has(h) && !allowed.includes(h)) out.push(`header ${h} is not declared by the spec for ${reply.status}`);
    }
  }
  return out;
}

/**
 * Validates a reply against the spec's answer for `METHOD /path` at its HTTP status. Returns a list
 * of problems (empty = conforms). With deviations named, the reply must conform with them and must
 * not conform without them.
 */
export function checkAgainstSpec(method: string, path: string, reply: Reply, named: string[] = []): string[] {
  const out = problems(named, method, path, reply);
  if (named.length > 0 && out.length === 0) {
    for (const name of named) {
      if (problems(named.filter((n) => n !== name), method, path, reply).length === 0) out.push(`deviation "${name}" is not needed for this reply`);
    }
  }
  return out;
}
