// @vitest-environment jsdom
/**
 * The real SuperTokens frontend SDK (supertokens-web-js 0.16) through every first factor the reference
 * backend adds: social sign-in against a real OpenID provider on loopback
 * (`getAuthorisationURLWithQueryParamsAndSetState` + `signInAndUp`), the password reset
 * (`sendPasswordResetEmail` + `submitNewPassword`), and a magic link (`createCode` + `consumeCode`
 * from the link). Header mode; the SDK keeps module state, so this file has its own init.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { init as initSuperTokens } from 'supertokens-web-js';
import * as Session from 'supertokens-web-js/recipe/session';
import * as EmailPassword from 'supertokens-web-js/recipe/emailpassword';
import * as Passwordless from 'supertokens-web-js/recipe/passwordless';
import * as ThirdParty from 'supertokens-web-js/recipe/thirdparty';
import { LOCAL_IDP, startLocalIdpProcess, type LocalIdp } from '../../demo/localIdp.ts';
import { serve, type RunningServer } from '../../src/server/serve.ts';
import type { Backend } from '../../src/server/index.ts';
import { startBackend } from '../server/helpers.ts';
import { signInAtIdp } from '../server/idp.ts';
import { browserFetch } from './webJsJourney.ts';

let idp: LocalIdp;
let backend: Backend;
let server: RunningServer;
const complaints: unknown[][] = [];
/** Node's fetch, for the test itself acting as the person at the provider (not the page). */
const nodeFetch = globalThis.fetch;

/** The page's address becomes `url` (same origin), as if the browser had arrived there. */
function arriveAt(url: string) {
  const target = new URL(url, window.location.origin);
  window.history.pushState({}, '', `${target.pathname}${target.search}${target.hash}`);
}

async function latest(to: string, type: string) {
  return vi.waitFor(async () => {
    const found = (await backend.outbox.list({ to })).find((m) => m.type === type);
    if (!found?.link) throw new Error(`no ${type} for ${to}`);
    return found;
  });
}

beforeAll(async () => {
  idp = await startLocalIdpProcess({ websiteDomains: [window.location.origin] });
  server = await serve({ fetch: (request: Request) => backend.fetch(request) } as Backend);
  backend = await startBackend({
    appInfo: { appName: 'Demo App', apiDomain: server.url, websiteDomain: window.location.origin, apiBasePath: '/auth' },
    // The backend runs in this page's process: it reaches the provider with Node's fetch, not the page's.
    thirdParty: { providers: idp.providers, fetch: nodeFetch },
    passwordless: { contactMethod: 'EMAIL', flowType: 'USER_INPUT_CODE_AND_MAGIC_LINK' },
    mfa: { firstFactors: ['emailpassword', 'thirdparty', 'link-email'] },
  });
  window.fetch = browserFetch(window.fetch);
  for (const level of ['warn', 'error'] as const) vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void complaints.push(args));
  initSuperTokens({
    appInfo: { appName: 'Demo App', apiDomain: server.url, apiBasePath: '/auth' },
    recipeList: [Session.init({ tokenTransferMethod: 'header' }), EmailPassword.init(), ThirdParty.init(), Passwordless.init()],
  });
});

afterAll(async () => {
  vi.restoreAllMocks();
  await server?.close();
  await backend?.close();
  await idp?.close();
});

describe('supertokens-web-js 0.16: every first factor against the reference backend', () => {
  it('social sign-in: the SDK’s authorisation URL and state, the provider’s page, signInAndUp on the way back', async () => {
    const url = await ThirdParty.getAuthorisationURLWithQueryParamsAndSetState({ thirdPartyId: LOCAL_IDP.withEmail, frontendRedirectURI: `${window.location.origin}/auth/callback/${LOCAL_IDP.withEmail}` });
    expect(new URL(url).searchParams.get('state')).toBeTruthy();
    const back = await signInAtIdp(url, 'webjs-social@example.com', nodeFetch);
    arriveAt(back.href);
    const result = await ThirdParty.signInAndUp();
    expect(result).toMatchObject({ status: 'OK', createdNewRecipeUser: true, user: { emails: ['webjs-social@example.com'], thirdParty: [{ id: LOCAL_IDP.withEmail }] } });
    expect(await Session.doesSessionExist()).toBe(true);
    await Session.signOut();
  });

  it('password reset: sendPasswordResetEmail, then submitNewPassword on the link’s page', async () => {
    const email = 'webjs-reset@example.com';
    expect((await EmailPassword.signUp({ formFields: [{ id: 'email', value: email }, { id: 'password', value: 'old-password-1' }] })).status).toBe('OK');
    await Session.signOut();
    expect(await EmailPassword.sendPasswordResetEmail({ formFields: [{ id: 'email', value: email }] })).toMatchObject({ status: 'OK' });
    arriveAt((await latest(email, 'PASSWORD_RESET')).link!);
    expect(await EmailPassword.submitNewPassword({ formFields: [{ id: 'password', value: 'new-password-9' }] })).toMatchObject({ status: 'OK' });
    expect((await EmailPassword.signIn({ formFields: [{ id: 'email', value: email }, { id: 'password', value: 'new-password-9' }] })).status).toBe('OK');
    await Session.signOut();
  });

  it('magic link: createCode, then consumeCode on the link’s page', async () => {
    const email = 'webjs-link@example.com';
    const created = await Passwordless.createCode({ email });
    expect(created).toMatchObject({ status: 'OK', flowType: 'MAGIC_LINK' });
    arriveAt((await latest(email, 'PASSWORDLESS_LOGIN')).link!);
    const consumed = await Passwordless.consumeCode();
    expect(consumed).toMatchObject({ status: 'OK', createdNewRecipeUser: true, user: { emails: [email] } });
    expect(await Session.doesSessionExist()).toBe(true);
  });

  it('said nothing on the console', () => {
    expect(complaints).toEqual([]);
  });
});
