import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/server/index.ts';
import { startBackend, TestClient } from './helpers.ts';

/**
 * Magic links as a first factor (`link-email`), with `flowType: USER_INPUT_CODE_AND_MAGIC_LINK`: what a
 * send carries follows the tenant's first factors, the link signs in once, in any browser.
 */

let backend: Backend;
let n = 0;
beforeAll(async () => {
  backend = await startBackend({
    passwordless: { contactMethod: 'EMAIL', flowType: 'USER_INPUT_CODE_AND_MAGIC_LINK' },
    mfa: {},
    tenants: [
      { tenantId: 'links', firstFactors: ['emailpassword', 'link-email'] },
      { tenantId: 'codes', firstFactors: ['emailpassword', 'otp-email'] },
      { tenantId: 'both', firstFactors: ['otp-email', 'link-email'] },
    ],
  });
});
afterAll(() => backend.close());

const address = () => `link-${++n}@example.com`;
const send = (c: TestClient, email: string) => c.request('POST', '/signinup/code', { email });

describe('magic links', () => {
  it.each([
    ['links', 'MAGIC_LINK', false, true],
    ['codes', 'USER_INPUT_CODE', true, false],
    ['both', 'USER_INPUT_CODE_AND_MAGIC_LINK', true, true],
  ])('tenant %s: %s', async (tenantId, flowType, code, link) => {
    const email = address();
    const sent = await send(new TestClient(backend, 'header', tenantId), email);
    expect(sent.body).toMatchObject({ status: 'OK', flowType });
    const [mail] = await backend.outbox.list({ to: email, limit: 1 });
    expect(mail?.userInputCode !== undefined).toBe(code);
    expect(mail?.link !== undefined).toBe(link);
    if (link) expect(mail!.link).toMatch(new RegExp(`^http://app\\.test/auth/verify\\?preAuthSessionId=[\\w-]+&tenantId=${tenantId}#[\\w-]+$`));
  });

  it('the link signs in from another browser, once; a second factor never gets a link', async () => {
    const email = address();
    const asker = new TestClient(backend, 'header', 'links');
    const sent = await send(asker, email);
    const [mail] = await backend.outbox.list({ to: email, limit: 1 });
    const link = new URL(mail!.link!);
    const consume = (c: TestClient) => c.request('POST', '/signinup/code/consume', { preAuthSessionId: link.searchParams.get('preAuthSessionId'), linkCode: link.hash.slice(1) });
    const elsewhere = new TestClient(backend, 'header', 'links');
    const signedIn = await consume(elsewhere);
    expect(signedIn.body).toMatchObject({ status: 'OK', createdNewRecipeUser: true, user: { emails: [email] } });
    expect(elsewhere.mfa?.c).toHaveProperty('link-email');
    expect((await consume(new TestClient(backend, 'header', 'links'))).body).toEqual({ status: 'RESTART_FLOW_ERROR' });
    expect(sent.body.preAuthSessionId).toBe(link.searchParams.get('preAuthSessionId'));

    // Signed in, a code to the same address as a second factor: a code, no link.
    const second = await elsewhere.request('POST', '/signinup/code', { email, shouldTryLinkingWithSessionUser: true });
    expect(second.body).toMatchObject({ status: 'OK', flowType: 'USER_INPUT_CODE' });
    const [secondMail] = await backend.outbox.list({ to: email, limit: 1 });
    expect(secondMail).toMatchObject({ userInputCode: expect.any(String) });
    expect(secondMail?.link).toBeUndefined();
  });

  it('a resend carries what the first send did', async () => {
    const email = address();
    const c = new TestClient(backend, 'header', 'links');
    const sent = await send(c, email);
    expect((await c.request('POST', '/signinup/code/resend', { deviceId: sent.body.deviceId, preAuthSessionId: sent.body.preAuthSessionId })).body).toEqual({ status: 'OK' });
    const [mail] = await backend.outbox.list({ to: email, limit: 1 });
    expect(mail?.link).toBeDefined();
    expect(mail?.userInputCode).toBeUndefined();
  });
});
