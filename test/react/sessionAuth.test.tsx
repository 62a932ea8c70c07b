// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryStorage, type ChannelLike } from '../../src/core/index.ts';
import { SessionAuth, useGuardHold, type GuardHold } from '../../src/react/index.ts';
import type { Backend } from '../../src/server/index.ts';
import { TestClient, totpCode } from '../server/helpers.ts';
import { inProcessBackend, protectedRenders, renderApp, settableRequirements, testClient } from './helpers.tsx';

let backend: Backend;
const policy = settableRequirements(['totp']);
const msw = inProcessBackend({ emailVerification: { mode: 'REQUIRED' }, mfa: policy.mfa }, (b) => (backend = b));
afterEach(() => {
  protectedRenders.length = 0;
});

let n = 0;
const email = () => `react${++n}-${Date.now()}@example.com`;
const location = () => screen.getByRole('status', { name: 'location' }).textContent;

/** A user signed in with a password in `client` (the first factor only). */
async function signedUp(client: ReturnType<typeof testClient>) {
  const address = email();
  const result = await client.emailPassword.signUp({ email: address, password: 'password123' });
  expect(result.status).toBe('OK');
  msw.calls.length = 0;
  return address;
}

async function setUpTotpOnScreen(user: ReturnType<typeof userEvent.setup>) {
  const secret = (await screen.findByLabelText('secret')).textContent!;
  await user.type(screen.getByLabelText('Code'), totpCode(secret));
  await user.click(screen.getByRole('button', { name: 'Verify' }));
  return secret;
}

