import { describe, expect, it } from 'vitest';
import { latestCode, testClock } from '../server/helpers.ts';
import { freshEmail, servedBackend } from './helpers.ts';

/**
 * Finding 10: a tenant-B session worked on `/auth/tenant-a/…` paths and could link a tenant-A login
 * method without tenant A's required factor. Now a session acts only on its own tenant's paths
 * (tenant-less paths act on the session's tenant).
 */

const clock = testClock(Date.now());
const env = servedBackend(() => ({
  now: clock.now,
  tenants: [
    { tenantId: 'tenant-a', requiredSecondaryFactors: ['otp-email'] },
    { tenantId: 'tenant-b', requiredSecondaryFactors: [] },
  ],
}));

describe('finding 10: sessions bound to their tenant', () => {
  it('a tenant-B session is refused on tenant A’s paths', async () => {
    const email = freshEmail('tenant-b');
    const b = env.client('header', { tenantId: 'tenant-b' });
    expect((await b.signUp(email)).body.status).toBe('OK');
    expect(b.mfa?.v).toBe(true);

    const onA = env.client('header', { tenantId: 'tenant-a' });
    Object.assign(onA, { accessToken: b.accessToken, refreshToken: b.refreshToken, frontToken: b.frontToken });
    const code = await onA.request('POST', '/signinup/code', { email, shouldTryLinkingWithSessionUser: true });
    expect(code.status).toBe(403);
    expect(code.body).toEqual({ message: expect.stringMatching(/tenant/i) });
    expect(await env.backend.outbox.list({ to: email })).toEqual([]);

    const linked = await onA.signUp(freshEmail('tenant-a-login'), 'password123', true);
    expect(linked.status).toBe(403);
    const user = await env.backend.users.getUser(b.front!.uid);
    expect(user?.loginMethods.map((m) => m.tenantIds)).toEqual([['tenant-b']]);
  });

  it('the session’s own tenant path and the tenant-less paths keep working', async () => {
    const email = freshEmail('tenant-a');
    const a = env.client('header', { tenantId: 'tenant-a' });
    expect((await a.signUp(email)).body.status).toBe('OK');
    expect(a.mfa?.v).toBe(false);
    const code = await a.request('POST', '/signinup/code', { email, shouldTryLinkingWithSessionUser: true });
    expect(code.body.status).toBe('OK');
    const consumed = await a.request('POST', '/signinup/code/consume', {
      deviceId: code.body.deviceId,
      preAuthSessionId: code.body.preAuthSessionId,
      userInputCode: await latestCode(env.backend, email),
      shouldTryLinkingWithSessionUser: true,
    });
    expect(consumed.body.status).toBe('OK');
    expect((await a.request('PUT', '/mfa/info')).status).toBe(200);
  });
});
