import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_IDP, startLocalIdp, type LocalIdp } from '../../demo/localIdp.ts';
import type { Backend } from '../../src/server/index.ts';
import { latestCode, startBackend, TestClient, testClock, totpCode, WEBSITE } from './helpers.ts';
import { signInAtIdp } from './idp.ts';
import { SoftAuthenticator } from './softAuthenticator.ts';

/**
 * Connected accounts (our FDI extension, `/auth/fk/connected-accounts`): the social sign-ins linked
 * to an account, against a real OpenID provider on loopback, and disconnecting one as an attacker
 * would try it: without step-up, someone else's, the last way in, the one this session used.
 */

let idp: LocalIdp;
let backend: Backend;
let n = 0;
// The provider's tokens carry real times: the backend's clock starts now and only moves forward.
const clock = testClock(Date.now());
const MINUTE = 60_000;
const callback = `${WEBSITE}/auth/callback/${LOCAL_IDP.withEmail}`;

beforeAll(async () => {
  idp = await startLocalIdp({ websiteDomains: [WEBSITE] });
  backend = await startBackend({ now: clock.now, thirdParty: { providers: idp.providers }, mfa: { firstFactors: ['emailpassword', 'thirdparty'] } });
});
afterAll(async () => {
  await backend.close();
  await idp.close();
});

const address = () => `connected-${++n}@example.com`;

/** The provider's way back for `email`, sent to `/signinup` (linking to the session of `c` with `link`): the raw reply. */
async function socialReply(c: TestClient, email: string, link: boolean) {
  const url = await c.request('GET', `/authorisationurl?thirdPartyId=${LOCAL_IDP.withEmail}&redirectURIOnProviderDashboard=${encodeURIComponent(callback)}`);
  const back = await signInAtIdp(url.body.urlWithQueryParams, email);
  const r = await c.request('POST', '/signinup', {
    thirdPartyId: LOCAL_IDP.withEmail,
    redirectURIInfo: { redirectURIOnProviderDashboard: callback, redirectURIQueryParams: Object.fromEntries(back.searchParams), pkceCodeVerifier: url.body.pkceCodeVerifier },
    shouldTryLinkingWithSessionUser: link,
  });
  return r;
}

/** Signs in (or links, with `link`) through the provider as `email`. */
async function social(c: TestClient, email: string, link = false) {
  const r = await socialReply(c, email, link);
  expect(r.body.status, JSON.stringify(r.body)).toBe('OK');
  return r.body;
}

/** An account with a password and Demo ID connected (linked moments after the password sign-in, which vouches for it). */
async function passwordAndSocial(email = address()) {
  const c = new TestClient(backend);
  expect((await c.signUp(email)).body.status).toBe('OK');
  const linked = await social(c, email, true);
  return { c, email, userId: linked.user.id as string };
}

/** Completes a code to `email` in the session of `c` (a second factor, or step-up). */
async function emailCode(c: TestClient, email: string) {
  const code = await c.request('POST', '/signinup/code', { email, shouldTryLinkingWithSessionUser: true });
  const consumed = await c.request('POST', '/signinup/code/consume', { deviceId: code.body.deviceId, preAuthSessionId: code.body.preAuthSessionId, userInputCode: await latestCode(backend, email), shouldTryLinkingWithSessionUser: true });
  expect(consumed.body.status, JSON.stringify(consumed.body)).toBe('OK');
}

const list = (c: TestClient) => c.request('GET', '/fk/connected-accounts');
const disconnect = (c: TestClient, recipeUserId: string) => c.request('POST', '/fk/connected-accounts/remove', { recipeUserId });

