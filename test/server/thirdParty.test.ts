import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, SignJWT } from 'jose';
import { LOCAL_IDP, startLocalIdp, type LocalIdp } from '../../demo/localIdp.ts';
import type { Backend } from '../../src/server/index.ts';
import { startBackend, TestClient, WEBSITE } from './helpers.ts';
import { signInAtIdp } from './idp.ts';

/**
 * Social and enterprise sign-in against a real OpenID provider on loopback (oidc-provider): the
 * authorisation URL with PKCE, the code exchanged for checked tokens, sign-up then sign-in, the
 * provider's refusals, and MFA after it.
 */

let idp: LocalIdp;
let backend: Backend;
let n = 0;
const callback = (id: string) => `${WEBSITE}/auth/callback/${id}`;

beforeAll(async () => {
  idp = await startLocalIdp({ websiteDomains: [WEBSITE] });
  backend = await startBackend({
    thirdParty: { providers: [...idp.providers, { id: 'down', name: 'Down Corp', issuer: 'http://localhost:9/', clients: [{ clientId: 'x', clientSecret: 'y' }] }] },
    mfa: { firstFactors: ['emailpassword', 'thirdparty'] },
    emailVerification: { mode: 'OPTIONAL' },
    tenants: [{ tenantId: 'strict', firstFactors: ['thirdparty'], requiredSecondaryFactors: ['totp'], thirdPartyProviders: [LOCAL_IDP.withEmail] }],
    accountLinking: {
      // Link a new social login to an account with the same verified address (first factor only).
      shouldDoAutomaticAccountLinking: async (_info, user, session) =>
        session === undefined ? { shouldAutomaticallyLink: true, shouldRequireVerification: true } : user === undefined || session.getUserId() === user.id ? { shouldAutomaticallyLink: true, shouldRequireVerification: false } : { shouldAutomaticallyLink: false },
    },
  });
});
afterAll(async () => {
  await backend.close();
  await idp.close();
});

const address = () => `social-${++n}@example.com`;

/** The whole round trip: authorisation URL, the provider's page, the code back to /signinup. */
async function socialSignIn(c: TestClient, email: string | null, providerId: string = LOCAL_IDP.withEmail) {
  const url = await c.request('GET', `/authorisationurl?thirdPartyId=${providerId}&redirectURIOnProviderDashboard=${encodeURIComponent(callback(providerId))}`);
  expect(url.body.status, JSON.stringify(url.body)).toBe('OK');
  const authorise = new URL(url.body.urlWithQueryParams);
  authorise.searchParams.set('state', 'state-from-the-website');
  const back = await signInAtIdp(authorise.href, email);
  const query = Object.fromEntries(back.searchParams);
  const signInUp = (verifier = url.body.pkceCodeVerifier) =>
    c.request('POST', '/signinup', { thirdPartyId: providerId, redirectURIInfo: { redirectURIOnProviderDashboard: callback(providerId), redirectURIQueryParams: query, pkceCodeVerifier: verifier } });
  return { url: url.body, query, signInUp };
}

