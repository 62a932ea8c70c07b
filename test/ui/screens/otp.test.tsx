// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryStorage } from '../../../src/core/index.ts';
import type { Backend } from '../../../src/server/index.ts';
import { otp } from '../../../src/testing/index.ts';
import { latestCode } from '../../server/helpers.ts';
import { inProcessBackend, settableRequirements, testClient } from '../../react/helpers.tsx';
import { location, renderKit } from './helpers.tsx';

let backend: Backend;
const required = settableRequirements(['otp-email']);
const msw = inProcessBackend({ mfa: required.mfa }, (b) => (backend = b));

let n = 0;
const newEmail = () => `otp-screen${++n}-${Date.now()}@example.com`;
const { count } = msw;

async function signedUp() {
  const storage = createMemoryStorage();
  const address = newEmail();
  await testClient({ storage }).emailPassword.signUp({ email: address, password: 'password123' });
  msw.calls.length = 0;
  return { storage, address };
}

const codeField = () => screen.getByLabelText('Verification code');

describe('OtpScreen (email)', () => {
  it('sends to the known address once, accepts a pasted code and continues to the page asked for', async () => {
    const { storage, address } = await signedUp();
    const user = userEvent.setup();
    renderKit({ client: testClient({ storage }), path: '/orders?id=7' });
    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeTruthy();
    expect(screen.getByText(`We sent a code to ${address}.`)).toBeTruthy();
    expect(count('POST /auth/signinup/code')).toBe(1);
    // The expiry countdown and the resend cooldown are worded apart.
    expect(screen.getByText(/This code expires in \d+:\d\d\./)).toBeTruthy();
    expect(screen.getByText(/You can request a new code in \d+s/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Send a new code' }) as HTMLButtonElement).disabled).toBe(true);
    // No change of address when the backend knows it.
    expect(screen.queryByRole('button', { name: 'Use a different email address' })).toBeNull();

    const code = await latestCode(backend, address);
    await user.click(codeField());
    await user.paste(`Your code: ${code.slice(0, 3)} ${code.slice(3)}`);
    expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
    expect(location()).toBe('/orders?id=7');
    expect(count('POST /auth/signinup/code/consume')).toBe(1);
  });

  it('the code typed in another tab moves this tab on too (no second code to type)', async () => {
    const { storage, address } = await signedUp();
    const listeners: ((event: { data: unknown }) => void)[] = [];
    const channel = {
      postMessage: (data: unknown) => queueMicrotask(() => listeners.forEach((l) => l({ data }))),
      addEventListener: (_type: string, listener: (event: { data: unknown }) => void) => void listeners.push(listener),
      close: () => undefined,
    };
    renderKit({ client: testClient({ storage, channel }), path: '/orders?id=8' });
    await screen.findByRole('heading', { name: 'Check your email' });
    const otherTab = testClient({ storage, channel });
    const sent = await otherTab.passwordless.createCode({ email: address, asSecondFactor: true });
    if (sent.status !== 'OK') throw new Error(sent.status);
    const done = await otherTab.passwordless.consumeCode({ deviceId: sent.deviceId, preAuthSessionId: sent.preAuthSessionId, userInputCode: await latestCode(backend, address), asSecondFactor: true });
    expect(done.status).toBe('OK');
    expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
    expect(location()).toBe('/orders?id=8');
  });

  it('says how many attempts are left after a wrong code and clears the field', async () => {
    const { storage } = await signedUp();
    const user = userEvent.setup();
    renderKit({ client: testClient({ storage }), path: '/auth/mfa/otp-email' });
    await screen.findByRole('heading', { name: 'Check your email' });
    await user.type(codeField(), '000000');
    expect(await screen.findByText('That code is not correct. You have 4 attempts left.')).toBeTruthy();
    expect((codeField() as HTMLInputElement).value).toBe('');
    expect(codeField().getAttribute('aria-invalid')).toBe('true');
  });

  it('an expired code says so and offers a new one', async () => {
    const { storage } = await signedUp();
    const user = userEvent.setup();
    renderKit({ client: testClient({ storage }), path: '/auth/mfa/otp-email' });
    await screen.findByRole('heading', { name: 'Check your email' });
    msw.server.use(otp.consumeExpired());
    await user.type(codeField(), '123456');
    expect((await screen.findAllByText('This code has expired. Request a new one.')).length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Send a new code' })).toBeTruthy();
  });

  it('resend: the cooldown survives a reload, one click sends one code, and the user is told', async () => {
    const { storage, address } = await signedUp();
    const user = userEvent.setup();
    renderKit({ client: testClient({ storage }), path: '/auth/mfa/otp-email' });
    await screen.findByRole('heading', { name: 'Check your email' });
    cleanup();
    // Reload: same browser storage, new page.
    renderKit({ client: testClient({ storage }), path: '/auth/mfa/otp-email' });
    await screen.findByRole('heading', { name: 'Check your email' });
    expect(count('POST /auth/signinup/code')).toBe(1);
    expect((screen.getByRole('button', { name: 'Send a new code' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/You can request a new code in \d+s/)).toBeTruthy();
    cleanup();

    // Cooldown over (the attempt is stored with its times; move them into the past).
    const key = Object.keys(sessionStorage).find((k) => k.includes('otpAttempt'))!;
    const stored = JSON.parse(sessionStorage.getItem(key)!);
    sessionStorage.setItem(key, JSON.stringify({ ...stored, resendAvailableAt: Date.now() - 1 }));
    renderKit({ client: testClient({ storage }), path: '/auth/mfa/otp-email' });
    const resend = await screen.findByRole('button', { name: 'Send a new code' });
    expect((resend as HTMLButtonElement).disabled).toBe(false);
    const first = await latestCode(backend, address);
    await user.dblClick(resend);
    expect(await screen.findByText('We sent you a new code.')).toBeTruthy();
    expect(count('POST /auth/signinup/code/resend')).toBe(1);
    expect(await latestCode(backend, address)).not.toBe(first);
    expect((screen.getByRole('button', { name: 'Send a new code' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('too many wrong codes: says so and starts again with a new code', async () => {
    const { storage, address } = await signedUp();
    const user = userEvent.setup();
    renderKit({ client: testClient({ storage }), path: '/auth/mfa/otp-email' });
    await screen.findByRole('heading', { name: 'Check your email' });
    msw.server.use(otp.restartFlow({ times: 1 }));
    await user.type(codeField(), '000000');
    expect(await screen.findByText('Too many incorrect codes. Start again to get a new code.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Start again' }));
    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeTruthy();
    expect(count('POST /auth/signinup/code')).toBe(2);
    await user.type(codeField(), await latestCode(backend, address));
    expect(await screen.findByRole('heading', { name: 'Home' })).toBeTruthy();
  });

  it('?setup=true asks for an address, checks it, refuses one the account does not have during sign-in, and lets the user change it', async () => {
    const { storage, address } = await signedUp();
    const user = userEvent.setup();
    renderKit({ client: testClient({ storage }), path: '/auth/mfa/otp-email?setup=true&stepUp=true' });
    expect(await screen.findByRole('heading', { name: 'Get a code by email' })).toBeTruthy();
    expect(count('POST /auth/signinup/code')).toBe(0);
    await user.type(screen.getByLabelText('Email address'), 'not-an-address');
    await user.click(screen.getByRole('button', { name: 'Send code' }));
    expect(await screen.findByText('Enter a valid email address, like name@example.com.')).toBeTruthy();
    // Mid sign-in, a password alone must not add a mailbox: the backend refuses, the screen says why.
    await user.clear(screen.getByLabelText('Email address'));
    await user.type(screen.getByLabelText('Email address'), newEmail());
    await user.click(screen.getByRole('button', { name: 'Send code' }));
    expect(await screen.findByText(/a code can only go to an address already on your account/)).toBeTruthy();
    expect(screen.queryByText(/FK_/)).toBeNull();
    await user.clear(screen.getByLabelText('Email address'));
    await user.type(screen.getByLabelText('Email address'), address);
    await user.click(screen.getByRole('button', { name: 'Send code' }));
    expect(await screen.findByText(`We sent a code to ${address}.`)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Use a different email address' }));
    expect(await screen.findByRole('heading', { name: 'Get a code by email' })).toBeTruthy();
  });

  it('a 403 asking for email verification during set-up goes to verify the email first', async () => {
    const { storage } = await signedUp();
    msw.server.use(otp.createCodeNeedsEmailVerification());
    renderKit({ client: testClient({ storage }), path: '/auth/mfa/otp-email?redirectToPath=%2Forders' });
    await waitFor(() => expect(location()).toBe('/auth/verify-email?redirectToPath=%2Forders'));
  });

  it('a refused send shows the backend reason', async () => {
    const { storage } = await signedUp();
    msw.server.use(otp.createCodeNotAllowed({ reason: 'Not for this account.' }));
    renderKit({ client: testClient({ storage }), path: '/auth/mfa/otp-email' });
    expect(await screen.findByText('Not for this account.')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Send a code to/ })).toBeTruthy();
  });
});

describe('OtpScreen (phone)', () => {
  it('asks for a number in international form and sends to it', async () => {
    required.set([{ oneOf: ['otp-email', 'otp-phone'] }]);
    const { storage } = await signedUp();
    const user = userEvent.setup();
    renderKit({ client: testClient({ storage }), path: '/auth/mfa/otp-phone?stepUp=true' });
    expect(await screen.findByRole('heading', { name: 'Get a code by text message' })).toBeTruthy();
    const field = screen.getByLabelText('Phone number');
    await user.type(field, '12345');
    await user.click(screen.getByRole('button', { name: 'Send code' }));
    expect(await screen.findByText('Enter a valid phone number, including the country code.')).toBeTruthy();
    expect(count('POST /auth/signinup/code')).toBe(0);
    // The full check loads the number plans on first use; the button is busy meanwhile.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Send code' }).getAttribute('aria-busy')).toBeNull());
    fireEvent.change(field, { target: { value: '+33 6 12 34 56 78' } });
    await user.click(screen.getByRole('button', { name: 'Send code' }));
    expect(await screen.findByRole('heading', { name: 'Check your phone' })).toBeTruthy();
    expect(screen.getByText('We sent a code by text message to +33612345678.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Use a different phone number' })).toBeTruthy();
  });
});
