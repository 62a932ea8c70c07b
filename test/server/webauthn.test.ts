import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/server/index.ts';
import { SoftAuthenticator } from './softAuthenticator.ts';
import { startBackend, TestClient, testClock, totpCode, WEBSITE } from './helpers.ts';

/**
 * Passkeys (the WebAuthn recipe, factor `webauthn`): sign-up and sign-in with a passkey, options used
 * once, every refusal a status (never a 500), the counter and the relying party checked, a passkey as
 * a second factor, and the credential list/add/remove with a session.
 */

const clock = testClock(Date.now());
let backend: Backend;
let n = 0;

beforeAll(async () => {
  backend = await startBackend({ now: clock.now, webauthn: { secondFactor: true } });
});
afterAll(() => backend.close());

const email = (what: string) => `passkey-${what}-${++n}@example.com`;
const registerOptions = (c: TestClient, address: string) => c.request('POST', '/webauthn/options/register', { email: address });
const signinOptions = (c: TestClient) => c.request('POST', '/webauthn/options/signin', {});

/** Signs up with a new passkey; returns the client and its authenticator. */
async function signUpWithPasskey(address = email('user')) {
  const c = new TestClient(backend);
  const auth = new SoftAuthenticator(WEBSITE, new URL(WEBSITE).hostname);
  const options = await registerOptions(c, address);
  expect(options.body.status).toBe('OK');
  const r = await c.request('POST', '/webauthn/signup', { webauthnGeneratedOptionsId: options.body.webauthnGeneratedOptionsId, credential: await auth.register(options.body) });
  expect(r.body.status, JSON.stringify(r.body)).toBe('OK');
  return { c, auth, address, user: r.body.user };
}

async function signInWithPasskey(auth: SoftAuthenticator, lie: Parameters<SoftAuthenticator['authenticate']>[1] = {}, c = new TestClient(backend)) {
  const options = await signinOptions(c);
  expect(options.body).toMatchObject({ status: 'OK', rpId: 'app.test', userVerification: 'preferred' });
  const r = await c.request('POST', '/webauthn/signin', { webauthnGeneratedOptionsId: options.body.webauthnGeneratedOptionsId, credential: await auth.authenticate(options.body, lie) });
  return { c, r };
}

describe('options', () => {
  it('register options: the relying party, a new user handle, resident key required, user verification preferred, ES256/RS256/EdDSA', async () => {
    const r = await registerOptions(new TestClient(backend), email('options'));
    expect(r.body).toMatchObject({
      status: 'OK',
      webauthnGeneratedOptionsId: expect.any(String),
      rp: { id: 'app.test', name: 'Demo App' },
      user: { id: expect.any(String), name: expect.stringMatching(/^passkey-options-/) },
      attestation: 'none',
      authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'preferred' },
      excludeCredentials: [],
    });
    expect(r.body.pubKeyCredParams.map((p: { alg: number }) => p.alg)).toEqual([-8, -7, -257]);
    expect(r.body.expiresAt - r.body.createdAt).toBe(300_000);
  });

  it('an invalid email is the protocol’s status', async () => {
    expect((await registerOptions(new TestClient(backend), 'not an email')).body.status).toBe('INVALID_EMAIL_ERROR');
  });
});

