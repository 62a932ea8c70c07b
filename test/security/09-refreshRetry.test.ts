import { describe, expect, it } from 'vitest';
import { testClock } from '../server/helpers.ts';
import { freshEmail, servedBackend, type HttpClient } from './helpers.ts';

/**
 * Finding 9: two refreshes with the same token (a retry after a lost answer, two tabs) answered 200
 * and `401 token theft detected`, and the winner's new token died too: the user was signed out.
 * As in supertokens-core, the parent refresh token stays usable until its successor is used; reuse
 * after that is still theft.
 */

const clock = testClock(Date.now());
const env = servedBackend(() => ({ now: clock.now }));

/** Refreshes with an explicit refresh token (header mode) and returns the answer and the new token. */
async function refreshWith(c: HttpClient, token: string) {
  const r = await c.request('POST', '/session/refresh', undefined, { authorization: `Bearer ${token}`, rid: 'session' });
  return { status: r.status, body: r.body, token: r.headers.get('st-refresh-token') ?? undefined };
}

async function signedIn() {
  const c = env.client();
  expect((await c.signUp(freshEmail('refresh'))).body.status).toBe('OK');
  return c;
}

describe('finding 9: a retried or parallel refresh', () => {
  it('the same token twice (the first answer was lost): both answers are good, and the session lives on', async () => {
    const c = await signedIn();
    const parent = c.refreshToken!;
    const lost = await refreshWith(c, parent);
    expect(lost.status).toBe(200);
    const retried = await refreshWith(c, parent);
    expect(retried.status).toBe(200);
    expect(retried.token).toBeTruthy();
    const next = await refreshWith(c, retried.token!);
    expect(next.status).toBe(200);
    expect((await c.request('PUT', '/mfa/info')).status).toBe(200);
  });

  it('two tabs refreshing at once with the same token both succeed', async () => {
    const c = await signedIn();
    const parent = c.refreshToken!;
    const [a, b] = await Promise.all([refreshWith(c, parent), refreshWith(c, parent)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await refreshWith(c, b.token!)).status).toBe(200);
  });

  it('reusing the parent after its successor was used is theft: the session ends', async () => {
    const c = await signedIn();
    const parent = c.refreshToken!;
    const child = await refreshWith(c, parent);
    expect((await refreshWith(c, child.token!)).status).toBe(200);
    const reuse = await refreshWith(c, parent);
    expect(reuse.status).toBe(401);
    expect(reuse.body).toEqual({ message: 'token theft detected' });
    expect((await c.request('PUT', '/mfa/info')).status).toBe(401);
  });

  it('a sibling issued by a retry dies once the other one is used, and using it then is theft', async () => {
    const c = await signedIn();
    const parent = c.refreshToken!;
    const first = await refreshWith(c, parent);
    const second = await refreshWith(c, parent);
    expect((await refreshWith(c, second.token!)).status).toBe(200);
    const stale = await refreshWith(c, first.token!);
    expect(stale.status).toBe(401);
    expect(stale.body).toEqual({ message: 'token theft detected' });
  });
});
