// @vitest-environment jsdom
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, passthrough } from 'msw';
import { LOCAL_IDP, startLocalIdpProcess, type LocalIdp } from '../../../demo/localIdp.ts';
import type { ThirdPartyProviderConfig } from '../../../src/server/index.ts';
import { signInAtIdp } from '../../server/idp.ts';
import { MFASettingsScreen } from '../../../src/ui/index.ts';
import { inProcessBackend, testClient } from '../../react/helpers.tsx';
import { totpCode } from '../../server/helpers.ts';
import { axeViolations, location, renderKit } from './helpers.tsx';

/**
 * Social sign-in in the sign-in screen and the callback screen, against the reference backend
 * in-process and a real OpenID provider on loopback (the provider's page is filled by `signInAtIdp`,
 * as a person would).
 */

let idp: LocalIdp;
const providers: ThirdPartyProviderConfig[] = [];
const msw = inProcessBackend({ thirdParty: { providers }, mfa: { firstFactors: ['emailpassword', 'thirdparty'] } });

beforeAll(async () => {
  idp = await startLocalIdpProcess({ websiteDomains: [window.location.origin] });
  providers.push(...idp.providers);
});
// The backend talks to the provider over real HTTP (msw lets it through).
beforeEach(() => msw.server.use(http.all(`${idp.issuer}/*`, () => passthrough())));
afterAll(() => idp.close());

let n = 0;
const newEmail = () => `tp-screen${++n}-${Date.now()}@example.com`;

/** Clicks a provider button and returns the provider URL the screen sent the browser to. */
async function leaveFor(name: string): Promise<string> {
  const urls: Promise<string>[] = [];
  const listener = ({ request, response }: { request: Request; response: Response }) => {
    if (new URL(request.url).pathname.endsWith('/authorisationurl')) urls.push(response.clone().json().then((b: { urlWithQueryParams: string }) => b.urlWithQueryParams));
  };
  msw.server.events.on('response:mocked', listener);
  const button = await screen.findByRole('button', { name });
  await userEvent.click(button);
  // On its way (jsdom does not leave the page): the button stays busy, the attempt is kept in this tab.
  await waitFor(() => expect(button.getAttribute('aria-busy')).toBe('true'));
  await waitFor(() => expect(urls).toHaveLength(1));
  msw.server.events.removeListener('response:mocked', listener);
  const key = Object.keys(sessionStorage).find((k) => k.endsWith('.thirdPartyAttempt'))!;
  const kept = JSON.parse(sessionStorage.getItem(key)!) as { state: string };
  const url = new URL(await urls[0]!);
  url.searchParams.set('state', kept.state);
  return url.href;
}