describe('sign-up and sign-in with a passkey', () => {
  it('signs up (a session with webauthn done), then signs in with the passkey in another browser; the email now exists', async () => {
    const { c, auth, address, user } = await signUpWithPasskey();
    expect(user.loginMethods[0]).toMatchObject({ recipeId: 'webauthn', email: address });
    expect(c.mfa?.c.webauthn).toBeTypeOf('number');
    const { c: other, r } = await signInWithPasskey(auth);
    expect(r.body).toMatchObject({ status: 'OK', user: { id: user.id } });
    expect(other.mfa?.v).toBe(true);
    expect((await c.request('GET', `/webauthn/email/exists?email=${encodeURIComponent(address)}`)).body).toEqual({ status: 'OK', exists: true });
    // The same address again: refused, and register options now exclude the passkey it has.
    const again = await registerOptions(new TestClient(backend), address);
    expect(again.body.excludeCredentials.map((x: { id: string }) => x.id)).toEqual([Buffer.from(auth.credentials[0]!.id).toString('base64url')]);
    const second = new SoftAuthenticator(WEBSITE, 'app.test');
    expect((await new TestClient(backend).request('POST', '/webauthn/signup', { webauthnGeneratedOptionsId: again.body.webauthnGeneratedOptionsId, credential: await second.register(again.body) })).body.status).toBe('EMAIL_ALREADY_EXISTS_ERROR');
  });

  it('options work once: a replayed sign-in is refused', async () => {
    const { auth } = await signUpWithPasskey();
    const c = new TestClient(backend);
    const options = await signinOptions(c);
    const assertion = await auth.authenticate(options.body);
    expect((await c.request('POST', '/webauthn/signin', { webauthnGeneratedOptionsId: options.body.webauthnGeneratedOptionsId, credential: assertion })).body.status).toBe('OK');
    expect((await c.request('POST', '/webauthn/signin', { webauthnGeneratedOptionsId: options.body.webauthnGeneratedOptionsId, credential: assertion })).body.status).toBe('OPTIONS_NOT_FOUND_ERROR');
  });

  it('unknown or expired options', async () => {
    const { auth } = await signUpWithPasskey();
    const c = new TestClient(backend);
    expect((await c.request('POST', '/webauthn/signin', { webauthnGeneratedOptionsId: 'no-such-options', credential: await auth.authenticate({ challenge: 'x' }) })).body.status).toBe('OPTIONS_NOT_FOUND_ERROR');
    const options = await signinOptions(c);
    clock.advance(301_000);
    expect((await c.request('POST', '/webauthn/signin', { webauthnGeneratedOptionsId: options.body.webauthnGeneratedOptionsId, credential: await auth.authenticate(options.body) })).body.status).toBe('OPTIONS_NOT_FOUND_ERROR');
  });

  it.each([
    ['another origin (a phishing site)', { origin: 'https://app-test.evil.example' }],
    ['another relying party id', { rpId: 'evil.example' }],
  ])('sign-in from %s is refused', async (_name, lie) => {
    const { auth } = await signUpWithPasskey();
    expect((await signInWithPasskey(auth, lie)).r.body.status).toBe('INVALID_CREDENTIALS_ERROR');
  });

  it('sign-up from another origin is refused', async () => {
    const c = new TestClient(backend);
    const options = await registerOptions(c, email('phish'));
    const auth = new SoftAuthenticator('https://evil.example', 'app.test');
    expect((await c.request('POST', '/webauthn/signup', { webauthnGeneratedOptionsId: options.body.webauthnGeneratedOptionsId, credential: await auth.register(options.body) })).body.status).toBe('INVALID_CREDENTIALS_ERROR');
  });

  it('a counter that goes back (a cloned authenticator) is refused', async () => {
    const { auth } = await signUpWithPasskey();
    expect((await signInWithPasskey(auth, { counter: 5 })).r.body.status).toBe('OK');
    expect((await signInWithPasskey(auth, { counter: 3 })).r.body.status).toBe('INVALID_CREDENTIALS_ERROR');
  });

  it('a passkey nobody registered, and a forged signature', async () => {
    const stranger = new SoftAuthenticator(WEBSITE, 'app.test');
    await stranger.register({ challenge: 'x', user: { id: 'eA' } });
    expect((await signInWithPasskey(stranger)).r.body.status).toBe('INVALID_CREDENTIALS_ERROR');
    const { auth } = await signUpWithPasskey();
    const c = new TestClient(backend);
    const options = await signinOptions(c);
    const assertion = await auth.authenticate(options.body);
    assertion.response.signature = assertion.response.signature.slice(0, -4) + 'AAAA';
    expect((await c.request('POST', '/webauthn/signin', { webauthnGeneratedOptionsId: options.body.webauthnGeneratedOptionsId, credential: assertion })).body.status).toBe('INVALID_CREDENTIALS_ERROR');
  });
});

