// @vitest-environment jsdom
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, passthrough } from 'msw';
import { LOCAL_IDP, startLocalIdpProcess, type LocalIdp } from '../../../demo/localIdp.ts';
import type { ThirdPartyProviderConfig } from '../../../src/server/index.ts';
import { signInAtIdp } from '../../server/idp.ts';
import { inProcessBackend, testClient } from '../../react/helpers.tsx';
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
