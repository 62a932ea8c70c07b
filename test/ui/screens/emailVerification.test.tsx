// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryStorage } from '../../../src/core/index.ts';
import type { Backend } from '../../../src/server/index.ts';
import { emailVerification } from '../../../src/testing/index.ts';
import { inProcessBackend, testClient } from '../../react/helpers.tsx';
import { location, renderKit } from './helpers.tsx';

let backend: Backend;
const msw = inProcessBackend({ emailVerification: { mode: 'REQUIRED' } }, (b) => (backend = b));
const evClient = (storage = createMemoryStorage()) => testClient({ storage, claims: { emailVerification: { mode: 'REQUIRED', order: 'beforeMfa' } } });

afterEach(() => {
  window.history.replaceState(null, '', '/');
});

let n = 0;
const { count } = msw;

async function signedUp() {
  const storage = createMemoryStorage();
  const email = `ev${++n}-${Date.now()}@example.com`;
  await evClient(storage).emailPassword.signUp({ email, password: 'password123' });
  msw.calls.length = 0;
  return { storage, email };
}

async function linkFor(email: string): Promise<string> {
  const [message] = await backend.outbox.list({ to: email, limit: 1 });
  if (!message?.link) throw new Error(`no link for ${email}`);
  const url = new URL(message.link);
  return `${url.pathname}${url.search}`;
}

