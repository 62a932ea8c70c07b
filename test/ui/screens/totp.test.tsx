// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryStorage } from '../../../src/core/index.ts';
import { totp } from '../../../src/testing/index.ts';
import { totpCode } from '../../server/helpers.ts';
import { inProcessBackend, settableRequirements, testClient } from '../../react/helpers.tsx';
import { location, renderKit } from './helpers.tsx';

const required = settableRequirements(['totp']);
const msw = inProcessBackend({ mfa: required.mfa });

let n = 0;
const { count } = msw;

async function signedUp() {
  const storage = createMemoryStorage();
  const email = `totp-screen${++n}-${Date.now()}@example.com`;
  await testClient({ storage }).emailPassword.signUp({ email, password: 'password123' });
  msw.calls.length = 0;
  return { storage, email };
}

/**
 * A user with a verified TOTP device, signed in again in a fresh browser (so TOTP is pending, or
 * complete already with `complete`); returns its secret.
 */
async function withDevice(options: { complete?: boolean } = {}) {
  const { storage, email } = await signedUp();
  const client = testClient({ storage });
  const device = await client.totp.createDevice({ deviceName: 'Phone' });
  if (device.status !== 'OK') throw new Error(device.status);
  await client.totp.verifyDevice({ deviceName: 'Phone', totp: totpCode(device.secret) });
  if (options.complete) {
    msw.calls.length = 0;
    return { storage, secret: device.secret };
  }
  const fresh = createMemoryStorage();
  await testClient({ storage: fresh }).emailPassword.signIn({ email, password: 'password123' });
  msw.calls.length = 0;
  return { storage: fresh, secret: device.secret };
}

const secretOnScreen = () => (screen.getByRole('group', { name: 'Secret key, in groups of four characters' }).textContent ?? '').replace(/\s/g, '');

