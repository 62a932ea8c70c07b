// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { createMemoryStorage } from '../../../src/core/index.ts';
import type { Backend } from '../../../src/server/index.ts';
import { network } from '../../../src/testing/index.ts';
import { API, latestCode } from '../../server/helpers.ts';
import { inProcessBackend, testClient } from '../../react/helpers.tsx';
import { location, renderKit } from './helpers.tsx';

let backend: Backend;
const msw = inProcessBackend({}, (b) => (backend = b));

let n = 0;
const newEmail = () => `signin${++n}-${Date.now()}@example.com`;

describe('SignInScreen', () => {
  it('signs up with the backend’s field errors under their fields and in a summary, then continues to the page asked for', async () => {
    const user = userEvent.setup();
    renderKit({ client: testClient(), path: '/orders?x=1' });
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    // Typing starts in the first field, on arrival and after switching to sign-up (focus is not lost
    // with the switch button); the caret lands once the screen is painted.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Email address')));
    await user.click(screen.getByRole('button', { name: 'Create an account' }));
    expect(await screen.findByRole('heading', { name: 'Create an account' })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Email address')));
    // Nothing typed: both fields, checked before anything is sent, in a summary too.
    await user.click(screen.getByRole('button', { name: 'Sign up' }));
    expect(await screen.findByText('There are 2 problems to fix')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Email address: Fill in this field.' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Password: Fill in this field.' })).toBeTruthy();
    // Not an address: said under the field, without asking the backend.
    await user.type(screen.getByLabelText('Email address'), 'nope');
    await user.type(screen.getByLabelText('Password', { selector: 'input' }), 'short');
    await user.click(screen.getByRole('button', { name: 'Sign up' }));
    const email = screen.getByLabelText('Email address');
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('Enter a valid email address, like name@example.com.')).toBeTruthy();
    expect(screen.queryByText(/problems to fix/)).toBeNull();
    expect(msw.count('POST /auth/signup')).toBe(0);
    // The backend's own rules: the password.
    await user.clear(email);
    await user.type(email, newEmail());
    await user.click(screen.getByRole('button', { name: 'Sign up' }));
    expect(await screen.findByText('Choose a stronger password: at least 8 characters, with at least one letter and one number.')).toBeTruthy();
    expect(email.getAttribute('aria-invalid')).not.toBe('true');
    expect(msw.count('POST /auth/signup')).toBe(1);

    await user.clear(email);
    await user.type(email, newEmail());
    await user.clear(screen.getByLabelText('Password', { selector: 'input' }));
    await user.type(screen.getByLabelText('Password', { selector: 'input' }), 'password123');
    await user.click(screen.getByRole('button', { name: 'Sign up' }));
    expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
    expect(location()).toBe('/orders?x=1');
  });

  it('keeps the address typed through sign-up and back and into "Forgot your password?", so nobody types it twice (WCAG 2.2, 3.3.7); a sign-out forgets it', async () => {
    const user = userEvent.setup();
    const client = testClient();
    const { router } = renderKit({ client, path: '/auth' });
    await screen.findByRole('heading', { name: 'Sign in' });
    await user.type(screen.getByLabelText('Email address'), 'ann@example.com');
    await user.click(screen.getByRole('button', { name: 'Create an account' }));
    await screen.findByRole('heading', { name: 'Create an account' });
    expect(screen.getByLabelText('Email address')).toHaveProperty('value', 'ann@example.com');
    // Corrected on the way: the correction is what comes back.
    await user.clear(screen.getByLabelText('Email address'));
    await user.type(screen.getByLabelText('Email address'), 'bob@example.com');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByRole('heading', { name: 'Sign in' });
    expect(screen.getByLabelText('Email address')).toHaveProperty('value', 'bob@example.com');
    await user.click(screen.getByRole('link', { name: 'Forgot your password?' }));
    await screen.findByRole('heading', { name: 'Reset your password' });
    expect(screen.getByLabelText('Email address')).toHaveProperty('value', 'bob@example.com');
    // Someone signs in and out: the next person at this browser does not find the address.
    const address = newEmail();
    await client.emailPassword.signUp({ email: address, password: 'password123' });
    await client.session.signOut();
    await router.navigate('/auth');
    await screen.findByRole('heading', { name: 'Sign in' });
    expect(screen.getByLabelText('Email address')).toHaveProperty('value', '');
  });

  it('an existing email on sign-up, and wrong credentials on sign-in, are said plainly', async () => {
    const address = newEmail();
    await testClient().emailPassword.signUp({ email: address, password: 'password123' });
    const user = userEvent.setup();
    renderKit({ client: testClient(), path: '/auth' });
    await screen.findByRole('heading', { name: 'Sign in' });
    await user.click(screen.getByRole('button', { name: 'Create an account' }));
    await user.type(screen.getByLabelText('Email address'), address);
    await user.type(screen.getByLabelText('Password', { selector: 'input' }), 'password123');
    await user.click(screen.getByRole('button', { name: 'Sign up' }));
    expect(await screen.findByText('An account with this email address already exists. Sign in instead.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByRole('heading', { name: 'Sign in' });
    // The address typed for sign-up is there already.
    expect(screen.getByLabelText('Email address')).toHaveProperty('value', address);
    await user.type(screen.getByLabelText('Password', { selector: 'input' }), 'wrong-password1');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('The email address or password is incorrect.')).toBeTruthy();
    // Focus goes to the message (read out); a second try from the keyboard lands there again.
    const alert = screen.getByText('The email address or password is incorrect.').closest('[data-fk="alert"]');
    expect(document.activeElement).toBe(alert);
    await user.click(screen.getByLabelText('Password', { selector: 'input' }));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByText('The email address or password is incorrect.').closest('[data-fk="alert"]')));
    await user.click(screen.getByRole('button', { name: 'Show password' }));
    expect(screen.getByLabelText('Password', { selector: 'input' }).getAttribute('type')).toBe('text');
  });

  it('offers a code by email as a first factor when the tenant allows it', async () => {
    const user = userEvent.setup();
    const address = newEmail();
    renderKit({ client: testClient(), path: '/auth?redirectToPath=%2Forders' });
    await screen.findByRole('heading', { name: 'Sign in' });
    const others = screen.getByRole('navigation', { name: 'Other ways to sign in' });
    expect(others.textContent).toContain('Sign in with a code by text message');
    await user.click(screen.getByRole('button', { name: 'Sign in with a code by email' }));
    expect(await screen.findByRole('heading', { name: 'Get a code by email' })).toBeTruthy();
    await user.type(screen.getByLabelText('Email address'), address);
    await user.click(screen.getByRole('button', { name: 'Send code' }));
    expect(await screen.findByText(`We sent a code to ${address}.`)).toBeTruthy();
    await user.type(screen.getByLabelText('Verification code'), await latestCode(backend, address));
    expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
  });

  it('hides the password form when the tenant offers only codes', async () => {
    msw.server.use(
      http.get(`${API}/auth/loginmethods`, () =>
        HttpResponse.json({ status: 'OK', emailPassword: { enabled: false }, passwordless: { enabled: true }, thirdParty: { enabled: false, providers: [] }, firstFactors: ['otp-phone'] }),
      ),
    );
    renderKit({ client: testClient(), path: '/auth' });
    expect(await screen.findByRole('heading', { name: 'Get a code by text message' })).toBeTruthy();
    expect(screen.queryByLabelText('Password', { selector: 'input' })).toBeNull();
  });

  it('with firstFactors in the config the form shows before /loginmethods answers (no request before it), and the answer then refines it', async () => {
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    let asked = 0;
    msw.server.use(
      http.get(`${API}/auth/loginmethods`, async () => {
        asked++;
        await answered;
        return HttpResponse.json({ status: 'OK', emailPassword: { enabled: true }, passwordless: { enabled: true }, thirdParty: { enabled: false, providers: [] }, firstFactors: ['emailpassword', 'otp-email'] });
      }),
    );
    const client = testClient({ firstFactors: ['emailpassword'] });
    const getLoginMethods = vi.spyOn(client.multitenancy, 'getLoginMethods');
    renderKit({ client, path: '/auth' });
    // The first render is the form itself, not the loading screen, and nothing is asked until it is painted.
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByLabelText('Password', { selector: 'input' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Sign in with a code by email' })).toBeNull();
    expect(getLoginMethods).not.toHaveBeenCalled();
    await waitFor(() => expect(getLoginMethods).toHaveBeenCalledTimes(1));
    answer();
    expect(await screen.findByRole('button', { name: 'Sign in with a code by email' })).toBeTruthy();
    expect(asked).toBe(1);
  });

  it('without firstFactors the screen waits for /loginmethods', async () => {
    renderKit({ client: testClient(), path: '/auth' });
    expect(screen.queryByRole('heading', { name: 'Sign in' })).toBeNull();
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
  });

  it('a wrong firstFactors or thirdPartyProviders is a config error naming the field', () => {
    expect(() => testClient({ firstFactors: 'emailpassword' as never })).toThrow(/firstFactors/);
    expect(() => testClient({ firstFactors: ['thirdparty'], thirdPartyProviders: [{ name: 'Google' } as never] })).toThrow(/thirdPartyProviders/);
  });

  it('a visitor who is signed in already continues', async () => {
    const storage = createMemoryStorage();
    await testClient({ storage }).emailPassword.signUp({ email: newEmail(), password: 'password123' });
    renderKit({ client: testClient({ storage }), path: '/auth?redirectToPath=%2Forders' });
    expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
  });

  it('offline: says to check the connection', async () => {
    const user = userEvent.setup();
    renderKit({ client: testClient(), path: '/auth' });
    await screen.findByRole('heading', { name: 'Sign in' });
    msw.server.use(network.down());
    await user.type(screen.getByLabelText('Email address'), newEmail());
    await user.type(screen.getByLabelText('Password', { selector: 'input' }), 'password123');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('We could not reach the server. Check your connection and try again.')).toBeTruthy();
  });
});
