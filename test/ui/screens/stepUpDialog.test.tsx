// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryStorage } from '../../../src/core/index.ts';
import { SessionAuth } from '../../../src/react/index.ts';
import { renderStepUpDialog, SecurityScreen } from '../../../src/ui/index.ts';
import { totpCode } from '../../server/helpers.ts';
import { inProcessBackend, settableRequirements, testClient } from '../../react/helpers.tsx';
import { axeViolations, location, renderKit } from './helpers.tsx';

// Nothing asked at sign-in: the app's own page asks for the authenticator app (step-up).
const required = settableRequirements([]);
inProcessBackend({ mfa: required.mfa });

let n = 0;

/** Signed in with the password only; the account has an authenticator app. */
async function signedInWithApp() {
  const storage = createMemoryStorage();
  const client = testClient({ storage });
  await client.emailPassword.signUp({ email: `dialog${++n}-${Date.now()}@example.com`, password: 'password123' });
  const device = await client.totp.createDevice({ deviceName: 'Phone' });
  if (device.status !== 'OK') throw new Error(device.status);
  await client.totp.verifyDevice({ deviceName: 'Phone', totp: totpCode(device.secret) });
  const fresh = testClient({ storage: createMemoryStorage() });
  const email = (await client.mfa.getInfo()) as { emails: Record<string, string[]> };
  await fresh.emailPassword.signIn({ email: email.emails.emailpassword![0]!, password: 'password123' });
  return { client: fresh, secret: device.secret };
}

const transfer = { path: '/transfer', element: (
  <SessionAuth requireFactors={['totp']} stepUp="dialog">
    <h1>Transfer money</h1>
  </SessionAuth>
) };

describe('<SessionAuth stepUp="dialog">', () => {
  it('asks for the factor in a dialog over the page, without leaving it; the right code shows the page', async () => {
    const { client, secret } = await signedInWithApp();
    const user = userEvent.setup();
    renderKit({ client, path: '/transfer', provider: { stepUpDialog: renderStepUpDialog }, routes: [transfer] });
    const dialog = await screen.findByRole('dialog', { name: 'Confirm it’s you' });
    expect(document.activeElement?.textContent).toBe('Confirm it’s you');
    expect(screen.queryByRole('heading', { name: 'Transfer money' })).toBeNull();
    expect(location()).toBe('/transfer');
    expect(await axeViolations()).toEqual([]);
    await user.type(await screen.findByLabelText('Authentication code'), totpCode(secret, Date.now() + 30_000));
    expect(await screen.findByRole('heading', { name: 'Transfer money' })).toBeTruthy();
    expect(dialog.isConnected).toBe(false);
  });

  it('Cancel leaves the page (home when it was opened directly)', async () => {
    const { client } = await signedInWithApp();
    const user = userEvent.setup();
    renderKit({ client, path: '/transfer', provider: { stepUpDialog: renderStepUpDialog }, routes: [transfer] });
    await screen.findByRole('dialog', { name: 'Confirm it’s you' });
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await screen.findByRole('heading', { name: 'Home' });
    expect(location()).toBe('/');
  });

  it('without a dialog from the provider, step-up goes to the factor’s page as before', async () => {
    const { client } = await signedInWithApp();
    renderKit({ client, path: '/transfer', routes: [transfer] });
    await screen.findByRole('heading', { name: 'Enter your authentication code' });
    await waitFor(() => expect(location()).toMatch(/^\/auth\/mfa\/totp\?/));
  });
});

describe('SecurityScreen', () => {
  it('holds two-step verification and the devices; a change that needs step-up asks in the dialog, then is made', async () => {
    const { client, secret } = await signedInWithApp();
    const user = userEvent.setup();
    renderKit({ client, path: '/security', routes: [{ path: '/security', element: <SecurityScreen /> }] });
    expect(await screen.findByRole('heading', { name: 'Security', level: 1 })).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Two-step verification', level: 2 })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Your devices', level: 2 })).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Where you’re signed in', level: 3 })).toBeTruthy();
    await user.click(await screen.findByRole('button', { name: 'Remove Phone' }));
    // The confirmation's own button (the list's stays above it).
    await user.click((await screen.findAllByRole('button', { name: 'Remove Phone' })).at(-1)!);
    const dialog = await screen.findByRole('dialog', { name: 'Confirm it’s you' });
    // Either method the account had before this session will do.
    await user.click(within(dialog).getByRole('button', { name: 'Use Authenticator app' }));
    await user.type(await within(dialog).findByLabelText('Authentication code'), totpCode(secret, Date.now() + 30_000));
    expect(await screen.findByText('Phone was removed.')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
