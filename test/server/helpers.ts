import { TOTP, Secret } from 'otpauth';
import { createBackend, openDb, type Backend, type BackendConfig, type DatabaseOption } from '../../src/server/index.ts';

export const API = 'http://api.test';
export const WEBSITE = 'http://app.test';

/** A backend on in-memory PGlite (or DATABASE_URL when the storage suite runs on PostgreSQL). */
export async function startBackend(overrides: Partial<BackendConfig> = {}): Promise<Backend> {
  return createBackend({
    appInfo: { appName: 'Demo App', apiDomain: API, websiteDomain: WEBSITE },
    passwordless: { contactMethod: 'EMAIL_OR_PHONE', flowType: 'USER_INPUT_CODE' },
    totp: {},
    // Cheap hashing keeps the suite fast on 2 cores; the real parameters are tested in password.test.ts.
    passwordHashing: { memorySize: 256, iterations: 1 },
    database: await testDatabase(),
    ...overrides,
  });
}

/**
 * A fresh database for one backend: in-memory PGlite, or — when TEST_DATABASE_URL is set (the
 * PostgreSQL run of `.ci/run`) — a new schema on that server, so tests never see each other's rows.
 */
export async function testDatabase(): Promise<DatabaseOption> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return { kind: 'memory' };
  const schema = `t_${crypto.randomUUID().replace(/-/g, '')}`;
  const admin = await openDb({ kind: 'postgres', url, max: 1 });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  await admin.close();
  const withSchema = new URL(url);
  withSchema.searchParams.set('options', `-c search_path=${schema}`);
  return { kind: 'postgres', url: withSchema.toString(), max: 4 };
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A client that behaves like the SuperTokens website SDK: it keeps the tokens each response carries
 * (headers in header mode, a cookie jar in cookie mode) and sends them back.
 */
export class TestClient {
  accessToken: string | undefined;
  refreshToken: string | undefined;
  frontToken: string | undefined;
  antiCsrf: string | undefined;
  readonly cookies = new Map<string, string>();

  constructor(
    readonly backend: Backend,
    readonly mode: 'header' | 'cookie' = 'header',
    readonly tenantId?: string,
  ) {}

  /** The decoded front-token: `{uid, ate, up}`. */
  get front(): { uid: string; ate: number; up: Record<string, any> } | undefined {
    if (this.frontToken === undefined) return undefined;
    return JSON.parse(Buffer.from(this.frontToken, 'base64').toString('utf8'));
  }

  get mfa(): { c: Record<string, number>; v: boolean } | undefined {
    return this.front?.up['st-mfa'];
  }

  async request<T = any>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { rid: 'anti-csrf', 'fdi-version': '3.1,4.0', 'st-auth-mode': this.mode, ...extraHeaders };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const isRefresh = path.endsWith('/session/refresh');
    if (this.mode === 'header') {
      const token = isRefresh ? this.refreshToken : this.accessToken;
      if (token && !('authorization' in extraHeaders)) headers.authorization = `Bearer ${token}`;
    } else {
      const jar = [...this.cookies].filter(([name]) => (isRefresh ? name === 'sRefreshToken' : name === 'sAccessToken'));
      if (jar.length > 0) headers.cookie = jar.map(([k, v]) => `${k}=${v}`).join('; ');
      if (this.antiCsrf) headers['anti-csrf'] = this.antiCsrf;
    }
    const prefix = this.tenantId && !['/mfa/', '/totp/', '/session/', '/signout'].some((p) => path.startsWith(p)) ? `/${this.tenantId}` : '';
    const response = await this.send(
      new Request(`${API}/auth${prefix}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) }),
    );
    this.save(response.headers);
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  }

  /** Delivers a request: in process by default; test/security's client sends it over real HTTP. */
  protected send(request: Request): Promise<Response> {
    return this.backend.fetch(request);
  }

  private save(h: Headers) {
    const front = h.get('front-token');
    if (front === 'remove') {
      this.frontToken = this.accessToken = this.refreshToken = undefined;
    } else if (front) this.frontToken = front;
    const at = h.get('st-access-token');
    if (at !== null) this.accessToken = at || undefined;
    const rt = h.get('st-refresh-token');
    if (rt !== null) this.refreshToken = rt || undefined;
    const csrf = h.get('anti-csrf');
    if (csrf !== null) this.antiCsrf = csrf === 'remove' ? undefined : csrf;
    for (const cookie of h.getSetCookie()) {
      const [pair, ...attrs] = cookie.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      // Only the clearing date (the epoch) counts: the backend may run on a test clock far from ours.
      const expired = attrs.some((a) => a.trim().toLowerCase().startsWith('expires=') && new Date(a.trim().slice(8)).getTime() <= 0);
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  signUp(email: string, password = 'password123', linking = false) {
    return this.request('POST', '/signup', { formFields: [{ id: 'email', value: email }, { id: 'password', value: password }], shouldTryLinkingWithSessionUser: linking });
  }

  signIn(email: string, password = 'password123', linking = false) {
    return this.request('POST', '/signin', { formFields: [{ id: 'email', value: email }, { id: 'password', value: password }], shouldTryLinkingWithSessionUser: linking });
  }

  mfaInfo() {
    return this.request('PUT', '/mfa/info');
  }
}

/** The current code of a TOTP secret, at a given time. */
export function totpCode(secret: string, timestamp = Date.now(), period = 30): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period }).generate({ timestamp });
}

/** The latest code the outbox holds for a recipient. */
export async function latestCode(backend: Backend, to: string): Promise<string> {
  const [message] = await backend.outbox.list({ to, limit: 1 });
  if (!message?.userInputCode) throw new Error(`No code sent to ${to}`);
  return message.userInputCode;
}

/** An adjustable clock for expiry and lockout tests. */
export function testClock(start = Date.UTC(2026, 0, 1, 12, 0, 0)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms), set: (ms: number) => void (t = ms) };
}