describe('a passkey as a second factor (webauthn.secondFactor)', () => {
  it('added to a password account (linked to the session user), then asked after the password when turned on', async () => {
    const address = email('second');
    const c = new TestClient(backend);
    await c.signUp(address);
    const auth = new SoftAuthenticator(WEBSITE, 'app.test');
    const options = await registerOptions(c, address);
    const added = await c.request('POST', '/webauthn/signup', { webauthnGeneratedOptionsId: options.body.webauthnGeneratedOptionsId, credential: await auth.register(options.body), shouldTryLinkingWithSessionUser: true });
    expect(added.body.status, JSON.stringify(added.body)).toBe('OK');
    expect(added.body.user.loginMethods.map((m: { recipeId: string }) => m.recipeId).sort()).toEqual(['emailpassword', 'webauthn']);
    expect((await c.request('POST', '/fk/mfa/settings/required-factors/add', { factorId: 'webauthn' })).body.status).toBe('OK');

    const later = new TestClient(backend);
    await later.signIn(address);
    expect(later.mfa?.v).toBe(false);
    expect((await later.mfaInfo()).body.factors.next).toEqual(['webauthn']);
    const { r } = await signInWithPasskey(auth, {}, later);
    expect(r.body.status, JSON.stringify(r.body)).toBe('OK');
    expect(later.mfa?.v).toBe(true);
  });

  it('another account’s passkey does not complete this session', async () => {
    const mine = email('mine');
    const c = new TestClient(backend);
    await c.signUp(mine);
    const device = await c.request('POST', '/totp/device', { deviceName: 'Phone' });
    await c.request('POST', '/totp/device/verify', { deviceName: 'Phone', totp: totpCode(device.body.secret, clock.now()) });
    expect((await c.request('POST', '/fk/mfa/settings/required-factors/add', { factorId: 'totp' })).body.status).toBe('OK');
    const { auth } = await signUpWithPasskey();
    const later = new TestClient(backend);
    await later.signIn(mine);
    expect(later.mfa?.v).toBe(false);
    const options = await signinOptions(later);
    const r = await later.request('POST', '/webauthn/signin', { webauthnGeneratedOptionsId: options.body.webauthnGeneratedOptionsId, credential: await auth.authenticate(options.body), shouldTryLinkingWithSessionUser: true });
    expect(r.body.status).not.toBe('OK');
    expect(later.mfa?.v).toBe(false);
  });
});

describe('managing passkeys with a session', () => {
  it('lists them (created, last used, synced), adds another after step-up, renames, removes; never another user’s', async () => {
    const { c, auth, user } = await signUpWithPasskey();
    const list = await c.request('GET', '/webauthn/credential/list');
    expect(list.body.credentials).toEqual([{ webauthnCredentialId: expect.any(String), relyingPartyId: 'app.test', recipeUserId: user.loginMethods[0].recipeUserId, createdAt: clock.now(), lastUsedAt: null, synced: false }]);
    const first = list.body.credentials[0].webauthnCredentialId;

    // The passkey used at sign-up vouches for step-up: another one may be added now.
    const options = await registerOptions(c, user.emails[0]);
    const second = new SoftAuthenticator(WEBSITE, 'app.test');
    const added = await c.request('POST', '/webauthn/credential', { webauthnGeneratedOptionsId: options.body.webauthnGeneratedOptionsId, credential: await second.register(options.body), recipeUserId: user.loginMethods[0].recipeUserId });
    expect(added.body).toEqual({ status: 'OK' });
    expect((await c.request('POST', '/fk/webauthn/credential/rename', { webauthnCredentialId: first, name: 'Laptop' })).body).toEqual({ status: 'OK' });

    const stranger = await signUpWithPasskey();
    expect((await stranger.c.request('POST', '/webauthn/credential/remove', { webauthnCredentialId: first })).body).toEqual({ status: 'CREDENTIAL_NOT_FOUND_ERROR' });
    expect((await stranger.c.request('POST', '/fk/webauthn/credential/rename', { webauthnCredentialId: first, name: 'Mine now' })).body).toEqual({ status: 'CREDENTIAL_NOT_FOUND_ERROR' });

    expect((await c.request('POST', '/webauthn/credential/remove', { webauthnCredentialId: first })).body).toEqual({ status: 'OK' });
    const after = await c.request('GET', '/webauthn/credential/list');
    expect(after.body.credentials).toHaveLength(1);
    // The removed passkey no longer signs in; the other one does.
    expect((await signInWithPasskey(auth)).r.body.status).toBe('INVALID_CREDENTIALS_ERROR');
    expect((await signInWithPasskey(second)).r.body.status).toBe('OK');
    // The last way in stays.
    expect((await c.request('POST', '/webauthn/credential/remove', { webauthnCredentialId: after.body.credentials[0].webauthnCredentialId })).body.status).toBe('GENERAL_ERROR');
  });

  it('two passkeys of an account with no other way in, removed at once: one stays', async () => {
    // On PostgreSQL the two removals run in parallel transactions; several accounts, so that without
    // the lock some pair would each count two passkeys before either deletes.
    for (let round = 0; round < 4; round++) {
      const { c, auth, user } = await signUpWithPasskey();
      const options = await registerOptions(c, user.emails[0]);
      const second = new SoftAuthenticator(WEBSITE, 'app.test');
      expect((await c.request('POST', '/webauthn/credential', { webauthnGeneratedOptionsId: options.body.webauthnGeneratedOptionsId, credential: await second.register(options.body), recipeUserId: user.loginMethods[0].recipeUserId })).body).toEqual({ status: 'OK' });
      const ids = ((await c.request('GET', '/webauthn/credential/list')).body.credentials as { webauthnCredentialId: string }[]).map((x) => x.webauthnCredentialId);
      expect(ids).toHaveLength(2);
      const both = await Promise.all(ids.map((id) => c.request('POST', '/webauthn/credential/remove', { webauthnCredentialId: id })));
      expect(both.map((r) => r.body.status).sort()).toEqual(['GENERAL_ERROR', 'OK']);
      expect((await c.request('GET', '/webauthn/credential/list')).body.credentials).toHaveLength(1);
      // The passkey that stayed still signs in; the other does not.
      const signIns = [(await signInWithPasskey(auth)).r.body.status, (await signInWithPasskey(second)).r.body.status];
      expect(signIns.sort()).toEqual(['INVALID_CREDENTIALS_ERROR', 'OK']);
    }
  });

  it('adding a passkey needs step-up: a stolen session ten minutes on cannot', async () => {
    const { c, user } = await signUpWithPasskey();
    clock.advance(10 * 60_000);
    const options = await registerOptions(c, user.emails[0]);
    const r = await c.request('POST', '/webauthn/credential', { webauthnGeneratedOptionsId: options.body.webauthnGeneratedOptionsId, credential: await new SoftAuthenticator(WEBSITE, 'app.test').register(options.body), recipeUserId: user.loginMethods[0].recipeUserId });
    expect(r.status).toBe(403);
    expect(r.body.claimValidationErrors[0].id).toBe('fk-step-up');
  });
});