describe('SessionAuth', () => {
  it('without a session goes to sign-in carrying path, query and hash, and never renders the page', async () => {
    renderApp({ client: testClient(), path: '/orders?id=7#items' });
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(location()).toBe(`/auth?redirectToPath=${encodeURIComponent('/orders?id=7#items')}`);
    expect(protectedRenders).toEqual([]);
    expect(msw.calls).toEqual([]);
  });

  it('shows the fallback in an aria-busy region until it decides', async () => {
    const client = testClient();
    await signedUp(client);
    policy.set([]);
    renderApp({ client, path: '/orders' });
    // The decision is asynchronous: the first paint is the fallback, never the page.
    expect(screen.getByText('Checking your session').closest('[aria-busy="true"]')).toBeTruthy();
    expect(protectedRenders).toEqual([]);
    expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
  });

  it('a complete session opens a protected page with zero requests', async () => {
    policy.set([]);
    const client = testClient();
    await signedUp(client);
    // The first factor's session already says MFA is complete under this policy.
    await client.resolveNext({ factors: [] });
    msw.calls.length = 0;
    renderApp({ client, path: '/orders?id=1' });
    expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
    expect(msw.calls).toEqual([]);
  });

  it('sign-in, then the only next factor, then back to the page with its query string, in 3 requests', async () => {
    const address = email();
    const setup = new TestClient(backend);
    await setup.signUp(address);
    const device = await setup.request('POST', '/totp/device', { deviceName: 'Phone' });
    await setup.request('POST', '/totp/device/verify', { deviceName: 'Phone', totp: totpCode(device.body.secret) });
    msw.calls.length = 0;

    const user = userEvent.setup();
    renderApp({ client: testClient(), path: '/orders?id=7&tab=open' });
    await screen.findByRole('heading', { name: 'Sign in' });
    await user.type(screen.getByLabelText('Email'), address);
    await user.type(screen.getByLabelText('Password'), 'password123');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { name: 'Enter your TOTP code' })).toBeTruthy();
    expect(location()).toBe(`/auth/mfa/totp?redirectToPath=${encodeURIComponent('/orders?id=7&tab=open')}`);
    // A new 30-second window, so the code is not the one used at setup (replays are refused).
    await user.type(screen.getByLabelText('Code'), totpCode(device.body.secret, Date.now() + 30_000));
    await user.click(screen.getByRole('button', { name: 'Verify' }));

    expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
    expect(location()).toBe('/orders?id=7&tab=open');
    expect(msw.calls).toEqual(['POST /auth/signin', 'PUT /auth/mfa/info', 'POST /auth/totp/verify']);
  });

  it('MFA incomplete with one next factor: straight to it; finishing it returns to the page', async () => {
    const client = testClient();
    await signedUp(client);
    const user = userEvent.setup();
    renderApp({ client, path: '/orders?id=7' });
    expect(await screen.findByRole('heading', { name: 'Set up TOTP' })).toBeTruthy();
    expect(location()).toBe(`/auth/mfa/totp?redirectToPath=${encodeURIComponent('/orders?id=7')}`);
    await setUpTotpOnScreen(user);
    expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
    expect(location()).toBe('/orders?id=7');
  });

  it('MFA incomplete with two possible factors: the chooser lists them, and the choice keeps redirectToPath', async () => {
    policy.set([{ oneOf: ['totp', 'otp-email'] }]);
    const client = testClient();
    await signedUp(client);
    const user = userEvent.setup();
    renderApp({ client, path: '/orders?id=3' });
    const factors = await screen.findByRole('navigation', { name: 'factors' });
    expect([...factors.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['totp', 'otp-email']);
    expect(location()).toBe(`/auth/mfa?n=totp%2Cotp-email&redirectToPath=${encodeURIComponent('/orders?id=3')}`);
    await user.click(screen.getByRole('button', { name: 'totp' }));
    expect(await screen.findByRole('heading', { name: 'Set up TOTP' })).toBeTruthy();
    await setUpTotpOnScreen(user);
    expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
    expect(location()).toBe('/orders?id=3');
  });

  it('a custom factor registered with the provider appears in the chooser', async () => {
    policy.set([{ oneOf: ['totp', 'otp-email'] }]);
    const client = testClient();
    await signedUp(client);
    renderApp({
      client,
      path: '/auth/mfa?stepUp=true',
      provider: { factors: [{ id: 'otp-email', path: '/mfa/otp-email', label: 'Email code' }, { id: 'totp', path: '/mfa/totp', label: 'Authenticator app' }] },
    });
    const factors = await screen.findByRole('navigation', { name: 'factors' });
    expect([...factors.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Email code', 'Authenticator app']);
  });

  it.each([
    ['beforeMfa', 'Verify your email', '/auth/verify-email'],
    ['afterMfa', 'Set up TOTP', '/auth/mfa/totp'],
  ] as const)('email verification %s: the first failing validator decides', async (order, heading, path) => {
    const client = testClient({ claims: { emailVerification: { mode: 'REQUIRED', order } } });
    await signedUp(client);
    renderApp({ client, path: '/orders?id=9' });
    expect(await screen.findByRole('heading', { name: heading })).toBeTruthy();
    expect(location()).toBe(`${path}?redirectToPath=${encodeURIComponent('/orders?id=9')}`);
  });

  it('email verification after MFA: the factor, then verify email, then back, redirectToPath kept throughout', async () => {
    const client = testClient({ claims: { emailVerification: { mode: 'REQUIRED', order: 'afterMfa' } } });
    const address = await signedUp(client);
    const user = userEvent.setup();
    renderApp({ client, path: '/orders?id=9' });
    await screen.findByRole('heading', { name: 'Set up TOTP' });
    await setUpTotpOnScreen(user);
    expect(await screen.findByRole('heading', { name: 'Verify your email' })).toBeTruthy();
    expect(location()).toBe(`/auth/verify-email?redirectToPath=${encodeURIComponent('/orders?id=9')}`);
    // The user opens the link elsewhere; back here they say so.
    await client.emailVerification.sendEmail();
    const [message] = await backend.outbox.list({ to: address, limit: 1 });
    const token = new URL(message!.link!).searchParams.get('token')!;
    expect((await client.emailVerification.verifyToken({ token })).status).toBe('OK');
    await user.click(screen.getByRole('button', { name: 'I have verified it' }));
    expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
    expect(location()).toBe('/orders?id=9');
  });

  it('email verification before MFA through the link opened in this tab: then the factor, then back to the page', async () => {
    const client = testClient({ claims: { emailVerification: { mode: 'REQUIRED', order: 'beforeMfa' } } });
    const address = await signedUp(client);
    const user = userEvent.setup();
    renderApp({ client, path: '/orders?id=11' });
    await screen.findByRole('heading', { name: 'Verify your email' });
    await client.emailVerification.sendEmail();
    const [message] = await backend.outbox.list({ to: address, limit: 1 });
    const link = new URL(message!.link!);
    expect(link.searchParams.has('redirectToPath')).toBe(false);

    // Opening the link is a new page load: the query string of the flow is gone.
    cleanup();
    renderApp({ client, path: `${link.pathname}${link.search}` });
    expect(await screen.findByRole('heading', { name: 'Set up TOTP' })).toBeTruthy();
    expect(location()).toBe(`/auth/mfa/totp?redirectToPath=${encodeURIComponent('/orders?id=11')}`);
    await setUpTotpOnScreen(user);
    expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
    expect(location()).toBe('/orders?id=11');
  });

  it('step-up on one route: re-verify TOTP there, then come back', async () => {
    policy.set([]);
    const client = testClient();
    await signedUp(client);
    const user = userEvent.setup();
    renderApp({ client, path: '/orders' });
    expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
    cleanup();

    renderApp({ client, path: '/admin?tab=users' });
    expect(await screen.findByRole('heading', { name: 'Set up TOTP' })).toBeTruthy();
    expect(location()).toBe(`/auth/mfa/totp?redirectToPath=${encodeURIComponent('/admin?tab=users')}&stepUp=true`);
    await setUpTotpOnScreen(user);
    expect(await screen.findByRole('heading', { name: 'Admin' })).toBeTruthy();
    expect(location()).toBe('/admin?tab=users');
  });

  it('sign-out in another client sharing the channel takes the guarded page back to sign-in', async () => {
    policy.set([]);
    const listeners: ((event: { data: unknown }) => void)[] = [];
    const channel: ChannelLike = {
      postMessage: (data) => queueMicrotask(() => listeners.forEach((l) => l({ data }))),
      addEventListener: (_type, listener) => void listeners.push(listener),
      close: () => undefined,
    };
    const storage = createMemoryStorage(); // one browser profile: the tabs share their storage
    const tabA = testClient({ storage, channel });
    const tabB = testClient({ storage, channel });
    await signedUp(tabA);
    renderApp({ client: tabA, path: '/orders?id=5' });
    expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();

    await tabB.session.signOut();
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Orders' })).toBeNull();
    expect(location()).toBe(`/auth?redirectToPath=${encodeURIComponent('/orders?id=5')}`);
  });

  it('re-validates when the access-token payload changes under an open page', async () => {
    policy.set([]);
    const client = testClient();
    await signedUp(client);
    renderApp({ client, path: '/orders?id=4' });
    expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
    // The requirements tighten; the next resync (any screen, any tab) rewrites st-mfa in the token.
    policy.set(['totp']);
    await client.mfa.getInfo({ fresh: true });
    expect(await screen.findByRole('heading', { name: 'Set up TOTP' })).toBeTruthy();
    expect(location()).toBe(`/auth/mfa/totp?redirectToPath=${encodeURIComponent('/orders?id=4')}`);
  });

  it('a screen holding the guards keeps its page while MFA falls short; released, the guard moves on', async () => {
    policy.set([]);
    const client = testClient();
    await signedUp(client);
    let hold: GuardHold | undefined;
    function TakeHold() {
      hold = useGuardHold();
      return null;
    }
    renderApp({ client, path: '/orders?id=5', inside: <TakeHold /> });
    expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
    const release = hold!.hold();
    policy.set(['totp']);
    await client.mfa.getInfo({ fresh: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.getByRole('heading', { name: 'Orders' })).toBeTruthy();
    expect(location()).toBe('/orders?id=5');
    release();
    expect(await screen.findByRole('heading', { name: 'Set up TOTP' })).toBeTruthy();
    expect(location()).toBe(`/auth/mfa/totp?redirectToPath=${encodeURIComponent('/orders?id=5')}`);
  });

  it('a hold does not keep a page once the session is gone', async () => {
    policy.set([]);
    const client = testClient();
    await signedUp(client);
    let hold: GuardHold | undefined;
    function TakeHold() {
      hold = useGuardHold();
      return null;
    }
    renderApp({ client, path: '/orders?id=6', inside: <TakeHold /> });
    expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
    hold!.hold();
    await client.session.signOut();
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
  });

  it('sign-out from this tab goes to sign-in without a way back to the page it left', async () => {
    policy.set([]);
    const client = testClient();
    await signedUp(client);
    const user = userEvent.setup();
    renderApp({ client, path: '/auth/settings' });
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(location()).toBe('/auth');
  });

  it('renders the access-denied fallback when the app enables none of the possible factors', async () => {
    policy.set(['otp-phone']);
    const client = testClient();
    await signedUp(client);
    renderApp({ client, path: '/orders', provider: { factors: [{ id: 'totp', path: '/mfa/totp' }] } });
    expect((await screen.findByRole('alert')).textContent).toBe('Access denied');
    expect(protectedRenders).toEqual([]);
  });

  it('getRedirectionURL overrides a destination', async () => {
    renderApp({ client: testClient(), path: '/orders', provider: { getRedirectionURL: (c) => (c.type === 'SIGN_IN' ? '/' : undefined) } });
    expect(await screen.findByRole('heading', { name: 'Home' })).toBeTruthy();
  });

  it('a hook or guard outside <AuthProvider> says how to fix it', () => {
    const spy = console.error;
    console.error = () => undefined; // React reports the thrown render error too
    try {
      expect(() => render(<SessionAuth>x</SessionAuth>)).toThrow(/SessionAuth must be used inside <AuthProvider>/);
    } finally {
      console.error = spy;
    }
  });
});