describe('EmailVerificationScreen', () => {
  it('"check your inbox": sends once (not again on reload), resend waits for its cooldown, "I have confirmed" checks', async () => {
    const { storage } = await signedUp();
    const user = userEvent.setup();
    renderKit({ client: evClient(storage), path: '/orders' });
    expect(await screen.findByRole('heading', { name: 'Check your inbox' })).toBeTruthy();
    await screen.findByText(/You can ask for another email in \d+s/);
    expect(count('POST /auth/user/email/verify/token')).toBe(1);
    expect((screen.getByRole('button', { name: 'Send the email again' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/You can ask for another email in \d+s/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'I have confirmed my email address' }));
    expect(await screen.findByText('Your email address is not confirmed yet. Open the link in the email we sent you.')).toBeTruthy();

    cleanup();
    renderKit({ client: evClient(storage), path: '/auth/verify-email' });
    expect(await screen.findByRole('heading', { name: 'Check your inbox' })).toBeTruthy();
    expect(count('POST /auth/user/email/verify/token')).toBe(1);
  });

  it('resend after the cooldown tells the user', async () => {
    const { storage } = await signedUp();
    const user = userEvent.setup();
    renderKit({ client: evClient(storage), path: '/auth/verify-email', provider: {} });
    await screen.findByRole('heading', { name: 'Check your inbox' });
    await screen.findByText(/You can ask for another email in \d+s/);
    cleanup();
    const key = Object.keys(sessionStorage).find((k) => k.includes('emailVerificationSentAt'))!;
    sessionStorage.setItem(key, String(Date.now() - 60_000));
    renderKit({ client: evClient(storage), path: '/auth/verify-email' });
    const resend = await screen.findByRole('button', { name: 'Send the email again' });
    await user.dblClick(resend);
    expect(await screen.findByText('We sent you a new email.')).toBeTruthy();
    expect(count('POST /auth/user/email/verify/token')).toBe(2);
  });

  it('the link with a session: token out of the address bar, confirmed, Continue goes to the page asked for', async () => {
    const { storage, email } = await signedUp();
    renderKit({ client: evClient(storage), path: '/orders?o=1' });
    await screen.findByRole('heading', { name: 'Check your inbox' });
    await screen.findByText(/You can ask for another email in \d+s/);
    cleanup();
    const link = await linkFor(email);
    window.history.replaceState(null, '', link);
    renderKit({ client: evClient(storage), path: link });
    expect(await screen.findByRole('heading', { name: 'Email address confirmed' })).toBeTruthy();
    expect(window.location.search).not.toContain('token=');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
    expect(location()).toBe('/orders?o=1');
  });

  it('"check your inbox" moves on by itself when the link is opened in another tab', async () => {
    const { storage, email } = await signedUp();
    const listeners: ((event: { data: unknown }) => void)[] = [];
    const channel = {
      postMessage: (data: unknown) => queueMicrotask(() => listeners.forEach((l) => l({ data }))),
      addEventListener: (_type: string, listener: (event: { data: unknown }) => void) => void listeners.push(listener),
      close: () => undefined,
    };
    const client = testClient({ storage, channel, claims: { emailVerification: { mode: 'REQUIRED', order: 'beforeMfa' } } });
    renderKit({ client, path: '/orders?id=3' });
    await screen.findByRole('heading', { name: 'Check your inbox' });
    await screen.findByText(/You can ask for another email in \d+s/);
    const token = new URL(`http://x${await linkFor(email)}`).searchParams.get('token')!;
    const otherTab = testClient({ storage, channel, claims: { emailVerification: { mode: 'REQUIRED', order: 'beforeMfa' } } });
    expect((await otherTab.emailVerification.verifyToken({ token })).status).toBe('OK');
    expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
    expect(location()).toBe('/orders?id=3');
  });

  it('"check your inbox" checks again when the person comes back to the tab (confirmed on the phone)', async () => {
    const { storage, email } = await signedUp();
    renderKit({ client: evClient(storage), path: '/orders?id=4' });
    await screen.findByRole('heading', { name: 'Check your inbox' });
    await screen.findByText(/You can ask for another email in \d+s/);
    const token = new URL(`http://x${await linkFor(email)}`).searchParams.get('token')!;
    expect((await evClient().emailVerification.verifyToken({ token })).status).toBe('OK');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
  });

  it('the link without a session asks for a click first (mail scanners do not click)', async () => {
    const { storage, email } = await signedUp();
    renderKit({ client: evClient(storage), path: '/auth/verify-email' });
    await screen.findByRole('heading', { name: 'Check your inbox' });
    await screen.findByText(/You can ask for another email in \d+s/);
    cleanup();
    const link = await linkFor(email);
    msw.calls.length = 0;
    renderKit({ client: evClient(), path: link });
    expect(await screen.findByRole('heading', { name: 'Confirm your email address' })).toBeTruthy();
    expect(count('POST /auth/user/email/verify')).toBe(0);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Confirm email address' }));
    expect(await screen.findByRole('heading', { name: 'Email address confirmed' })).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    // The same link opened again later (another device, the mail app's history): confirmed, not "not valid".
    cleanup();
    renderKit({ client: evClient(), path: link });
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Confirm email address' }));
    expect(await screen.findByRole('heading', { name: 'Email address confirmed' })).toBeTruthy();
  });

  it('an expired or invalid link says so and sends a new one', async () => {
    const { storage } = await signedUp();
    msw.server.use(emailVerification.invalidToken());
    renderKit({ client: evClient(storage), path: '/auth/verify-email?token=stale' });
    expect(await screen.findByRole('heading', { name: 'This link has expired or is not valid' })).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Send a new link' }));
    expect(await screen.findByRole('heading', { name: 'Check your inbox' })).toBeTruthy();
    expect(count('POST /auth/user/email/verify/token')).toBe(1);
  });

  it('an address confirmed already continues at once', async () => {
    const { storage, email } = await signedUp();
    await evClient(storage).emailVerification.sendEmail();
    const link = new URL('http://x' + (await linkFor(email)));
    await evClient(storage).emailVerification.verifyToken({ token: link.searchParams.get('token')! });
    msw.calls.length = 0;
    renderKit({ client: evClient(storage), path: '/auth/verify-email?redirectToPath=%2F' });
    expect(await screen.findByRole('heading', { name: 'Home' })).toBeTruthy();
    expect(count('POST /auth/user/email/verify/token')).toBe(0);
  });
});
