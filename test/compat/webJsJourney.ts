/**
 * One user's journey through the real SuperTokens frontend SDK (supertokens-web-js 0.16, on
 * supertokens-website 20) against the reference backend served over HTTP on a loopback port. The SDK
 * runs in jsdom (origin http://localhost:3000) and talks to the backend through its own fetch
 * interceptor; only the SDK's public API is used. Each test file calls `describeWebJsJourney` once,
 * because the SDK keeps module-level state (one SuperTokens.init per process) and the steps run in order.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { init as initSuperTokens } from 'supertokens-web-js';
import * as Session from 'supertokens-web-js/recipe/session';
import * as EmailPassword from 'supertokens-web-js/recipe/emailpassword';
import * as TOTP from 'supertokens-web-js/recipe/totp';
import * as MultiFactorAuth from 'supertokens-web-js/recipe/multifactorauth';
import { serve, type RunningServer } from '../../src/server/serve.ts';
import type { Backend } from '../../src/server/index.ts';
import { startBackend, totpCode } from '../server/helpers.ts';

/**
 * Runs the journey with the SDK in `header` or `cookie` token-transfer mode. The page and the API are
 * cross-origin (and cross-site); under the SDK's interceptor, fetch goes through `browserFetch`, which
 * adds what a browser would do and Node's fetch does not: cookies and CORS.
 */