describe('social sign-in with a real OpenID provider', () => {
  it('the authorisation URL carries the app, the callback and a PKCE challenge; the verifier comes back to the website', async () => {
    const { body } = await new TestClient(backend).request('GET', `/authorisationurl?thirdPartyId=${LOCAL_IDP.withEmail}&redirectURIOnProviderDashboard=${encodeURIComponent(callback(LOCAL_IDP.withEmail))}`);
    const url = new URL(body.urlWithQueryParams);
    expect(url.origin).toBe(idp.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ client_id: LOCAL_IDP.withEmail, redirect_uri: callback(LOCAL_IDP.withEmail), response_type: 'code', scope: 'openid email', code_challenge_method: 'S256' });
    expect(body.pkceCodeVerifier).toMatch(/^[\w-]{43,}$/);
    expect(url.searchParams.get('code_challenge')).toBe(await oauth.calculatePKCECodeChallenge(body.pkceCodeVerifier));
  });

  it('signs up, then signs in as the same user; the address the provider verified counts as verified; thirdparty is in st-mfa', async () => {
    const email = address();
    const first = new TestClient(backend);
    const { signInUp, query } = await socialSignIn(first, email);
    expect(query.state).toBe('state-from-the-website');
    const up = await signInUp();
    expect(up.body).toMatchObject({ status: 'OK', createdNewRecipeUser: true, user: { emails: [email], thirdParty: [{ id: LOCAL_IDP.withEmail, userId: email }] } });
    expect(up.body.user.loginMethods[0]).toMatchObject({ recipeId: 'thirdparty', email, verified: true, thirdParty: { id: LOCAL_IDP.withEmail, userId: email } });
    expect(first.mfa).toEqual({ c: { thirdparty: expect.any(Number) }, v: true });

    const again = await (await socialSignIn(new TestClient(backend), email)).signInUp();
    expect(again.body).toMatchObject({ status: 'OK', createdNewRecipeUser: false, user: { id: up.body.user.id } });
  });

  it('a code works once, and only with its PKCE verifier', async () => {
    const { signInUp } = await socialSignIn(new TestClient(backend), address());
    expect((await signInUp('not-the-verifier-not-the-verifier-not-the-verifier')).body).toEqual({ status: 'GENERAL_ERROR', message: 'Demo ID did not confirm the sign-in. Try again, or sign in another way.' });
    // The provider revokes a code on a failed exchange too: a fresh one signs in, then cannot be replayed.
    const fresh = await socialSignIn(new TestClient(backend), address());
    expect((await fresh.signInUp()).body.status).toBe('OK');
    expect((await fresh.signInUp()).body.status).toBe('GENERAL_ERROR');
  });

  it('a provider that gives no address: NO_EMAIL_GIVEN_BY_PROVIDER', async () => {
    const { signInUp } = await socialSignIn(new TestClient(backend), address(), LOCAL_IDP.withoutEmail);
    expect((await signInUp()).body).toEqual({ status: 'NO_EMAIL_GIVEN_BY_PROVIDER' });
  });

  it('the person cancels at the provider: it sends access_denied back, and no code', async () => {
    const url = await new TestClient(backend).request('GET', `/authorisationurl?thirdPartyId=${LOCAL_IDP.withEmail}&redirectURIOnProviderDashboard=${encodeURIComponent(callback(LOCAL_IDP.withEmail))}`);
    const back = await signInAtIdp(url.body.urlWithQueryParams, null);
    expect(back.searchParams.get('error')).toBe('access_denied');
    const signInUp = await new TestClient(backend).request('POST', '/signinup', {
      thirdPartyId: LOCAL_IDP.withEmail,
      redirectURIInfo: { redirectURIOnProviderDashboard: callback(LOCAL_IDP.withEmail), redirectURIQueryParams: Object.fromEntries(back.searchParams) },
    });
    expect(signInUp.status).toBe(400);
  });

  it('a provider that cannot be reached: a clear GENERAL_ERROR, no 500', async () => {
    const url = await new TestClient(backend).request('GET', `/authorisationurl?thirdPartyId=down&redirectURIOnProviderDashboard=${encodeURIComponent(callback('down'))}`);
    expect(url.body).toEqual({ status: 'GENERAL_ERROR', message: 'Down Corp cannot be reached right now. Try again later, or sign in another way.' });
    const signInUp = await new TestClient(backend).request('POST', '/signinup', { thirdPartyId: 'down', redirectURIInfo: { redirectURIOnProviderDashboard: callback('down'), redirectURIQueryParams: { code: 'x' } } });
    expect(signInUp.body.status).toBe('GENERAL_ERROR');
  });

  it('unknown providers, providers the tenant does not offer, and malformed bodies are 400s', async () => {
    const c = new TestClient(backend);
    expect((await c.request('GET', `/authorisationurl?thirdPartyId=nope&redirectURIOnProviderDashboard=${encodeURIComponent(callback('nope'))}`)).status).toBe(400);
    expect((await new TestClient(backend, 'header', 'strict').request('GET', `/authorisationurl?thirdPartyId=${LOCAL_IDP.withoutEmail}&redirectURIOnProviderDashboard=x`)).status).toBe(400);
    expect((await c.request('GET', `/authorisationurl?thirdPartyId=${LOCAL_IDP.withEmail}&redirectURIOnProviderDashboard=javascript:alert(1)`)).status).toBe(400);
    for (const body of [{}, { thirdPartyId: LOCAL_IDP.withEmail }, { thirdPartyId: LOCAL_IDP.withEmail, oAuthTokens: {}, redirectURIInfo: { redirectURIOnProviderDashboard: 'https://x', redirectURIQueryParams: {} } }]) {
      expect((await c.request('POST', '/signinup', body)).status).toBe(400);
    }
  });

  it('loginmethods lists each tenant’s providers', async () => {
    expect((await new TestClient(backend).request('GET', '/loginmethods')).body.thirdParty).toEqual({
      enabled: true,
      providers: [
        { id: LOCAL_IDP.withEmail, name: 'Demo ID' },
        { id: LOCAL_IDP.withoutEmail, name: 'Demo ID (no email)' },
        { id: 'down', name: 'Down Corp' },
      ],
    });
    expect((await new TestClient(backend, 'header', 'strict').request('GET', '/loginmethods')).body.thirdParty).toEqual({ enabled: true, providers: [{ id: LOCAL_IDP.withEmail, name: 'Demo ID' }] });
  });

  it('MFA follows a social sign-in as it follows a password', async () => {
    const c = new TestClient(backend, 'header', 'strict');
    expect((await (await socialSignIn(c, address())).signInUp()).body.status).toBe('OK');
    expect(c.mfa?.v).toBe(false);
    expect((await c.mfaInfo()).body.factors.next).toEqual(['totp']);
  });

  it('links to an account with the same verified address only when the app says so, and never to an unverified one', async () => {
    const verified = address();
    const owner = new TestClient(backend);
    const signedUp = await owner.signUp(verified);
    await owner.request('POST', '/user/email/verify/token', {});
    const [mail] = await backend.outbox.list({ to: verified, limit: 1 });
    expect((await new TestClient(backend).request('POST', '/user/email/verify', { method: 'token', token: new URL(mail!.link!).searchParams.get('token') })).body.status).toBe('OK');
    const linked = await (await socialSignIn(new TestClient(backend), verified)).signInUp();
    expect(linked.body.user.id).toBe(signedUp.body.user.id);
    expect(linked.body.user.loginMethods.map((m: { recipeId: string }) => m.recipeId).sort()).toEqual(['emailpassword', 'thirdparty']);

    const unverified = address();
    const other = await new TestClient(backend).signUp(unverified);
    const separate = await (await socialSignIn(new TestClient(backend), unverified)).signInUp();
    expect(separate.body.user.id).not.toBe(other.body.user.id);
  });

  it('tokens a native app got itself: a checked ID token signs in; a forged one does not', async () => {
    const email = address();
    // Get real tokens from the provider, as a native app would.
    const as = await oauth.processDiscoveryResponse(new URL(idp.issuer), await oauth.discoveryRequest(new URL(idp.issuer), { [oauth.allowInsecureRequests]: true }));
    const { url, query } = await socialSignIn(new TestClient(backend), email);
    const client = { client_id: LOCAL_IDP.withEmail };
    const params = oauth.validateAuthResponse(as, client, new URLSearchParams(query), oauth.skipStateCheck);
    const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.ClientSecretPost('demo-id-secret'), params, callback(LOCAL_IDP.withEmail), url.pkceCodeVerifier, { [oauth.allowInsecureRequests]: true });
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
    const native = await new TestClient(backend).request('POST', '/signinup', { thirdPartyId: LOCAL_IDP.withEmail, oAuthTokens: { id_token: tokens.id_token, access_token: tokens.access_token } });
    expect(native.body).toMatchObject({ status: 'OK', user: { emails: [email] } });

    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ email: 'victim@example.com', email_verified: true }).setProtectedHeader({ alg: 'RS256', kid: 'local-idp' }).setIssuer(idp.issuer).setAudience(LOCAL_IDP.withEmail).setSubject('victim@example.com').setIssuedAt().setExpirationTime('5m').sign(privateKey);
    expect((await new TestClient(backend).request('POST', '/signinup', { thirdPartyId: LOCAL_IDP.withEmail, oAuthTokens: { id_token: forged } })).body.status).toBe('GENERAL_ERROR');
  });

  it('Apple’s form post is sent on to the website’s callback', async () => {
    const response = await backend.fetch(
      new Request('http://api.test/auth/callback/apple', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://appleid.apple.com' }, body: 'code=abc&state=xyz' }),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`${WEBSITE}/auth/callback/apple?code=abc&state=xyz`);
  });
});
