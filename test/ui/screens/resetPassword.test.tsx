// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryStorage } from '../../../src/core/index.ts';
import type { Backend } from '../../../src/server/index.ts';
import { inProcessBackend, testClient } from '../../react/helpers.tsx';
import { axeViolations, location, renderKit } from './helpers.tsx';

let backend: Backend;
const msw = inProcessBackend({}, (b) => (backend = b));

let n = 0;
const newEmail = () => `reset-screen${++n}-${Date.now()}@example.com`;

async function account(password = 'password123') {
  const email = newEmail();
  await testClient().emailPassword.signUp({ email, password });
  return email;
}

/** The token of the newest reset link sent to `to` (the email leaves after the answer). */
async function linkToken(to: string): Promise<string> {
  return waitFor(async () => {
    const [mail] = (await backend.outbox.list({ to })).filter((x) => x.type === 'PASSWORD_RESET');
    if (!mail?.link) throw new Error('no link yet');
    return new URL(mail.link).searchParams.get('token')!;
  });
}

describe('ResetPasswordScreen', () => {
  it('from sign-in: “Forgot your password?”, the address checked first, then “check your email”, kept across a reload', async () => {
    const email = await account();
    const user = userEvent.setup();
    renderKit({ client: testClient(), path: '/auth?redirectToPath=%2Forders' });
    await user.click(await screen.findByRole('link', { name: 'Forgot your password?' }));
    expect(await screen.findByRole('heading', { name: 'Reset your password' })).toBeTruthy();
    expect(location()).toBe('/auth/reset-password?redirectToPath=%2Forders');
    await user.click(screen.getByRole('button', { name: 'Send the link' }));
    expect(await screen.findByText('Fill in this field.')).toBeTruthy();
    expect(msw.count('POST /auth/user/password/reset/token')).toBe(0);
    await user.type(screen.getByLabelText('Email address'), email);
    await user.click(screen.getByRole('button', { name: 'Send the link' }));
    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeTruthy();
    expect(screen.getByText(`If an account uses ${email}, we sent it a link to choose a new password. The link works for one hour.`)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Send the link again' }).hasAttribute('disabled')).toBe(true);
    expect(await axeViolations()).toEqual([]);
    // A reload of the tab still says where the link went.
    cleanup();
    renderKit({ client: testClient(), path: '/auth/reset-password' });
    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Use a different email address' }));
    expect(await screen.findByRole('heading', { name: 'Reset your password' })).toBeTruthy();
    // Back to sign-in keeps the page first asked for.
    cleanup();
    renderKit({ client: testClient(), path: '/auth/reset-password?redirectToPath=%2Forders' });
    await user.click(await screen.findByRole('link', { name: 'Back to sign in' }));
    expect(location()).toBe('/auth?redirectToPath=%2Forders');
  });

  it('the link: the new password twice, the policy, then “changed” and signing in with it', async () => {
    const email = await account();
    await testClient().emailPassword.sendPasswordResetEmail({ email });
    const token = await linkToken(email);
    const user = userEvent.setup();
    renderKit({ client: testClient(), path: `/auth/reset-password?token=${token}&tenantId=public` });
    expect(await screen.findByRole('heading', { name: 'Choose a new password' })).toBeTruthy();
    await user.type(screen.getByLabelText('New password'), 'new-password-9');
    await user.type(screen.getByLabelText('New password, again'), 'new-password-8');
    await user.click(screen.getByRole('button', { name: 'Save the new password' }));
    expect(await screen.findByText('The two passwords are not the same.')).toBeTruthy();
    expect(msw.count('POST /auth/user/password/reset')).toBe(0);
    await user.clear(screen.getByLabelText('New password'));
    await user.clear(screen.getByLabelText('New password, again'));
    await user.type(screen.getByLabelText('New password'), 'abcdefgh');
    await user.type(screen.getByLabelText('New password, again'), 'abcdefgh');
    await user.click(screen.getByRole('button', { name: 'Save the new password' }));
    expect(await screen.findByText('Choose a stronger password: at least 8 characters, with at least one letter and one number.')).toBeTruthy();
    // The rule is under the field it is about, and linked to it.
    const field = screen.getByLabelText('New password');
    const rule = screen.getByText('At least 8 characters, with at least one letter and one number.');
    expect(field.compareDocumentPosition(rule) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(field.getAttribute('aria-describedby')).toContain(rule.id);
    // Each field has its own show/hide button inside its box.
    const [showNew, showAgain] = screen.getAllByRole('button', { name: 'Show password' });
    await user.click(showNew!);
    expect(screen.getByLabelText('New password').getAttribute('type')).toBe('text');
    expect(showNew!.getAttribute('aria-pressed')).toBe('true');
    expect(showNew!.getAttribute('aria-label')).toBe('Hide password');
    expect(screen.getByLabelText('New password, again').getAttribute('type')).toBe('password');
    await user.click(showAgain!);
    expect(screen.getByLabelText('New password, again').getAttribute('type')).toBe('text');
    await user.clear(screen.getByLabelText('New password'));
    await user.clear(screen.getByLabelText('New password, again'));
    await user.type(screen.getByLabelText('New password'), 'new-password-9');
    await user.type(screen.getByLabelText('New password, again'), 'new-password-9');
    await user.click(screen.getByRole('button', { name: 'Save the new password' }));
    expect(await screen.findByRole('heading', { name: 'Your password is changed' })).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect((await testClient().emailPassword.signIn({ email, password: 'new-password-9' })).status).toBe('OK');
  });

  it('a used or expired link says so and offers a new one', async () => {
    const user = userEvent.setup();
    renderKit({ client: testClient(), path: '/auth/reset-password?token=not-a-token' });
    await user.type(await screen.findByLabelText('New password'), 'new-password-9');
    await user.type(screen.getByLabelText('New password, again'), 'new-password-9');
    await user.click(screen.getByRole('button', { name: 'Save the new password' }));
    expect(await screen.findByRole('heading', { name: 'This link no longer works' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Ask for a new link' }));
    expect(await screen.findByRole('heading', { name: 'Reset your password' })).toBeTruthy();
  });

  it('a signed-in browser forgets its session once the reset ended them all', async () => {
    const email = await account();
    const storage = createMemoryStorage();
    const client = testClient({ storage });
    await client.emailPassword.signIn({ email, password: 'password123' });
    await client.emailPassword.sendPasswordResetEmail({ email });
    const token = await linkToken(email);
    const user = userEvent.setup();
    renderKit({ client, path: `/auth/reset-password?token=${token}` });
    await user.type(await screen.findByLabelText('New password'), 'new-password-9');
    await user.type(screen.getByLabelText('New password, again'), 'new-password-9');
    await user.click(screen.getByRole('button', { name: 'Save the new password' }));
    expect(await screen.findByRole('heading', { name: 'Your password is changed' })).toBeTruthy();
    await waitFor(() => expect(client.session.getSnapshot().status).toBe('signedOut'));
  });
});