export function describeWebJsJourney(mode: 'header' | 'cookie') {
  /** The backend's clock: real time plus an offset we move forward, so TOTP steps and token expiry can be reached. */
  let offsetMs = 0;
  const clock = () => Date.now() + offsetMs;

  /** The policy the backend applies; `null` means its default (the user's and tenant's required factors). */
  let requireFactors: string[] | null = null;

  let backend: Backend;
  let server: RunningServer;

  /** What went over the wire: each request's method, path, selected headers, and the answer's status. */
  interface Exchange {
    method: string;
    path: string;
    headers: { rid: string | null; fdiVersion: string | null; authMode: string | null; authorization: string | null; cookie: string | null; antiCsrf: string | null };
    status: number;
    responseHeaders: Headers;
  }
  const wire: Exchange[] = [];
  /** CORS preflights seen (kept out of `wire`). */
  let preflights = 0;
  const since = (mark: number) => wire.slice(mark);

  /** The token a request carried: the bearer in header mode (access, or refresh on /session/refresh), the named cookie in cookie mode. */
  const sentToken = (x: Exchange, name: 'sAccessToken' | 'sRefreshToken' = 'sAccessToken') =>
    mode === 'header' ? x.headers.authorization?.replace(/^Bearer /, '') : cookieValue(x.headers.cookie, name);

  /** The access token the browser holds now: in the SDK's storage (header mode) or in the cookie jar. */
  const heldToken = async () =>
    mode === 'header' ? Session.getAccessToken() : cookieValue(jar().getCookieStringSync(`${server.url}/auth/mfa/info`), 'sAccessToken');

  /** The session events the SDK fired (`Session.init({ onHandleEvent })`). */
  const events: string[] = [];
  /** What the SDK wrote to the console as warnings or errors. */
  const complaints: unknown[][] = [];

  /** An app API behind the backend's session verification, with the global claim validators (MFA included). */
  const appApi = (request: Request) => backend.withSession(request, async (session) => ({ userId: session.getUserId() }));
  const callAppApi = () => fetch(`${server.url}/app/secret`, { credentials: 'include' });

  async function handle(request: Request): Promise<Response> {
    const h = request.headers;
    const headers = { rid: h.get('rid'), fdiVersion: h.get('fdi-version'), authMode: h.get('st-auth-mode'), authorization: h.get('authorization'), cookie: h.get('cookie'), antiCsrf: h.get('anti-csrf') };
    const path = new URL(request.url).pathname;
    if (request.method === 'OPTIONS') {
      preflights += 1;
      return backend.fetch(request);
    }
    const response = await (path === '/app/secret' ? appApi(request) : backend.fetch(request));
    wire.push({ method: request.method, path, headers, status: response.status, responseHeaders: response.headers });
    return response;
  }

  const email = 'webjs@example.com';
  const password = 'correct-horse-1';
  let deviceName = '';
  let secret = '';

  type MfaPayload = { c: Record<string, number>; v: boolean };
  async function mfaPayload(): Promise<MfaPayload> {
    const payload = (await Session.getAccessTokenPayloadSecurely()) as Record<string, unknown>;
    return payload['st-mfa'] as MfaPayload;
  }

  beforeAll(async () => {
    // Listen first (the backend is reached through a delegate) so appInfo.apiDomain can carry the real port.
    server = await serve({ fetch: handle } as Backend);
    backend = await startBackend({
      appInfo: { appName: 'Demo App', apiDomain: server.url, websiteDomain: window.location.origin, apiBasePath: '/auth' },
      // Cookie mode is cross-site here (localhost vs 127.0.0.1): use anti-CSRF tokens, the strictest mode.
      session: { accessTokenValiditySeconds: 60, ...(mode === 'cookie' ? { antiCsrf: 'VIA_TOKEN' as const } : {}) },
      now: clock,
      mfa: {
        override: {
          functions: (original) => ({
            ...original,
            getMFARequirementsForAuth: (input) => (requireFactors === null ? original.getMFARequirementsForAuth(input) : requireFactors),
          }),
        },
      },
    });

    window.fetch = browserFetch(window.fetch);
    for (const level of ['warn', 'error'] as const) vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void complaints.push(args));
    initSuperTokens({
      appInfo: { appName: 'Demo App', apiDomain: server.url, apiBasePath: '/auth' },
      recipeList: [Session.init({ tokenTransferMethod: mode, onHandleEvent: (event) => void events.push(event.action) }), EmailPassword.init(), TOTP.init(), MultiFactorAuth.init()],
    });
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await server?.close();
    await backend?.close();
  });

  describe(`supertokens-web-js 0.16 against the reference backend (${mode} mode)`, () => {
    it('signs up with EmailPassword.signUp and holds a session with st-mfa in its payload', async () => {
      expect(window.location.origin).toBe('http://localhost:3000');
      expect(await Session.doesSessionExist()).toBe(false);

      const mark = wire.length;
      const result = await EmailPassword.signUp({
        formFields: [
          { id: 'email', value: email },
          { id: 'password', value: password },
        ],
      });
      expect(result.status).toBe('OK');
      if (result.status !== 'OK') return;
      expect(result.user.emails).toEqual([email]);

      expect(await Session.doesSessionExist()).toBe(true);
      expect(await Session.getUserId()).toBe(result.user.id);
      const mfa = await mfaPayload();
      expect(Object.keys(mfa.c)).toEqual(['emailpassword']);
      expect(mfa.v).toBe(true);
      // The SDK asked for its transfer mode with its FDI versions, and the tokens came back that way.
      const [signUp] = since(mark).filter((x) => x.path === '/auth/signup');
      expect(signUp).toMatchObject({ method: 'POST', status: 200, headers: { rid: 'emailpassword', authMode: mode, authorization: null, cookie: null } });
      expect(signUp!.headers.fdiVersion?.split(',')).toContain('4.0');
      const sent = signUp!.responseHeaders;
      const accessToken = mode === 'header' ? sent.get('st-access-token') : cookieValue(setCookies(sent), 'sAccessToken');
      expect(accessToken).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(mode === 'header' ? sent.get('st-refresh-token') : cookieValue(setCookies(sent), 'sRefreshToken')).toBeTruthy();
      expect(await heldToken()).toBe(accessToken);
      if (mode === 'cookie') {
        // The tokens are HttpOnly: the page sees neither them nor them through the SDK.
        expect(document.cookie).not.toContain('sAccessToken');
        expect(await Session.getAccessToken()).toBeUndefined();
        expect(sent.get('anti-csrf')).toBeTruthy();
      }
    });

    it('reads the factors with MultiFactorAuth.resyncSessionAndFetchMFAInfo', async () => {
      const mark = wire.length;
      const accessToken = await heldToken();
      const info = await MultiFactorAuth.resyncSessionAndFetchMFAInfo();
      expect(info.status).toBe('OK');
      expect(since(mark).map((x) => `${x.method} ${x.path} ${x.status}`)).toEqual(['PUT /auth/mfa/info 200']);
      expect(sentToken(since(mark)[0]!)).toBe(accessToken);
      if (mode === 'cookie') {
        // The SDK echoes the anti-CSRF token; the refresh token cookie stays on its own path.
        expect(since(mark)[0]!.headers.antiCsrf).toBe(wire.find((x) => x.path === '/auth/signup')!.responseHeaders.get('anti-csrf'));
        expect(since(mark)[0]!.headers.cookie).not.toContain('sRefreshToken');
      }
      expect(info.factors.next).toEqual([]);
      expect(info.factors.alreadySetup).toEqual(['emailpassword']);
      expect(info.factors.allowedToSetup).toContain('totp');
      expect(info.emails.emailpassword).toEqual([email]);
    });

    it('creates and verifies a TOTP device (TOTP.createDevice, TOTP.verifyDevice); st-mfa.c.totp is set', async () => {
      const created = await TOTP.createDevice();
      expect(created.status).toBe('OK');
      if (created.status !== 'OK') return;
      ({ deviceName, secret } = created);
      expect(created.qrCodeString).toContain(`secret=${secret}`);

      const listed = await TOTP.listDevices();
      expect(listed.devices).toEqual([expect.objectContaining({ name: deviceName, verified: false })]);

      const verified = await TOTP.verifyDevice({ deviceName, totp: totpCode(secret, clock()) });
      expect(verified).toMatchObject({ status: 'OK', wasAlreadyVerified: false });
      const mfa = await mfaPayload();
      expect(typeof mfa.c.totp).toBe('number');
      expect(mfa.v).toBe(true);
      expect((await TOTP.listDevices()).devices).toEqual([expect.objectContaining({ name: deviceName, verified: true })]);
    });

    it('signs out with Session.signOut', async () => {
      await Session.signOut();
      expect(await Session.doesSessionExist()).toBe(false);
    });

    it('signs in with EmailPassword.signIn under a policy requiring totp: v is false and next is [totp]', async () => {
      requireFactors = ['totp'];
      const result = await EmailPassword.signIn({
        formFields: [
          { id: 'email', value: email },
          { id: 'password', value: password },
        ],
      });
      expect(result.status).toBe('OK');
      expect(await Session.doesSessionExist()).toBe(true);
      expect(await mfaPayload()).toMatchObject({ v: false });

      const info = await MultiFactorAuth.resyncSessionAndFetchMFAInfo();
      expect(info.factors.next).toEqual(['totp']);
      expect(info.factors.alreadySetup).toEqual(expect.arrayContaining(['emailpassword', 'totp']));
    });

    it('reports the MFA claim as failing through Session.validateClaims while totp is pending', async () => {
      const failures = await Session.validateClaims({
        overrideGlobalClaimValidators: () => [MultiFactorAuth.MultiFactorAuthClaim.validators.hasCompletedMFARequirementsForAuth()],
      });
      expect(failures).toHaveLength(1);
      expect(failures[0]!.id).toBe('st-mfa');
    });

    it('sees the 403 of an app API guarded by the MFA claim (Session.getInvalidClaimsFromResponse, API_INVALID_CLAIM)', async () => {
      const eventMark = events.length;
      const response = await callAppApi();
      expect(response.status).toBe(403);
      const invalid = await Session.getInvalidClaimsFromResponse({ response });
      expect(invalid).toEqual([expect.objectContaining({ id: 'st-mfa' })]);
      expect(events.slice(eventMark)).toContain('API_INVALID_CLAIM');
      expect(await Session.doesSessionExist()).toBe(true);
    });

    it('answers a wrong code with INVALID_TOTP_ERROR and the attempt counts (TOTP.verifyCode)', async () => {
      const good = totpCode(secret, clock());
      const wrong = good === '000000' ? '111111' : '000000';
      const result = await TOTP.verifyCode({ totp: wrong });
      expect(result).toMatchObject({ status: 'INVALID_TOTP_ERROR', currentNumberOfFailedAttempts: 1, maxNumberOfFailedAttempts: 5 });
      expect(await mfaPayload()).toMatchObject({ v: false });
    });

    it('completes the second factor with a fresh code (TOTP.verifyCode): st-mfa.v becomes true', async () => {
      // The code used at setup may not be replayed: move the backend one time step on (and stay
      // within the access token's 60 s, so no refresh happens here).
      offsetMs += 30_000;
      const mark = wire.length;
      const result = await TOTP.verifyCode({ totp: totpCode(secret, clock()) });
      expect(result.status).toBe('OK');
      expect(since(mark).map((x) => `${x.method} ${x.path} ${x.status}`)).toEqual(['POST /auth/totp/verify 200']);
      const mfa = await mfaPayload();
      expect(mfa.v).toBe(true);
      expect(typeof mfa.c.totp).toBe('number');

      const info = await MultiFactorAuth.resyncSessionAndFetchMFAInfo();
      expect(info.factors.next).toEqual([]);
    });

    it('validates the MFA claim through Session.validateClaims once totp is done', async () => {
      expect(
        await Session.validateClaims({
          overrideGlobalClaimValidators: () => [MultiFactorAuth.MultiFactorAuthClaim.validators.hasCompletedMFARequirementsForAuth()],
        }),
      ).toEqual([]);
      expect(
        await Session.validateClaims({
          overrideGlobalClaimValidators: () => [MultiFactorAuth.MultiFactorAuthClaim.validators.hasCompletedFactors(['emailpassword', 'totp'])],
        }),
      ).toEqual([]);
      // The global validators (the MFA recipe adds its own) agree, and so does the app API.
      expect(await Session.validateClaims()).toEqual([]);
      const response = await callAppApi();
      expect(response.status).toBe(200);
      expect((await response.json()).userId).toBe(await Session.getUserId());
    });

    it('refreshes with Session.attemptRefreshingSession and uses the rotated tokens', async () => {
      const before = await heldToken();
      const mark = wire.length;
      expect(await Session.attemptRefreshingSession()).toBe(true);
      expect(since(mark).map((x) => `${x.method} ${x.path} ${x.status}`)).toEqual(['POST /auth/session/refresh 200']);
      // The refresh call carries the refresh token (in header mode instead of the access token; a
      // browser also sends the sAccessToken cookie, whose path is /).
      expect(sentToken(since(mark)[0]!, 'sRefreshToken')).toBeTruthy();
      if (mode === 'header') expect(sentToken(since(mark)[0]!)).not.toBe(before);
      const after = await heldToken();
      expect(after).toBeDefined();
      expect(after).not.toBe(before);
      expect(await mfaPayload()).toMatchObject({ v: true });
      expect((await MultiFactorAuth.resyncSessionAndFetchMFAInfo()).status).toBe('OK');
    });

    it('refreshes on its own when the access token has expired (401 try refresh token, then retry)', async () => {
      const before = await heldToken();
      offsetMs += 61_000; // past accessTokenValiditySeconds on the backend's clock
      const mark = wire.length;
      const info = await MultiFactorAuth.resyncSessionAndFetchMFAInfo();
      expect(since(mark).map((x) => `${x.method} ${x.path} ${x.status}`)).toEqual(['PUT /auth/mfa/info 401', 'POST /auth/session/refresh 200', 'PUT /auth/mfa/info 200']);
      expect(info.status).toBe('OK');
      expect(info.factors.next).toEqual([]);
      expect(await heldToken()).not.toBe(before);
      expect(sentToken(since(mark)[2]!)).toBe(await heldToken());
      expect(await Session.doesSessionExist()).toBe(true);
    });

    it("carries the backend's step-up guard (our FDI extension) as a standard invalid-claim 403 to TOTP.removeDevice", async () => {
      // Past the 300 s step-up window since totp was completed: removing the last device is refused.
      offsetMs += 301_000;
      const eventMark = events.length;
      const refused: unknown = await TOTP.removeDevice({ deviceName }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(Response);
      const response = refused as Response;
      expect(response.status).toBe(403);
      expect(await Session.getInvalidClaimsFromResponse({ response })).toEqual([expect.objectContaining({ id: 'fk-step-up' })]);
      expect(events.slice(eventMark)).toContain('API_INVALID_CLAIM');
      expect((await TOTP.listDevices()).devices).toHaveLength(1);

      // Stepping up with a fresh code (TOTP.verifyCode) lets it through.
      expect((await TOTP.verifyCode({ totp: totpCode(secret, clock()) })).status).toBe('OK');
      expect(await TOTP.removeDevice({ deviceName })).toMatchObject({ status: 'OK', didDeviceExist: true });
      expect((await TOTP.listDevices()).devices).toEqual([]);
    });

    it('signs out again and the session is gone', async () => {
      const mark = wire.length;
      await Session.signOut();
      expect(since(mark).map((x) => `${x.method} ${x.path} ${x.status}`)).toEqual(['POST /auth/signout 200']);
      expect(since(mark)[0]!.responseHeaders.get('front-token')).toBe('remove');
      expect(await Session.doesSessionExist()).toBe(false);
      expect(await heldToken()).toBeUndefined();
    });

    it('fired the session events in order and wrote no warnings or errors', () => {
      expect(events.filter((e) => e !== 'ACCESS_TOKEN_PAYLOAD_UPDATED')).toEqual([
        'SESSION_CREATED', // sign-up
        'SIGN_OUT',
        'SESSION_CREATED', // sign-in
        'API_INVALID_CLAIM',
        'REFRESH_SESSION', // attemptRefreshingSession
        'REFRESH_SESSION', // after the 401
        'REFRESH_SESSION', // removeDevice after the step-up window (the access token expired too)
        'API_INVALID_CLAIM', // fk-step-up
        'SIGN_OUT',
      ]);
      expect(events).toContain('ACCESS_TOKEN_PAYLOAD_UPDATED'); // totp completion changes st-mfa
      expect(complaints).toEqual([]);
      // Every call went through a browser-like CORS check (the SDK's rid/fdi-version headers force preflights).
      expect(preflights).toBeGreaterThanOrEqual(wire.length);
    });
  });
}

