// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryStorage } from '../../../src/core/index.ts';
import { MFASettingsScreen } from '../../../src/ui/index.ts';
import { totpCode } from '../../server/helpers.ts';
import { inProcessBackend, settableRequirements, testClient } from '../../react/helpers.tsx';
import { renderKit } from './helpers.tsx';

const required = settableRequirements(['totp']);
inProcessBackend({ mfa: { ...required.mfa, trustedDevices: { days: 30 } } });

let n = 0;

/** A user with an authenticator app, signed in again with the password in `storage` (this browser): TOTP due. */
async function userWithApp() {
  const email = `trust-screen${++n}-${Date.now()}@example.com`;
  const setup = testClient({ storage: createMemoryStorage() });
  await setup.emailPassword.signUp({ email, password: 'password123' });
  const device = await setup.totp.createDevice({ deviceName: 'Phone' });
  if (device.status !== 'OK') throw new Error(device.status);
  await setup.totp.verifyDevice({ deviceName: 'Phone', totp: totpCode(device.secret) });
  const storage = createMemoryStorage();
  await testClient({ storage }).emailPassword.signIn({ email, password: 'password123' });
  return { email, storage, secret: device.secret };
}

describe('"Don’t ask again on this device"', () => {
  it('ticked on the app’s screen: the next password sign-in in this browser goes straight to the page; settings list it and can remove it', async () => {
    const { email, storage, secret } = await userWithApp();
    const user = userEvent.setup();
    const client = testClient({ storage });
    const first = renderKit({ client, path: '/orders' });
    await screen.findByRole('heading', { name: 'Enter your authentication code' });
    const box = await screen.findByRole('checkbox', { name: 'Don’t ask again on this device for 30 days' });
    expect((box as HTMLInputElement).checked).toBe(false);
    await user.click(box);
    await user.type(screen.getByLabelText('Authentication code'), totpCode(secret, Date.now() + 30_000));
    await screen.findByRole('heading', { name: 'Orders' });
    first.unmount();

    // Signed out and in again in this browser: the password is enough.
    await client.session.signOut();
    await client.emailPassword.signIn({ email, password: 'password123' });
    const snapshot = client.session.getSnapshot();
    expect(snapshot.status === 'signedIn' && (snapshot.payload['st-mfa'] as { v: boolean }).v).toBe(true);

    renderKit({ client, path: '/settings', routes: [{ path: '/settings', element: <MFASettingsScreen /> }] });
    const section = (await screen.findByRole('heading', { name: 'Trusted devices' })).closest('section')!;
    const item = await within(section).findByRole('listitem');
    expect(item.textContent).toContain('This device');
    await user.click(within(item).getByRole('button', { name: /^Remove .*, trusted until / }));
    expect(await within(section).findByText('No device is trusted. Tick “Don’t ask again on this device” when you sign in to add one.')).toBeTruthy();
    await client.session.signOut();
    await client.emailPassword.signIn({ email, password: 'password123' });
    const after = client.session.getSnapshot();
    expect(after.status === 'signedIn' && (after.payload['st-mfa'] as { v: boolean }).v).toBe(false);
  });

  it('left unticked: the browser is not trusted', async () => {
    const { storage, secret } = await userWithApp();
    const user = userEvent.setup();
    const client = testClient({ storage });
    renderKit({ client, path: '/orders' });
    await screen.findByRole('checkbox', { name: 'Don’t ask again on this device for 30 days' });
    await user.type(screen.getByLabelText('Authentication code'), totpCode(secret, Date.now() + 30_000));
    await screen.findByRole('heading', { name: 'Orders' });
    const list = await client.trustedDevices.list();
    expect(list.status === 'OK' && list.devices).toEqual([]);
  });
});
