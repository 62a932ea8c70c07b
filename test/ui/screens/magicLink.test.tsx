// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Backend } from '../../../src/server/index.ts';
import { inProcessBackend, testClient } from '../../react/helpers.tsx';
import { axeViolations, location, renderKit } from './helpers.tsx';

/** Signing in with a magic link (`link-email` as a first factor): the request, then the link in the same or another browser. */

let backend: Backend;
inProcessBackend(
  {
    passwordless: { contactMethod: 'EMAIL', flowType: 'USER_INPUT_CODE_AND_MAGIC_LINK' },
    mfa: {},
    tenants: [{ tenantId: 'links', firstFactors: ['emailpassword', 'link-email'] }],
  },
  (b) => (backend = b),
);

let n = 0;
const newEmail = () => `magic${++n}-${Date.now()}@example.com`;
const client = () => testClient({ tenantId: 'links' });

async function linkFor(to: string): Promise<string> {
  const [mail] = await backend.outbox.list({ to, limit: 1 });
  const link = new URL(mail!.link!);
  return `${link.pathname}${link.search}${link.hash}`;
}

describe('magic link sign-in', () => {
  it('asks for the address, says a link was sent (no code to type), and the link signs in at once in this browser', async () => {
    const email = newEmail();
    const user = userEvent.setup();
    renderKit({ client: client(), path: '/orders' });
    await user.click(await screen.findByRole('button', { name: 'Sign in with a link by email' }));
    expect(await screen.findByRole('heading', { name: 'Get a sign-in link by email' })).toBeTruthy();
    await user.type(screen.getByLabelText('Email address'), email);
    await user.click(screen.getByRole('button', { name: 'Send the link' }));
    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeTruthy();
    expect(screen.getByText(`We sent a sign-in link to ${email}. Open it on this device or another one.`)).toBeTruthy();
    expect(screen.queryByLabelText('Verification code')).toBeNull();
    expect(screen.getByRole('button', { name: 'Send a new link' })).toBeTruthy();
    expect(await axeViolations()).toEqual([]);

    // The link opened in this browser (its attempt is in this tab's storage): no question asked.
    const link = await linkFor(email);
    cleanup();
    const signedIn = client();
    renderKit({ client: signedIn, path: link });
    expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
    expect(location()).toBe('/orders');
    expect(signedIn.session.getSnapshot().status).toBe('signedIn');
  });

  it('in another browser it asks first, then signs in; a used link says so', async () => {
    const email = newEmail();
    await client().passwordless.createCode({ email });
    const link = await linkFor(email);
    const user = userEvent.setup();
    renderKit({ client: client(), path: link });
    expect(await screen.findByRole('heading', { name: 'Sign in on this device?' })).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Continue signing in' }));
    expect(await screen.findByRole('heading', { name: 'Home' })).toBeTruthy();

    cleanup();
    renderKit({ client: client(), path: link });
    await user.click(await screen.findByRole('button', { name: 'Continue signing in' }));
    expect(await screen.findByRole('heading', { name: 'This sign-in link no longer works' })).toBeTruthy();
    await user.click(screen.getByRole('link', { name: 'Back to sign in' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
  });

  it('a URL without a link is a dead link', async () => {
    renderKit({ client: client(), path: '/auth/verify?preAuthSessionId=x' });
    expect(await screen.findByRole('heading', { name: 'This sign-in link no longer works' })).toBeTruthy();
  });
});