/** Reads one cookie from a `Cookie` header or a list of `Set-Cookie` values. */
function cookieValue(cookies: string | string[] | null | undefined, name: string): string | undefined {
  const pairs = typeof cookies === 'string' ? cookies.split(';') : (cookies ?? []).map((c) => c.split(';')[0]!);
  for (const pair of pairs) {
    const [key, ...value] = pair.trim().split('=');
    if (key === name && value.join('=') !== '') return value.join('=');
  }
  return undefined;
}

const setCookies = (headers: Headers) => headers.getSetCookie();

/** The part of jsdom's (tough-cookie) jar used here; tough-cookie is only a transitive dependency. */
interface CookieJar {
  getCookieStringSync(url: string): string;
  setCookieSync(cookie: string, url: string, options: { ignoreError: boolean }): unknown;
}

/** jsdom's cookie jar: `document.cookie` of the page and, through `browserFetch`, the API's cookies. */
function jar(): CookieJar {
  return (globalThis as unknown as { jsdom: { cookieJar: CookieJar } }).jsdom.cookieJar;
}

/** Response headers a page may always read (Fetch standard, CORS-safelisted response-header names). */
const SAFELISTED_RESPONSE_HEADERS = ['cache-control', 'content-language', 'content-length', 'content-type', 'expires', 'last-modified', 'pragma'];
/** Request headers that need no preflight (the SDK's own are never among them). */
const SAFELISTED_REQUEST_HEADERS = ['accept', 'accept-language', 'content-language', 'content-type'];
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