describe('recovery by email (a passkey account whose passkeys are lost)', () => {
  const linkToken = async (to: string) => {
    const [message] = await backend.outbox.list({ to, limit: 1 });
    expect(message?.type).toBe('WEBAUTHN_RECOVER_ACCOUNT');
    return new URL(message!.link!).searchParams.get('token')!;
  };

  it('a link by email makes a new passkey on a new device, never a password; the link works once', async () => {
    const { address, user } = await signUpWithPasskey();
    const c = new TestClient(backend);
    expect((await c.request('POST', '/user/webauthn/reset/token', { email: address })).body).toEqual({ status: 'OK' });
    await backend.idle();
    const token = await linkToken(address);
    const options = await c.request('POST', '/webauthn/options/register', { recoverAccountToken: token });
    expect(options.body).toMatchObject({ status: 'OK', user: { name: address } });
    const newPhone = new SoftAuthenticator(WEBSITE, 'app.test');
    const reset = await c.request('POST', '/user/webauthn/reset', { token, webauthnGeneratedOptionsId: options.body.webauthnGeneratedOptionsId, credential: await newPhone.register(options.body) });
    expect(reset.body).toEqual({ status: 'OK' });
    const { r } = await signInWithPasskey(newPhone);
    expect(r.body).toMatchObject({ status: 'OK', user: { id: user.id } });
    // Used: the link does nothing more, not even options.
    expect((await c.request('POST', '/webauthn/options/register', { recoverAccountToken: token })).body.status).toBe('RECOVER_ACCOUNT_TOKEN_INVALID_ERROR');
    const again = await registerOptions(c, address);
    expect((await c.request('POST', '/user/webauthn/reset', { token, webauthnGeneratedOptionsId: again.body.webauthnGeneratedOptionsId, credential: await newPhone.register(again.body) })).body.status).toBe('RECOVER_ACCOUNT_TOKEN_INVALID_ERROR');
  });

  it('an address without a passkey account gets the same answer and no email; a passkey link is no password reset', async () => {
    const c = new TestClient(backend);
    const nobody = email('nobody');
    expect((await c.request('POST', '/user/webauthn/reset/token', { email: nobody })).body).toEqual({ status: 'OK' });
    await backend.idle();
    expect(await backend.outbox.list({ to: nobody })).toEqual([]);
    const { address } = await signUpWithPasskey();
    await c.request('POST', '/user/webauthn/reset/token', { email: address });
    await backend.idle();
    const token = await linkToken(address);
    expect((await c.request('POST', '/user/password/reset', { method: 'token', token, formFields: [{ id: 'password', value: 'a-new-password-1' }] })).body.status).toBe('RESET_PASSWORD_INVALID_TOKEN_ERROR');
  });

  it('an expired link', async () => {
    const { address } = await signUpWithPasskey();
    const c = new TestClient(backend);
    await c.request('POST', '/user/webauthn/reset/token', { email: address });
    await backend.idle();
    const token = await linkToken(address);
    clock.advance(3_600_001);
    expect((await c.request('POST', '/webauthn/options/register', { recoverAccountToken: token })).body.status).toBe('RECOVER_ACCOUNT_TOKEN_INVALID_ERROR');
  });
});