describe('social sign-in', () => {
  it('offers each provider, leaves for it, and the way back signs in and continues to the page asked for', async () => {
    const email = newEmail();
    renderKit({ client: testClient(), path: '/orders' });
    expect(await screen.findByRole('list', { name: 'Sign in with another account' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Continue with Demo ID (no email)' })).toBeTruthy();
    expect(screen.getByText('or')).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
    const url = await leaveFor('Continue with Demo ID');
    expect(msw.count('GET /auth/authorisationurl')).toBe(1);

    const back = await signInAtIdp(url, email);
    expect(back.pathname).toBe(`/auth/callback/${LOCAL_IDP.withEmail}`);
    cleanup();
    const client = testClient();
    renderKit({ client, path: `${back.pathname}${back.search}` });
    expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
    expect(location()).toBe('/orders');
    expect(client.session.getSnapshot().status).toBe('signedIn');
  });

  it('a provider that gives no address says so; a cancel says so; a way back this tab did not start sends nothing', async () => {
    renderKit({ client: testClient(), path: '/auth' });
    const noEmail = await signInAtIdp(await leaveFor('Continue with Demo ID (no email)'), newEmail());
    cleanup();
    renderKit({ client: testClient(), path: `${noEmail.pathname}${noEmail.search}` });
    expect(await screen.findByRole('heading', { name: 'No email address from Demo ID (no email)' })).toBeTruthy();
    expect(await axeViolations()).toEqual([]);

    cleanup();
    renderKit({ client: testClient(), path: '/auth' });
    const cancelled = await signInAtIdp(await leaveFor('Continue with Demo ID'), null);
    cleanup();
    renderKit({ client: testClient(), path: `${cancelled.pathname}${cancelled.search}` });
    expect(await screen.findByRole('heading', { name: 'Sign-in cancelled' })).toBeTruthy();
    await userEvent.click(screen.getByRole('link', { name: 'Back to sign in' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();

    cleanup();
    const before = msw.count('POST /auth/signinup');
    renderKit({ client: testClient(), path: `/auth/callback/${LOCAL_IDP.withEmail}?code=stolen&state=forged` });
    expect(await screen.findByRole('heading', { name: 'This sign-in did not start here' })).toBeTruthy();
    expect(msw.count('POST /auth/signinup')).toBe(before);
  });
});

/** Signs `client` in through Demo ID as `email`; with `link`, adds Demo ID to the account `client` is signed in to. */
async function throughDemoId(client: ReturnType<typeof testClient>, email: string, link = false) {
  const redirectURIOnProviderDashboard = `${window.location.origin}/auth/callback/${LOCAL_IDP.withEmail}`;
  const url = await client.thirdParty.getAuthorisationURL({ thirdPartyId: LOCAL_IDP.withEmail, redirectURIOnProviderDashboard });
  if (url.status !== 'OK') throw new Error(url.status);
  const back = await signInAtIdp(url.urlWithQueryParams, email);
  const redirectURIInfo = { redirectURIOnProviderDashboard, redirectURIQueryParams: Object.fromEntries(back.searchParams), pkceCodeVerifier: url.pkceCodeVerifier };
  if (!link) return expect((await client.thirdParty.signInUp({ thirdPartyId: LOCAL_IDP.withEmail, ...redirectURIInfo })).status).toBe('OK');
  // Linked directly (the settings' Connect button goes through the provider's page: the tests below).
  const { apiDomain, apiBasePath } = client.config;
  const linked = await client.fetch(`${apiDomain}${apiBasePath}/signinup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', rid: 'thirdparty' },
    body: JSON.stringify({ thirdPartyId: LOCAL_IDP.withEmail, redirectURIInfo, shouldTryLinkingWithSessionUser: true }),
  });
  expect(((await linked.json()) as { status: string }).status).toBe('OK');
}

describe('connected accounts in the settings', () => {
  it('lists Demo ID; the browser that signed in with it cannot disconnect it, another can, and the first is signed out', async () => {
    const email = newEmail();
    const withPassword = testClient();
    await withPassword.emailPassword.signUp({ email, password: 'password123' });
    await throughDemoId(withPassword, email, true);
    const withDemoId = testClient();
    await throughDemoId(withDemoId, email);

    const settings = [{ path: '/settings', element: <MFASettingsScreen /> }];
    renderKit({ client: withDemoId, path: '/settings', routes: settings });
    const section = (await screen.findByRole('heading', { name: 'Connected accounts' })).closest('section')!;
    const row = await within(section).findByRole('listitem');
    expect(row.textContent).toContain(`Demo ID${email}`);
    expect(row.textContent).toContain('You signed in with it here');
    expect(await axeViolations()).toEqual([]);
    await userEvent.click(within(row).getByRole('button', { name: `Disconnect Demo ID · ${email}` }));
    expect((await within(section).findByRole('alert')).textContent).toBe('You signed in with Demo ID on this device. Sign in another way to disconnect it.');

    cleanup();
    renderKit({ client: withPassword, path: '/settings', routes: settings });
    const there = (await screen.findByRole('heading', { name: 'Connected accounts' })).closest('section')!;
    const other = await within(there).findByRole('listitem');
    expect(other.textContent).not.toContain('here');
    await userEvent.click(within(other).getByRole('button', { name: `Disconnect Demo ID · ${email}` }));
    expect(await within(there).findByText('No other service signs you in.')).toBeTruthy();
    expect(within(there).getByText('Demo ID no longer signs you in.')).toBeTruthy();
    // The browser that signed in with it is signed out at its next request.
    await withDemoId.connectedAccounts.list().catch(() => undefined);
    await waitFor(() => expect(withDemoId.session.getSnapshot().status).toBe('signedOut'));
  });

  it('connects Demo ID from the settings: to the provider and back to the settings, which list it', async () => {
    const email = newEmail();
    const client = testClient();
    await client.emailPassword.signUp({ email, password: 'password123' });
    const settings = [{ path: '/settings', element: <MFASettingsScreen /> }];
    renderKit({ client, path: '/settings', routes: settings });
    const section = (await screen.findByRole('heading', { name: 'Connected accounts' })).closest('section')!;
    expect(await within(section).findByText('No other service signs you in.')).toBeTruthy();
    // Signed in a moment ago with the password, the only factor: no re-verification before leaving.
    const back = await signInAtIdp(await leaveFor('Connect Demo ID'), email);
    expect(screen.queryByRole('dialog')).toBeNull();

    cleanup();
    renderKit({ client, path: `${back.pathname}${back.search}`, routes: settings });
    await waitFor(() => expect(location()).toBe('/settings'));
    const row = await within((await screen.findByRole('heading', { name: 'Connected accounts' })).closest('section')!).findByRole('listitem');
    expect(row.textContent).toContain(`Demo ID${email}`);
    expect(screen.queryByRole('button', { name: 'Connect Demo ID' })).toBeNull();
  });

  it('an account with an app asks for it in a dialog before leaving to connect a provider', async () => {
    const email = newEmail();
    const setup = testClient();
    await setup.emailPassword.signUp({ email, password: 'password123' });
    const device = await setup.totp.createDevice({ deviceName: 'Phone' });
    if (device.status !== 'OK') throw new Error(device.status);
    expect((await setup.totp.verifyDevice({ deviceName: 'Phone', totp: totpCode(device.secret) })).status).toBe('OK');
    // A later sign-in with the password alone (nothing is required at sign-in).
    const client = testClient();
    await client.emailPassword.signIn({ email, password: 'password123' });
    renderKit({ client, path: '/settings', routes: [{ path: '/settings', element: <MFASettingsScreen /> }] });
    await userEvent.click(await screen.findByRole('button', { name: 'Connect Demo ID' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('heading', { level: 2 }).textContent).toBeTruthy();
    expect(msw.count('GET /auth/authorisationurl')).toBe(0);
    expect(await axeViolations()).toEqual([]);
  });

  it('a connect cancelled at the provider says so and leads back to the settings, not to sign-in', async () => {
    const client = testClient();
    await client.emailPassword.signUp({ email: newEmail(), password: 'password123' });
    const settings = [{ path: '/settings', element: <MFASettingsScreen /> }];
    renderKit({ client, path: '/settings', routes: settings });
    const back = await signInAtIdp(await leaveFor('Connect Demo ID'), null);
    cleanup();
    renderKit({ client, path: `${back.pathname}${back.search}`, routes: settings });
    expect(await screen.findByRole('heading', { name: 'Sign-in cancelled' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Back to sign in' })).toBeNull();
    await userEvent.click(screen.getByRole('link', { name: 'Back to your account' }));
    expect(await screen.findByRole('heading', { name: 'Connected accounts' })).toBeTruthy();
    expect(location()).toBe('/settings');
    expect(client.session.getSnapshot().status).toBe('signedIn');
  });
});