const corsFailure = (why: string) => new TypeError(`Failed to fetch (CORS: ${why})`);
const listHeader = (value: string | null) => (value ?? '').split(',').map((v) => v.trim().toLowerCase()).filter(Boolean);

/**
 * What a browser does around a cross-origin `fetch` from the page that jsdom cannot (Node's fetch
 * does neither cookies nor CORS), so the SDK sees what it would see in a browser:
 * - cookies as for `credentials: 'include'`: sends the jar's cookies for the URL and stores each
 *   Set-Cookie, HttpOnly ones included (which the page's `document.cookie` then cannot see);
 * - CORS: sends `Origin`, preflights non-simple requests and fails like a browser when the preflight
 *   or the answer does not allow the origin with credentials, the method or a header; the page then
 *   reads only safelisted and `Access-Control-Expose-Headers` response headers.
 */
/** fetch as a browser page would do it cross-origin (cookies, CORS), for the SDK running in jsdom. */
export function browserFetch(nodeFetch: typeof fetch): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const origin = window.location.origin;
    if (new URL(request.url).origin === origin) return nodeFetch(request);
    const withCredentials = request.credentials === 'include';

    const custom = [...request.headers.keys()]
      .filter((name) => !SAFELISTED_REQUEST_HEADERS.includes(name) || (name === 'content-type' && !SIMPLE_CONTENT_TYPES.includes(request.headers.get(name)!.split(';')[0]!.trim())))
      .sort();
    if (custom.length > 0 || !['GET', 'HEAD', 'POST'].includes(request.method)) {
      const preflight = await nodeFetch(request.url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': request.method, ...(custom.length > 0 && { 'access-control-request-headers': custom.join(',') }) },
      });
      const ph = preflight.headers;
      if (!preflight.ok) throw corsFailure(`preflight answered ${preflight.status}`);
      if (ph.get('access-control-allow-origin') !== origin) throw corsFailure(`preflight allows origin ${ph.get('access-control-allow-origin')}`);
      if (withCredentials && ph.get('access-control-allow-credentials') !== 'true') throw corsFailure('preflight does not allow credentials');
      const methods = listHeader(ph.get('access-control-allow-methods'));
      if (!['get', 'head', 'post'].includes(request.method.toLowerCase()) && !methods.includes(request.method.toLowerCase())) throw corsFailure(`method ${request.method} not allowed`);
      const allowed = listHeader(ph.get('access-control-allow-headers'));
      const missing = custom.filter((name) => !allowed.includes(name));
      if (missing.length > 0) throw corsFailure(`request headers not allowed: ${missing.join(', ')}`);
    }

    request.headers.set('origin', origin);
    if (withCredentials) {
      const cookie = jar().getCookieStringSync(request.url);
      if (cookie) request.headers.set('cookie', cookie);
    }
    const response = await nodeFetch(request);
    const rh = response.headers;
    if (rh.get('access-control-allow-origin') !== origin) throw corsFailure(`${request.method} ${request.url} allows origin ${rh.get('access-control-allow-origin')}`);
    if (withCredentials && rh.get('access-control-allow-credentials') !== 'true') throw corsFailure(`${request.method} ${request.url} does not allow credentials`);
    if (withCredentials) for (const setCookie of rh.getSetCookie()) jar().setCookieSync(setCookie, request.url, { ignoreError: true });

    const readable = [...SAFELISTED_RESPONSE_HEADERS, ...listHeader(rh.get('access-control-expose-headers'))];
    const visible = new Headers();
    rh.forEach((value, name) => {
      if (readable.includes(name)) visible.set(name, value);
    });
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers: visible });
  };
}
