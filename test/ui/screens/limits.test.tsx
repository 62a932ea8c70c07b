// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryStorage } from '../../../src/core/index.ts';
import { inProcessBackend, settableRequirements, testClient } from '../../react/helpers.tsx';
import { renderKit } from './helpers.tsx';

/**
 * What a person sees when the backend's limits refuse them (SECURITY.md "Limits"): why, and a
 * countdown to when they can try again. Tight limits, so the tests reach them in a few steps.
 */

const required = settableRequirements(['otp-email']);
const msw = inProcessBackend({
  mfa: required.mfa,
  limits: {
    passwordFailuresPerAccount: { free: 2, maxDelaySeconds: 60, resetAfterSeconds: 3600 },
    codeSendsPerContact: { max: 1, windowSeconds: 900 },
  },
});
const { count } = msw;

let n = 0;
const newEmail = () => `limits${++n}-${Date.now()}@example.com`;

describe('limits on screen', () => {
  it('too many wrong passwords: the sign-in form says so and counts down, then lets the person try again', async () => {
    const address = newEmail();
    await testClient().emailPassword.signUp({ email: address, password: 'password123' });
    const user = userEvent.setup();
    renderKit({ client: testClient(), path: '/auth' });
    await screen.findByRole('heading', { name: 'Sign in' });
    await user.type(screen.getByLabelText('Email address'), address);
    const password = screen.getByLabelText('Password', { selector: 'input' });
    for (const guess of ['wrong-1', 'wrong-2']) {
      await user.clear(password);
      await user.type(password, guess);
      await user.click(screen.getByRole('button', { name: 'Sign in' }));
      expect(await screen.findByText('The email address or password is incorrect.')).toBeTruthy();
    }
    await user.clear(password);
    await user.type(password, 'password123');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Too many attempts for now.')).toBeTruthy();
    expect(screen.getByText(/You can try again in 0:0[12]\./)).toBeTruthy();
    // The wait is a second or two: then the form says the person may try again, and the right password works.
    expect(await screen.findByText('You can try again now.', undefined, { timeout: 4000 })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeTruthy();
  });

  it('too many codes to one address: the code screen says why and when a code can be sent again', async () => {
    const storage = createMemoryStorage();
    const address = newEmail();
    const client = testClient({ storage });
    await client.emailPassword.signUp({ email: address, password: 'password123' });
    // The one code the limit allows in this window went out already (another tab, say).
    expect((await client.passwordless.createCode({ email: address, asSecondFactor: true })).status).toBe('OK');
    msw.calls.length = 0;
    renderKit({ client: testClient({ storage }), path: '/auth/mfa/otp-email' });
    expect(await screen.findByText('Too many attempts for now.')).toBeTruthy();
    expect(screen.getByText(/You can try again in 1[45]:\d\d\./)).toBeTruthy();
    expect(count('POST /auth/signinup/code')).toBe(1);
    expect(screen.queryByText(/FK_/)).toBeNull();
  });
});