describe('TotpScreen', () => {
  it('set-up: QR code, grouped secret with copy and an otpauth link; the first code confirms the app is added, then continues to the page asked for', async () => {
    const { storage } = await signedUp();
    const user = userEvent.setup();
    renderKit({ client: testClient({ storage }), path: '/orders?tab=2' });
    expect(await screen.findByRole('heading', { name: 'Set up an authenticator app' })).toBeTruthy();
    expect(await screen.findByRole('img', { name: 'QR code to add this account to your authenticator app' })).toBeTruthy();
    // The caret is in the code field: digits typed at once are not lost.
    expect(document.activeElement).toBe(screen.getByLabelText('Authentication code'));
    const groups = screen.getByRole('group', { name: 'Secret key, in groups of four characters' }).textContent ?? '';
    expect(groups).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    expect(screen.getByRole('link', { name: 'Open in authenticator app' }).getAttribute('href')).toMatch(/^otpauth:\/\/totp\//);
    await user.click(screen.getByRole('button', { name: 'Copy secret key' }));
    expect(await screen.findByText('Secret key copied')).toBeTruthy();
    expect(await navigator.clipboard.readText()).toBe(secretOnScreen());
    expect(count('POST /auth/totp/device')).toBe(1);

    await user.type(screen.getByLabelText('Authentication code'), totpCode(secretOnScreen()));
    expect(await screen.findByRole('heading', { name: 'Authenticator app added' })).toBeTruthy();
    expect(screen.getByText('“Authenticator app” is ready. When you sign in, enter the code it shows.')).toBeTruthy();
    expect(location()).toBe('/auth/mfa/totp?redirectToPath=%2Forders%3Ftab%3D2');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
    expect(location()).toBe('/orders?tab=2');
    // The verified device is kept.
    expect(count('POST /auth/totp/device/remove')).toBe(0);
  });

  it('on a phone the set-up is two steps: scan, then the code (the keyboard does not push the QR code away)', async () => {
    const original = window.matchMedia;
    window.matchMedia = ((query: string) => ({ matches: query.includes('max-width'), media: query, addEventListener: () => undefined, removeEventListener: () => undefined })) as unknown as typeof window.matchMedia;
    try {
      const { storage } = await signedUp();
      const user = userEvent.setup();
      renderKit({ client: testClient({ storage }), path: '/orders' });
      await screen.findByRole('img', { name: 'QR code to add this account to your authenticator app' });
      expect(screen.queryByLabelText('Authentication code')).toBeNull();
      const secret = secretOnScreen();
      await user.click(screen.getByRole('button', { name: 'Next: enter the code' }));
      await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Authentication code')));
      expect(screen.queryByRole('img', { name: 'QR code to add this account to your authenticator app' })).toBeNull();
      await user.click(screen.getByRole('button', { name: 'Show the QR code again' }));
      expect(secretOnScreen()).toBe(secret);
      await user.click(screen.getByRole('button', { name: 'Next: enter the code' }));
      await user.type(screen.getByLabelText('Authentication code'), totpCode(secret));
      expect(await screen.findByRole('heading', { name: 'Authenticator app added' })).toBeTruthy();
      expect(count('POST /auth/totp/device')).toBe(1);
    } finally {
      window.matchMedia = original;
    }
  });

  it('verify: a wrong code says how many tries are left; repeated failures add the clock hint', async () => {
    const { storage, secret } = await withDevice();
    const user = userEvent.setup();
    renderKit({ client: testClient({ storage }), path: '/auth/mfa/totp' });
    expect(await screen.findByRole('heading', { name: 'Enter your authentication code' })).toBeTruthy();
    const valid = new Set([-30_000, 0, 30_000].map((d) => totpCode(secret, Date.now() + d)));
    const bad = ['000000', '111111', '222222'].find((c) => !valid.has(c))!;
    await user.type(screen.getByLabelText('Authentication code'), bad);
    expect(await screen.findByText('That code is not correct. You have 4 attempts left.')).toBeTruthy();
    expect(screen.queryByText(/Make sure your phone sets its date and time automatically/)).toBeNull();
    await user.type(screen.getByLabelText('Authentication code'), bad);
    expect(await screen.findByText('That code is not correct. You have 3 attempts left.')).toBeTruthy();
    expect(screen.getByText(/Make sure your phone sets its date and time automatically/)).toBeTruthy();
  });

  it('verify: the right code continues to the page asked for', async () => {
    const { storage, secret } = await withDevice();
    const user = userEvent.setup();
    renderKit({ client: testClient({ storage }), path: '/orders?tab=3' });
    expect(await screen.findByRole('heading', { name: 'Enter your authentication code' })).toBeTruthy();
    // The current code verified the device: the next one (within the skew) is unused.
    await user.type(screen.getByLabelText('Authentication code'), totpCode(secret, Date.now() + 30_000));
    expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
    expect(location()).toBe('/orders?tab=3');
  });

  it('lockout: the code field pauses with a countdown from retryAfterMs, then opens again by itself', async () => {
    const { storage } = await withDevice();
    const user = userEvent.setup();
    renderKit({ client: testClient({ storage }), path: '/auth/mfa/totp' });
    await screen.findByRole('heading', { name: 'Enter your authentication code' });
    msw.server.use(...totp.limitReached({ retryAfterMs: 1500 }));
    await user.type(screen.getByLabelText('Authentication code'), '123456');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^Too many attemptsFor your security, code entry is paused\. You can try again in 0:0[12]\./);
    // The screen stays the code screen, with the field paused (one lockout display for every code).
    expect(screen.getByRole('heading', { name: 'Enter your authentication code' })).toBeTruthy();
    const field = screen.getByLabelText('Authentication code') as HTMLInputElement;
    expect(field.disabled).toBe(true);
    await waitFor(() => expect((screen.getByLabelText('Authentication code') as HTMLInputElement).disabled).toBe(false), { timeout: 4000 });
    expect(screen.queryByText(/code entry is paused/)).toBeNull();
  });

  it('the wrong code that uses up the last try shows the lockout at once, with the real wait', async () => {
    const { storage } = await withDevice();
    const user = userEvent.setup();
    renderKit({ client: testClient({ storage }), path: '/auth/mfa/totp' });
    await screen.findByRole('heading', { name: 'Enter your authentication code' });
    for (let i = 1; i <= 4; i++) {
      await user.type(await screen.findByLabelText('Authentication code'), '000000');
      await waitFor(() => expect(count('POST /auth/totp/verify')).toBe(i));
    }
    await user.type(await screen.findByLabelText('Authentication code'), '000000');
    expect(await screen.findByText('Too many attempts')).toBeTruthy();
    // The backend's 15-minute pause, learnt from the refused follow-up (not recorded as an attempt).
    expect(screen.getByText(/You can try again in 1[45]:\d\d\./)).toBeTruthy();
    expect(count('POST /auth/totp/verify')).toBe(6);
  });

  it('a reload during set-up shows the same secret (the QR code already scanned stays good) and leaves one device, "Authenticator app"', async () => {
    const { storage } = await signedUp();
    const first = renderKit({ client: testClient({ storage }), path: '/auth/mfa/totp' });
    await screen.findByRole('img', { name: 'QR code to add this account to your authenticator app' });
    const secret = secretOnScreen();
    // A reload runs no clean-up: the first page simply stops, and a new one starts in the same tab.
    first.container.remove();
    const again = renderKit({ client: testClient({ storage }), path: '/auth/mfa/totp' });
    await waitFor(() => expect(again.container.querySelector('[aria-label="Secret key, in groups of four characters"]')).toBeTruthy());
    expect((again.container.querySelector('[aria-label="Secret key, in groups of four characters"]')!.textContent ?? '').replace(/\s/g, '')).toBe(secret);
    expect(count('POST /auth/totp/device')).toBe(1);
    const devices = await testClient({ storage }).totp.listDevices();
    expect(devices.status === 'OK' && devices.devices.map((d) => [d.name, d.verified])).toEqual([['Authenticator app', false]]);
    const user = userEvent.setup();
    await user.type(within(again.container).getByLabelText('Authentication code'), totpCode(secret));
    await user.click(await within(again.container).findByRole('button', { name: 'Continue' }));
    expect(await within(again.container).findByRole('heading', { name: 'Home' })).toBeTruthy();
    expect(sessionStorage.length).toBe(0);
  });

  it('a second app gets the next default name when "Authenticator app" is taken', async () => {
    const { storage } = await signedUp();
    const client = testClient({ storage });
    const device = await client.totp.createDevice({ deviceName: 'Authenticator app' });
    if (device.status !== 'OK') throw new Error(device.status);
    await client.totp.verifyDevice({ deviceName: 'Authenticator app', totp: totpCode(device.secret) });
    renderKit({ client: testClient({ storage }), path: '/auth/mfa/totp?setup=true&stepUp=true' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Continue' }));
    await screen.findByRole('img', { name: 'QR code to add this account to your authenticator app' });
    const devices = await testClient({ storage }).totp.listDevices();
    expect(devices.status === 'OK' && devices.devices.map((d) => d.name)).toEqual(['Authenticator app', 'Authenticator app 2']);
  });

  it('typed /auth/mfa/totp when an app cannot be set up now says what is possible instead, and creates nothing', async () => {
    required.set(['otp-email']);
    const { storage } = await signedUp();
    const user = userEvent.setup();
    renderKit({ client: testClient({ storage }), path: '/auth/mfa/totp' });
    expect(await screen.findByRole('heading', { name: 'An authenticator app can’t be added here' })).toBeTruthy();
    expect(screen.getByText(/Verify with another method to continue/)).toBeTruthy();
    expect(count('POST /auth/totp/device')).toBe(0);
    await user.click(screen.getByRole('button', { name: 'Use another method' }));
    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeTruthy();
  });

  it('leaving the set-up (back to the chooser) removes the device that was never verified', async () => {
    required.set([{ oneOf: ['totp', 'otp-email'] }]);
    const { storage } = await signedUp();
    const user = userEvent.setup();
    renderKit({ client: testClient({ storage }), path: '/auth/mfa/totp' });
    await screen.findByRole('heading', { name: 'Set up an authenticator app' });
    await user.click(screen.getByRole('button', { name: 'Use another method' }));
    expect(await screen.findByRole('heading', { name: 'Choose how to verify' })).toBeTruthy();
    expect(count('POST /auth/totp/device/remove')).toBe(1);
    const devices = await testClient({ storage }).totp.listDevices();
    expect(devices.status === 'OK' && devices.devices).toEqual([]);
  });

  it('leaving the set-up by unmounting (another page) removes the unverified device too', async () => {
    const { storage } = await signedUp();
    const { router } = renderKit({ client: testClient({ storage }), path: '/auth/mfa/totp' });
    await screen.findByRole('heading', { name: 'Set up an authenticator app' });
    await router.navigate('/');
    await waitFor(() => expect(count('POST /auth/totp/device/remove')).toBe(1));
  });

  it('with nothing pending it continues without creating a device (and ?setup=false is not a set-up request)', async () => {
    const { storage } = await withDevice({ complete: true });
    renderKit({ client: testClient({ storage }), path: '/auth/mfa/totp?setup=false&redirectToPath=%2Forders' });
    expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
    expect(count('POST /auth/totp/device')).toBe(0);
  });

  it('?setup=false with a pending factor verifies instead of setting up', async () => {
    const { storage } = await withDevice();
    renderKit({ client: testClient({ storage }), path: '/auth/mfa/totp?setup=false' });
    expect(await screen.findByRole('heading', { name: 'Enter your authentication code' })).toBeTruthy();
    expect(count('POST /auth/totp/device')).toBe(0);
  });

  it('?setup=true for a user who has an app asks for a name first; a taken name is refused', async () => {
    const { storage } = await withDevice({ complete: true });
    const user = userEvent.setup();
    renderKit({ client: testClient({ storage }), path: '/auth/mfa/totp?setup=true&stepUp=true' });
    expect(await screen.findByRole('heading', { name: 'Set up an authenticator app' })).toBeTruthy();
    expect(count('POST /auth/totp/device')).toBe(0);
    await user.type(screen.getByLabelText('Device name'), 'Phone');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('You already have an authenticator app with this name. Choose another name.')).toBeTruthy();
    await user.clear(screen.getByLabelText('Device name'));
    await user.type(screen.getByLabelText('Device name'), 'Tablet');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('img', { name: 'QR code to add this account to your authenticator app' })).toBeTruthy();
  });

  it('a device removed before verification says so and starts again', async () => {
    const { storage } = await signedUp();
    const user = userEvent.setup();
    renderKit({ client: testClient({ storage }), path: '/auth/mfa/totp' });
    await screen.findByRole('heading', { name: 'Set up an authenticator app' });
    msw.server.use(totp.unknownDevice({ times: 1 }));
    await user.type(screen.getByLabelText('Authentication code'), '123456');
    expect(await screen.findByText('This authenticator app was removed before it was verified. Start the setup again.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Start again' }));
    expect(await screen.findByRole('img', { name: 'QR code to add this account to your authenticator app' })).toBeTruthy();
    expect(count('POST /auth/totp/device')).toBe(2);
  });

  it('a failed device creation says so and can be retried', async () => {
    const { storage } = await signedUp();
    const user = userEvent.setup();
    msw.server.use(totp.createDeviceFails({ times: 1 }));
    renderKit({ client: testClient({ storage }), path: '/auth/mfa/totp' });
    expect(await screen.findByText('Something went wrong. Please try again.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('img', { name: 'QR code to add this account to your authenticator app' })).toBeTruthy();
  });
});
