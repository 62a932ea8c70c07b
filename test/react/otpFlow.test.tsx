// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import { http } from 'msw';
import userEvent from '@testing-library/user-event';
import { createMemoryStorage } from '../../src/core/index.ts';
import type { Backend } from '../../src/server/index.ts';
import { API, latestCode } from '../server/helpers.ts';
import { inProcessBackend, otpSettings, renderApp, testClient } from './helpers.tsx';

let backend: Backend;
const msw = inProcessBackend({ mfa: { override: { functions: (o) => ({ ...o, getMFARequirementsForAuth: () => ['otp-email'] }) } } }, (b) => (backend = b));
afterEach(() => {
  otpSettings.resendCooldownSeconds = 15;
});

let n = 0;
const email = () => `otp${++n}-${Date.now()}@example.com`;
const { count } = msw;

/** A signed-in user (password only) and the storage standing in for the browser profile. */
async function signedUp() {
  const storage = createMemoryStorage();
  const address = email();
  await testClient({ storage }).emailPassword.signUp({ email: address, password: 'password123' });
  msw.calls.length = 0;
  return { storage, address };
}

describe('useOtpFlow', () => {
  it('sends to the known email, resumes after a reload with the cooldown intact, counts attempts, and returns to the page', async () => {
    const { storage, address } = await signedUp();
    const user = userEvent.setup();
    renderApp({ client: testClient({ storage }), path: '/orders?id=2' });
    expect(await screen.findByRole('heading', { name: `Enter the code sent to ${address}` })).toBeTruthy();
    expect(count('POST /auth/signinup/code')).toBe(1);
    expect((screen.getByRole('button', { name: 'Resend' }) as HTMLButtonElement).disabled).toBe(true);
    // The attempt's ids are kept out of the URL and the page.
    expect(document.body.innerHTML).not.toMatch(/deviceId|preAuthSessionId/);
    expect(window.location.href).not.toMatch(/deviceId|preAuthSessionId/);

    // Reload: a new client on the same storage, a new React tree.
    cleanup();
    renderApp({ client: testClient({ storage }), path: `/auth/mfa/otp-email?redirectToPath=${encodeURIComponent('/orders?id=2')}` });
    expect(await screen.findByRole('heading', { name: `Enter the code sent to ${address}` })).toBeTruthy();
    expect(count('POST /auth/signinup/code')).toBe(1);
    expect((screen.getByRole('button', { name: 'Resend' }) as HTMLButtonElement).disabled).toBe(true);

    await user.type(screen.getByLabelText('Code'), '000000');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong code, 4 attempts left');

    await user.clear(screen.getByLabelText('Code'));
    await user.type(screen.getByLabelText('Code'), await latestCode(backend, address));
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
    expect(Object.keys(sessionStorage).filter((k) => k.includes('otpAttempt'))).toEqual([]);
  });

  it('a second click on Resend while one is in flight does nothing', async () => {
    otpSettings.resendCooldownSeconds = 0;
    const { storage, address } = await signedUp();
    const user = userEvent.setup();
    renderApp({ client: testClient({ storage }), path: '/orders' });
    await screen.findByRole('heading', { name: `Enter the code sent to ${address}` });
    // Hold the resend on the wire so the second click lands while it is in flight.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    msw.server.use(
      http.post(`${API}/auth/signinup/code/resend`, async ({ request }) => {
        await held;
        return backend.fetch(request);
      }),
    );
    const resend = screen.getByRole('button', { name: 'Resend' });
    await user.click(resend);
    await waitFor(() => expect(count('POST /auth/signinup/code/resend')).toBe(1));
    await user.click(resend);
    release();
    await waitFor(() => expect((screen.getByRole('button', { name: 'Resend' }) as HTMLButtonElement).disabled).toBe(false));
    expect(count('POST /auth/signinup/code/resend')).toBe(1);
    msw.server.resetHandlers();
  });

  it('Resend does nothing during the cooldown', async () => {
    const { storage, address } = await signedUp();
    const user = userEvent.setup();
    renderApp({ client: testClient({ storage }), path: '/orders' });
    await screen.findByRole('heading', { name: `Enter the code sent to ${address}` });
    await user.dblClick(screen.getByRole('button', { name: 'Resend' }));
    expect(count('POST /auth/signinup/code/resend')).toBe(0);
    expect(count('POST /auth/signinup/code')).toBe(1);
  });

  it('too many wrong codes discard the attempt; the user starts again with a new code', async () => {
    const { storage, address } = await signedUp();
    const user = userEvent.setup();
    renderApp({ client: testClient({ storage }), path: '/orders' });
    await screen.findByRole('heading', { name: `Enter the code sent to ${address}` });
    for (let i = 0; i < 5; i++) {
      await user.clear(screen.getByLabelText('Code'));
      await user.type(screen.getByLabelText('Code'), '000000');
      await user.click(screen.getByRole('button', { name: 'Verify' }));
      await screen.findByRole('alert');
      if (screen.queryByRole('heading', { name: 'Where should we send a code?' })) break;
    }
    expect(await screen.findByRole('heading', { name: 'Where should we send a code?' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('Start again');
    expect(Object.keys(sessionStorage).filter((k) => k.includes('otpAttempt'))).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Send a code' }));
    expect(await screen.findByRole('heading', { name: `Enter the code sent to ${address}` })).toBeTruthy();
    expect(count('POST /auth/signinup/code')).toBe(2);
  });
});
