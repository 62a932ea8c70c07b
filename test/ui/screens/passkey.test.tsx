// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryStorage } from '../../../src/core/index.ts';
import { inProcessBackend, settableRequirements, testClient } from '../../react/helpers.tsx';
import { axeViolations, location, renderKit } from './helpers.tsx';

// A passkey after the password (webauthn.secondFactor). jsdom has no WebAuthn: the screens say so,
// and the sign-in screen shows no passkey button; with a stub the button appears.
const required = settableRequirements(['webauthn']);
inProcessBackend({ mfa: { ...required.mfa, firstFactors: ['emailpassword', 'webauthn'] }, webauthn: { secondFactor: true } });

let n = 0;
afterEach(() => vi.unstubAllGlobals());

async function signedUpWithPassword() {
  const storage = createMemoryStorage();
  const client = testClient({ storage });
  await client.emailPassword.signUp({ email: `passkey-screen${++n}-${Date.now()}@example.com`, password: 'password123' });
  return client;
}

describe('PasskeyScreen', () => {
  it('after the password, sign-in goes to the passkey screen: create one (no passkey yet), with the ways out', async () => {
    const client = await signedUpWithPassword();
    renderKit({ client, path: '/orders' });
    expect(await screen.findByRole('heading', { name: 'Add a passkey' })).toBeTruthy();
    expect(location()).toMatch(/^\/auth\/mfa\/webauthn\?/);
    expect(screen.getByText('Use your fingerprint, face or screen lock.')).toBeTruthy();
    // No WebAuthn in this browser: said so, and the button does nothing.
    expect(screen.getByText('This browser can’t use passkeys. Sign in another way.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add a passkey' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
  });
});

describe('SignInScreen with passkeys', () => {
  it('offers "Sign in with a passkey" only where the browser has WebAuthn', async () => {
    renderKit({ client: testClient({ storage: createMemoryStorage() }), path: '/auth' });
    await screen.findByRole('heading', { name: 'Sign in' });
    expect(screen.queryByRole('button', { name: 'Sign in with a passkey' })).toBeNull();
  });

  it('with WebAuthn: the button above "or", and on sign-up "Sign up with a passkey instead" below the form asks for the address first', async () => {
    vi.stubGlobal('PublicKeyCredential', function PublicKeyCredential() {});
    const user = userEvent.setup();
    renderKit({ client: testClient({ storage: createMemoryStorage() }), path: '/auth' });
    expect(await screen.findByRole('button', { name: 'Sign in with a passkey' })).toBeTruthy();
    // Password managers and the browser offer passkeys in the email field's autofill.
    expect(screen.getByLabelText('Email address').getAttribute('autocomplete')).toBe('username webauthn');
    expect(screen.getByText('or')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Create an account' }));
    // Sign-up offers the passkey below the form: no "or" above the form with nothing before it.
    expect(await screen.findByRole('heading', { name: 'Create an account' })).toBeTruthy();
    expect(screen.queryByText('or')).toBeNull();
    await user.click(await screen.findByRole('button', { name: 'Sign up with a passkey instead' }));
    expect(await screen.findByText('Enter your email address first, then create the passkey.')).toBeTruthy();
  });
});

describe('PasskeyRecoveryScreen', () => {
  it('asks for the address and says a link is on its way (the same for any address)', async () => {
    const user = userEvent.setup();
    renderKit({ client: testClient({ storage: createMemoryStorage() }), path: '/auth/webauthn/recover' });
    await screen.findByRole('heading', { name: 'Lost your passkey?' });
    await user.type(screen.getByLabelText('Email address'), 'nobody@example.com');
    await user.click(screen.getByRole('button', { name: 'Email me a link' }));
    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeTruthy();
    expect(screen.getByText(/If nobody@example\.com has a passkey account/)).toBeTruthy();
  });

  it('a link that expired or was used: said so, and the token left the address bar', async () => {
    vi.stubGlobal('PublicKeyCredential', function PublicKeyCredential() {});
    window.history.replaceState(null, '', '/auth/webauthn/recover?token=used-token&tenantId=public');
    const user = userEvent.setup();
    renderKit({ client: testClient({ storage: createMemoryStorage() }), path: '/auth/webauthn/recover?token=used-token&tenantId=public' });
    await user.click(await screen.findByRole('button', { name: 'Make a new passkey' }));
    expect(await screen.findByText('This link has expired or was used already. Ask for a new one.')).toBeTruthy();
    expect(window.location.search).toBe('?tenantId=public');
    expect(await axeViolations()).toEqual([]);
  });
});
