// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryStorage } from '../../../src/core/index.ts';
import { MFASettingsScreen, PasskeyPrompt } from '../../../src/ui/index.ts';
import { SoftAuthenticator } from '../../server/softAuthenticator.ts';
import { WEBSITE } from '../../server/helpers.ts';
import { inProcessBackend, settableRequirements, testClient } from '../../react/helpers.tsx';
import { renderKit } from './helpers.tsx';

// Nothing asked at sign-in; passkeys are a first factor.
const required = settableRequirements([]);
inProcessBackend({ mfa: { ...required.mfa, firstFactors: ['emailpassword', 'webauthn'] }, webauthn: {} });

let n = 0;
afterEach(() => vi.unstubAllGlobals());

/** Signed up here with a passkey made by a software authenticator (jsdom has no WebAuthn). */
async function passkeyAccount() {
  const client = testClient({ storage: createMemoryStorage() });
  const email = `passkey-settings${++n}-${Date.now()}@example.com`;
  const options = await client.webauthn.registerOptions({ email });
  if (options.status !== 'OK') throw new Error(options.status);
  const credential = await new SoftAuthenticator(WEBSITE, new URL(WEBSITE).hostname).register(options);
  const made = await client.webauthn.signUp({ webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId, credential });
  if (made.status !== 'OK') throw new Error(made.status);
  return client;
}

describe('passkeys in the settings', () => {
  it('lists the passkey and renames it', async () => {
    const client = await passkeyAccount();
    const user = userEvent.setup();
    renderKit({ client, path: '/settings', routes: [{ path: '/settings', element: <MFASettingsScreen /> }] });
    const section = (await screen.findByRole('heading', { name: 'Passkeys' })).closest('section')!;
    const item = await within(section).findByRole('listitem');
    expect(item.textContent).toMatch(/^Passkey/);
    await user.click(within(item).getByRole('button', { name: 'Rename Passkey' }));
    await user.type(within(item).getByLabelText('Name'), 'Work laptop');
    await user.click(within(item).getByRole('button', { name: 'Save' }));
    expect(await within(section).findByText('Work laptop')).toBeTruthy();
    expect(await within(section).findByText('Passkey renamed.')).toBeTruthy();
  });
});

describe('PasskeyPrompt', () => {
  it('offers a passkey to a password user where the browser has WebAuthn; "Not now" is remembered', async () => {
    vi.stubGlobal('PublicKeyCredential', function PublicKeyCredential() {});
    const client = testClient({ storage: createMemoryStorage() });
    await client.emailPassword.signUp({ email: `prompt${++n}-${Date.now()}@example.com`, password: 'password123' });
    const user = userEvent.setup();
    const page = { path: '/welcome', element: <PasskeyPrompt /> };
    const first = renderKit({ client, path: '/welcome', routes: [page] });
    expect(await screen.findByRole('heading', { name: 'Sign in faster next time' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Not now' }));
    expect(screen.queryByRole('heading', { name: 'Sign in faster next time' })).toBeNull();
    first.unmount();
    const again = renderKit({ client, path: '/welcome', routes: [page] });
    // Once the passkey list has answered (the last thing it waits for), it is still not shown.
    await waitFor(() => expect(again.queryClient.getQueryState(['factorkit', 'session', 'passkeys'])?.status).toBe('success'));
    expect(screen.queryByRole('heading', { name: 'Sign in faster next time' })).toBeNull();
  });

  it('not for a user who has a passkey already', async () => {
    vi.stubGlobal('PublicKeyCredential', function PublicKeyCredential() {});
    const client = await passkeyAccount();
    const view = renderKit({ client, path: '/welcome', routes: [{ path: '/welcome', element: <PasskeyPrompt /> }] });
    await waitFor(() => expect(view.queryClient.getQueryState(['factorkit', 'session', 'passkeys'])?.status).toBe('success'));
    expect(screen.queryByRole('heading', { name: 'Sign in faster next time' })).toBeNull();
  });
});
