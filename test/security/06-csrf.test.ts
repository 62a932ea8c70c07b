import { describe, expect, it } from 'vitest';
import { testClock } from '../server/helpers.ts';
import { freshEmail, servedBackend, type HttpClient } from './helpers.ts';

/**
 * Finding 6: in the default same-site cookie mode (anti-CSRF `NONE`), a `text/plain` POST carrying the
 * cookies from another origin (another localhost port, a sibling subdomain: both same-site) turned
 * factors on and signed the user out. Now a cookie-authenticated state change must be a non-simple
 * request (a custom header such as `rid`), and an `Origin` header, when present, must be allowed.
 */

const clock = testClock(Date.now());
// As the demo and most apps run: website and API on one site (two localhost ports), so the cookies
// are SameSite=Lax and the anti-CSRF mode defaults to NONE, as in supertokens-node.
const WEBSITE = 'http://localhost:3000';
const env = servedBackend(() => ({ now: clock.now, appInfo: { appName: 'CSRF', apiDomain: 'http://localhost:3001', websiteDomain: WEBSITE } }));
const FOREIGN = 'http://localhost:9999';

/** What a foreign page can send without a preflight: a form-like POST with the browser's cookies. */
async function simplePost(c: HttpClient, path: string, body: unknown, headers: Record<string, string> = {}) {
  const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const response = await fetch(`${env.url}/auth${path}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', cookie, origin: FOREIGN, ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => undefined), headers: response.headers };
}

async function signedIn() {
  const c = env.client('cookie');
  expect((await c.signUp(freshEmail('csrf'))).body.status).toBe('OK');
  expect(c.cookies.has('sAccessToken')).toBe(true);
  return c;
}

const required = (c: HttpClient) => env.backend.mfa.getRequiredSecondaryFactorsForUser(c.front!.uid);

describe('finding 6: CSRF in same-site cookie mode', () => {
  it('a cross-origin simple POST cannot turn a factor on', async () => {
    const c = await signedIn();
    const r = await simplePost(c, '/fk/mfa/settings/required-factors/add', { factorId: 'otp-email' });
    expect([401, 403]).toContain(r.status);
    expect(await required(c)).toEqual([]);
  });

  it('a cross-origin simple POST cannot sign the user out, and clears no cookie', async () => {
    const c = await signedIn();
    const r = await simplePost(c, '/signout', {});
    expect([401, 403]).toContain(r.status);
    expect(r.headers.getSetCookie()).toEqual([]);
    expect((await c.request('GET', '/fk/mfa/settings')).status).toBe(200);
  });

  it('a simple POST to refresh (no custom header) clears no cookie, from another origin or with none', async () => {
    const c = await signedIn();
    const cookie = [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const r = await fetch(`${env.url}/auth/session/refresh`, { method: 'POST', headers: { 'content-type': 'text/plain', cookie, origin: FOREIGN } });
    expect([401, 403]).toContain(r.status);
    expect(r.headers.getSetCookie()).toEqual([]);
    expect(r.headers.get('front-token')).toBeNull();
    // Without an Origin header (some browsers omit it on same-site requests): still no custom header, still refused.
    const bare = await fetch(`${env.url}/auth/session/refresh`, { method: 'POST', headers: { 'content-type': 'text/plain', cookie } });
    expect(bare.status).toBe(401);
    expect(bare.headers.getSetCookie()).toEqual([]);
    expect((await c.request('GET', '/fk/mfa/settings')).status).toBe(200);
  });

  it('a request with the custom header but a foreign Origin is refused', async () => {
    const c = await signedIn();
    const r = await simplePost(c, '/fk/mfa/settings/required-factors/add', { factorId: 'otp-email' }, { rid: 'fk', 'content-type': 'application/json' });
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ message: expect.stringMatching(/origin/i) });
    expect(await required(c)).toEqual([]);
  });

  it('the app’s own requests (custom header, its Origin or none) go through', async () => {
    const c = await signedIn();
    const r = await c.request('POST', '/fk/mfa/settings/required-factors/add', { factorId: 'otp-email' }, { origin: WEBSITE });
    expect(r.status).toBe(200);
    expect(await required(c)).toEqual(['otp-email']);
  });

  it('any POST from a foreign Origin is refused before it does anything, sign-in included', async () => {
    const r = await fetch(`${env.url}/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: FOREIGN },
      body: JSON.stringify({ formFields: [{ id: 'email', value: 'x@example.com' }, { id: 'password', value: 'password123' }] }),
    });
    expect(r.status).toBe(403);
    expect(r.headers.getSetCookie()).toEqual([]);
  });
});
