// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryStorage } from '../../../src/core/index.ts';
import type { Backend } from '../../../src/server/index.ts';
import { testClock } from '../../server/helpers.ts';
import { inProcessBackend, testClient } from '../../react/helpers.tsx';
import { axeViolations, renderSettingsApp } from './helpers.tsx';

/** The password section of the settings page: a new password, with the current one or right after verifying. */

const clock = testClock(Date.UTC(2026, 7, 1, 9, 0, 0));
let backend: Backend;
inProcessBackend({ now: clock.now }, (b) => (backend = b));
let n = 0;

async function signedUp() {
  const storage = createMemoryStorage();
  const client = testClient({ storage });
  const email = `change-pw${++n}@example.com`;
  expect((await client.emailPassword.signUp({ email, password: 'password123' })).status).toBe('OK');
  return { client, email };
}

describe('changing the password in the settings', () => {
  it('right after signing in, the current password is not asked; the change is announced and works', async () => {
    const { client, email } = await signedUp();
    const user = userEvent.setup();
    renderSettingsApp({ client, path: '/auth/settings' });
    const section = await screen.findByRole('region', { name: 'Password' });
    await user.click(within(section).getByRole('button', { name: 'Change password' }));
    expect(await within(section).findByText('You verified a moment ago, so your current password is not needed.')).toBeTruthy();
    expect(within(section).queryByLabelText('Current password')).toBeNull();
    expect(await axeViolations()).toEqual([]);
    await user.type(within(section).getByLabelText('New password'), 'new-password-9');
    await user.type(within(section).getByLabelText('New password, again'), 'new-password-9');
    await user.click(within(section).getByRole('button', { name: 'Save the new password' }));
    expect(await screen.findByText('Your password is changed. You are signed out on your other devices.')).toBeTruthy();
    expect(within(section).getByRole('button', { name: 'Change password' })).toBeTruthy();
    expect((await testClient().emailPassword.signIn({ email, password: 'new-password-9' })).status).toBe('OK');
  });

  it('later, the current password is asked and checked; a reset link can go to the account instead', async () => {
    const { client, email } = await signedUp();
    clock.advance(10 * 60_000);
    const user = userEvent.setup();
    renderSettingsApp({ client, path: '/auth/settings' });
    const section = await screen.findByRole('region', { name: 'Password' });
    await user.click(within(section).getByRole('button', { name: 'Change password' }));
    await user.type(await within(section).findByLabelText('Current password'), 'wrong-password-1');
    await user.type(within(section).getByLabelText('New password'), 'new-password-9');
    await user.type(within(section).getByLabelText('New password, again'), 'new-password-9');
    await user.click(within(section).getByRole('button', { name: 'Save the new password' }));
    expect(await within(section).findByText('The current password is not correct.')).toBeTruthy();
    await user.click(within(section).getByRole('button', { name: 'Forgot it? Email me a reset link' }));
    expect(await within(section).findByText(`We sent a link to ${email}.`)).toBeTruthy();
    await waitFor(async () => expect((await backend.outbox.list({ to: email })).some((m) => m.type === 'PASSWORD_RESET')).toBe(true));
    await user.clear(within(section).getByLabelText('Current password'));
    await user.type(within(section).getByLabelText('Current password'), 'password123');
    await user.click(within(section).getByRole('button', { name: 'Save the new password' }));
    expect(await screen.findByText('Your password is changed. You are signed out on your other devices.')).toBeTruthy();
  });
});