describe('connected accounts', () => {
  it('lists the account’s social sign-ins with the provider’s name and address; only its own', async () => {
    const { c, email } = await passwordAndSocial();
    const r = await list(c);
    expect(r.body).toEqual({ status: 'OK', accounts: [{ recipeUserId: expect.any(String), thirdPartyId: LOCAL_IDP.withEmail, name: 'Demo ID', email, connectedAt: clock.now(), lastUsedAt: clock.now(), current: false }] });
    // A later sign-in with it moves "last used".
    clock.advance(MINUTE);
    await social(new TestClient(backend), email);
    expect((await list(c)).body.accounts[0]).toMatchObject({ connectedAt: clock.now() - MINUTE, lastUsedAt: clock.now() });
    // Another account sees none of them.
    const other = new TestClient(backend);
    await other.signUp(address());
    expect((await list(other)).body).toEqual({ status: 'OK', accounts: [] });
  });

  it('disconnecting needs step-up: once the account has an app, not the password alone, and not an app proved 10 minutes ago', async () => {
    const { c, email } = await passwordAndSocial();
    const device = await c.request('POST', '/totp/device', { deviceName: 'Phone' });
    expect((await c.request('POST', '/totp/device/verify', { deviceName: 'Phone', totp: totpCode(device.body.secret, clock.now()) })).body.status).toBe('OK');
    const [account] = (await list(c)).body.accounts;
    // A later sign-in with the password alone (nothing is required at sign-in): the app must vouch.
    clock.advance(MINUTE);
    const later = new TestClient(backend);
    expect((await later.signIn(email)).body.status).toBe('OK');
    const refused = await disconnect(later, account.recipeUserId);
    expect(refused.status).toBe(403);
    expect(refused.body.claimValidationErrors[0]).toMatchObject({ id: 'fk-step-up', reason: { factors: expect.arrayContaining(['totp']) } });
    expect(refused.body.claimValidationErrors[0].reason.factors).not.toContain('emailpassword');
    const proveApp = () => later.request('POST', '/totp/verify', { totp: totpCode(device.body.secret, clock.now()) });
    expect((await proveApp()).body.status).toBe('OK');
    clock.advance(10 * MINUTE);
    expect((await disconnect(later, account.recipeUserId)).status).toBe(403);
    expect((await list(c)).body.accounts).toHaveLength(1);
    expect((await proveApp()).body.status).toBe('OK');
    expect((await disconnect(later, account.recipeUserId)).body).toEqual({ status: 'OK' });
    expect((await list(later)).body.accounts).toEqual([]);
  });

  it('disconnecting ends the sessions that signed in with it, keeps the others, and tells the account', async () => {
    const { c, email } = await passwordAndSocial();
    const viaSocial = new TestClient(backend);
    await social(viaSocial, email);
    expect((await list(viaSocial)).body.accounts[0].current).toBe(true);
    const [account] = (await list(c)).body.accounts;
    expect((await disconnect(c, account.recipeUserId)).body).toEqual({ status: 'OK' });
    expect((await list(viaSocial)).status).toBe(401);
    expect((await list(c)).status).toBe(200);
    const notices = (await backend.outbox.list({ to: email })).filter((m) => m.type === 'SECURITY_NOTICE');
    expect(notices[0]).toMatchObject({ notice: 'FACTOR_REMOVED', factorId: 'thirdparty', detail: 'Demo ID' });
    // The password still signs in; the account has no social sign-in left.
    const again = new TestClient(backend);
    expect((await again.signIn(email)).body.status).toBe('OK');
    expect((await list(again)).body.accounts).toEqual([]);
  });

  it('refuses someone else’s account, a login method that is not a social one, and unknown ids alike', async () => {
    const victim = await passwordAndSocial();
    const [theirs] = (await list(victim.c)).body.accounts;
    const attacker = new TestClient(backend);
    const signedUp = await attacker.signUp(address());
    expect((await disconnect(attacker, theirs.recipeUserId)).body).toEqual({ status: 'UNKNOWN_ACCOUNT' });
    expect((await disconnect(attacker, signedUp.body.user.loginMethods[0].recipeUserId)).body).toEqual({ status: 'UNKNOWN_ACCOUNT' });
    expect((await disconnect(attacker, 'no-such-id')).body).toEqual({ status: 'UNKNOWN_ACCOUNT' });
    expect((await list(victim.c)).body.accounts).toHaveLength(1);
  });

  it('refuses the last way into an account, and the one this session signed in with', async () => {
    const only = new TestClient(backend);
    const up = await social(only, address());
    const own = up.user.loginMethods[0].recipeUserId;
    expect((await disconnect(only, own)).body).toEqual({ status: 'LAST_SIGN_IN_METHOD' });
    const { email } = await passwordAndSocial();
    const viaSocial = new TestClient(backend);
    await social(viaSocial, email);
    const [account] = (await list(viaSocial)).body.accounts;
    expect((await disconnect(viaSocial, account.recipeUserId)).body).toEqual({ status: 'SIGNED_IN_WITH_IT' });
  });

  it('two sessions disconnecting each other’s social sign-in at once leave the account one of them', async () => {
    // Here an authenticator app is required after the first factor, so an account can have two
    // social logins as its only ways in (the app is not one), with a session through each: each may
    // disconnect the other's login, not both. On PostgreSQL the two requests run in parallel
    // transactions; several accounts, so that without the lock some pair would read "two ways in"
    // before either deletes.
    const own = testClock(Date.now());
    const strict = await startBackend({ now: own.now, thirdParty: { providers: idp.providers }, mfa: { firstFactors: ['thirdparty'], override: { functions: (o) => ({ ...o, getMFARequirementsForAuth: () => ['totp'] }) } } });
    try {
      for (let round = 0; round < 4; round++) {
        const [first, second] = [address(), address()];
        const owner = new TestClient(strict);
        const up = await social(owner, first);
        const device = await owner.request('POST', '/totp/device', { deviceName: 'Phone' });
        expect((await owner.request('POST', '/totp/device/verify', { deviceName: 'Phone', totp: totpCode(device.body.secret, own.now()) })).body.status).toBe('OK');
        /** Signs in through `email`'s login and completes the app (a new code each time: a code is used once). */
        const signedInWithApp = async (email: string) => {
          const c = new TestClient(strict);
          await social(c, email);
          own.advance(31_000);
          expect((await c.request('POST', '/totp/verify', { totp: totpCode(device.body.secret, own.now()) })).body.status).toBe('OK');
          return c;
        };
        const a = await signedInWithApp(first);
        await social(a, second, true);
        const b = await signedInWithApp(second);
        const [ofA, ofB] = await Promise.all([list(a), list(b)]);
        expect(ofA.body.accounts).toHaveLength(2);
        const other = (r: typeof ofA) => (r.body.accounts as { recipeUserId: string; current: boolean }[]).find((x) => !x.current)!.recipeUserId;
        const [byA, byB] = await Promise.all([disconnect(a, other(ofA)), disconnect(b, other(ofB))]);
        // One goes; the other is refused, or (had the first finished before it began) its session ended with its login.
        const outcomes = [byA, byB].map((r) => (r.status === 401 ? 'SESSION_ENDED' : r.body.status));
        expect(outcomes.filter((o) => o === 'OK')).toHaveLength(1);
        expect(['LAST_SIGN_IN_METHOD', 'SESSION_ENDED']).toContain(outcomes.find((o) => o !== 'OK'));
        // The session through the login that is left still works, and that login is the account's last.
        const [left, leftEmail] = byA.body.status === 'OK' ? [a, first] : [b, second];
        expect((await list(left)).body.accounts).toHaveLength(1);
        const again = await socialReply(new TestClient(strict), leftEmail, false);
        expect(again.body.user.id).toBe(up.user.id);
      }
    } finally {
      await strict.close();
    }
  });

  it('a passkey login whose last passkey was removed is no way in: the social login beside it is then the last', async () => {
    const own = testClock(Date.now());
    const both = await startBackend({ now: own.now, thirdParty: { providers: idp.providers }, webauthn: {}, mfa: { firstFactors: ['webauthn', 'thirdparty'] } });
    try {
      const email = address();
      const c = new TestClient(both);
      const auth = new SoftAuthenticator(WEBSITE, new URL(WEBSITE).hostname);
      const options = await c.request('POST', '/webauthn/options/register', { email });
      expect((await c.request('POST', '/webauthn/signup', { webauthnGeneratedOptionsId: options.body.webauthnGeneratedOptionsId, credential: await auth.register(options.body) })).body.status).toBe('OK');
      // The passkey from moments ago vouches for connecting Demo ID, then for removing the passkey (Demo ID is left).
      await social(c, email, true);
      const [passkey] = (await c.request('GET', '/webauthn/credential/list')).body.credentials;
      expect((await c.request('POST', '/webauthn/credential/remove', { webauthnCredentialId: passkey.webauthnCredentialId })).body).toEqual({ status: 'OK' });
      const [account] = (await list(c)).body.accounts;
      expect((await disconnect(c, account.recipeUserId)).body).toEqual({ status: 'LAST_SIGN_IN_METHOD' });
      expect((await socialReply(new TestClient(both), email, false)).body.status).toBe('OK');
    } finally {
      await both.close();
    }
  });

  it('an account that began with Demo ID keeps its id and its password once Demo ID is disconnected', async () => {
    const email = address();
    const first = new TestClient(backend);
    const up = await social(first, email);
    const userId = up.user.id as string;
    // Adding a password is a new way in: a code to the account's address vouches first.
    await emailCode(first, email);
    expect((await first.signUp(email, 'password123', true)).body.status).toBe('OK');

    const withPassword = new TestClient(backend);
    expect((await withPassword.signIn(email)).body.user.id).toBe(userId);
    const [account] = (await list(withPassword)).body.accounts;
    expect(account.recipeUserId).toBe(userId);
    // The account has codes by email since the first session: the password alone does not vouch.
    expect((await disconnect(withPassword, account.recipeUserId)).status).toBe(403);
    await emailCode(withPassword, email);
    expect((await disconnect(withPassword, account.recipeUserId)).body).toEqual({ status: 'OK' });
    expect((await list(first)).status).toBe(401);
    const again = new TestClient(backend);
    const signedIn = await again.signIn(email);
    expect(signedIn.body.user.id).toBe(userId);
    expect(signedIn.body.user.loginMethods.map((m: { recipeId: string }) => m.recipeId).sort()).toEqual(['emailpassword', 'passwordless']);
  });

  it('a stolen session cannot connect the thief’s own social account without step-up', async () => {
    const email = address();
    const owner = new TestClient(backend);
    await owner.signUp(email);
    const device = await owner.request('POST', '/totp/device', { deviceName: 'Phone' });
    expect((await owner.request('POST', '/totp/device/verify', { deviceName: 'Phone', totp: totpCode(device.body.secret, clock.now()) })).body.status).toBe('OK');
    // Later, a session from the password alone (nothing is required at sign-in), in the thief's hands.
    clock.advance(MINUTE);
    const stolen = new TestClient(backend);
    await stolen.signIn(email);
    const refused = await socialReply(stolen, address(), true);
    expect(refused.status).toBe(403);
    expect(refused.body.claimValidationErrors[0].id).toBe('fk-step-up');
    expect((await list(owner)).body.accounts).toEqual([]);
    // The owner, proving the app, can.
    expect((await stolen.request('POST', '/totp/verify', { totp: totpCode(device.body.secret, clock.now()) })).body.status).toBe('OK');
    expect((await socialReply(stolen, email, true)).body.status).toBe('OK');
    expect((await list(owner)).body.accounts).toHaveLength(1);
  });

  it('needs a complete session; a body naming a user, or malformed, is a 400', async () => {
    expect((await list(new TestClient(backend))).status).toBe(401);
    const { c, userId } = await passwordAndSocial();
    for (const body of [{}, { recipeUserId: '' }, { recipeUserId: 'x', userId }, { recipeUserId: 'x'.repeat(129) }]) {
      expect((await c.request('POST', '/fk/connected-accounts/remove', body)).status).toBe(400);
    }
  });

  it('a backend without social sign-in has no such API', async () => {
    const plain = await startBackend();
    try {
      const c = new TestClient(plain);
      await c.signUp(address());
      expect((await list(c)).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
