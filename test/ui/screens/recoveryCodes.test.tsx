// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryStorage } from '../../../src/core/index.ts';
import { MFASettingsScreen } from '../../../src/ui/index.ts';
import { totpCode } from '../../server/helpers.ts';
import { inProcessBackend, settableRequirements, testClient } from '../../react/helpers.tsx';
import { axeViolations, location, renderKit } from './helpers.tsx';

const required = settableRequirements(['totp']);
inProcessBackend({ mfa: required.mfa });

let n = 0;

/** A user with an authenticator app; `codes`: and a set of recovery codes. Signed in again in a fresh browser (TOTP due). */
async function userWithApp(options: { codes?: boolean } = {}) {
  const email = `recovery-screen${++n}-${Date.now()}@example.com`;
  const setup = testClient({ storage: createMemoryStorage() });
  await setup.emailPassword.signUp({ email, password: 'password123' });
  const device = await setup.totp.createDevice({ deviceName: 'Phone' });
  if (device.status !== 'OK') throw new Error(device.status);
  await setup.totp.verifyDevice({ deviceName: 'Phone', totp: totpCode(device.secret) });
  const made = options.codes ? await setup.recoveryCodes.generate() : undefined;
  const codes = made?.status === 'OK' ? made.codes : [];
  const storage = createMemoryStorage();
  await testClient({ storage }).emailPassword.signIn({ email, password: 'password123' });
  return { email, storage, codes };
}

describe('saving recovery codes after the first app', () => {
  it('the "added" step offers the codes once: ten, with copy, a .txt download and print; saving them continues', async () => {
    const storage = createMemoryStorage();
    const client = testClient({ storage });
    await client.emailPassword.signUp({ email: `recovery-offer${++n}@example.com`, password: 'password123' });
    const user = userEvent.setup();
    renderKit({ client, path: '/orders' });
    await screen.findByRole('heading', { name: 'Set up an authenticator app' });
    const secret = (screen.getByRole('group', { name: 'Secret key, in groups of four characters' }).textContent ?? '').replace(/\s/g, '');
    await user.type(screen.getByLabelText('Authentication code'), totpCode(secret));
    await screen.findByRole('heading', { name: 'Authenticator app added' });
    expect(await screen.findByRole('heading', { name: 'Save your recovery codes' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Show my recovery codes' }));
    const list = await screen.findByRole('list', { name: 'Your recovery codes' });
    const codes = within(list).getAllByRole('listitem').map((li) => li.textContent);
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/);
    const download = screen.getByRole('link', { name: 'Download .txt' });
    expect(download.getAttribute('download')).toBe('recovery-codes.txt');
    const file = decodeURIComponent(download.getAttribute('href')!.replace(/^data:text\/plain;charset=utf-8,/, ''));
    expect(file.split('\n').filter((line) => codes.includes(line))).toHaveLength(10);
    expect(screen.getByRole('button', { name: 'Copy codes' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Print' })).toBeTruthy();
    expect(await axeViolations()).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'I’ve saved my codes' }));
    await screen.findByRole('heading', { name: 'Orders' });
    expect((await client.recoveryCodes.status()) as object).toMatchObject({ status: 'OK', remaining: 10, total: 10 });
  });
});

describe('RecoveryCodeScreen', () => {
  it('lost the app: the TOTP screen links to a recovery code; a wrong one is said so, the right one signs in, then a new app is set up in place', async () => {
    const { storage, codes } = await userWithApp({ codes: true });
    const user = userEvent.setup();
    const client = testClient({ storage });
    renderKit({ client, path: '/orders' });
    await screen.findByRole('heading', { name: 'Enter your authentication code' });
    await user.click(await screen.findByRole('link', { name: 'Lost access? Use a recovery code' }));
    await screen.findByRole('heading', { name: 'Use a recovery code' });
    expect(location()).toBe('/auth/mfa/recovery-code?redirectToPath=%2Forders');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('Enter a recovery code.')).toBeTruthy();
    await user.type(screen.getByLabelText('Recovery code'), 'aaaa-bbbb-cccc');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('That code isn’t right, or it was used already. Check it and try again.')).toBeTruthy();
    expect(screen.getByLabelText('Recovery code').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations()).toEqual([]);
    await user.clear(screen.getByLabelText('Recovery code'));
    await user.type(screen.getByLabelText('Recovery code'), codes[0]!.toUpperCase().replace(/-/g, ' '));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('heading', { name: 'You’re signed in' })).toBeTruthy();
    expect(screen.getByText('You have 9 recovery codes left. Set up a new way to verify now so you don’t get locked out.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Set up a new authenticator app' }));
    await user.type(await screen.findByLabelText('Device name'), 'New phone');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const secret = (await screen.findByRole('group', { name: 'Secret key, in groups of four characters' })).textContent!.replace(/\s/g, '');
    await user.type(screen.getByLabelText('Authentication code'), totpCode(secret));
    expect(await screen.findByRole('heading', { name: 'Authenticator app added' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('heading', { name: 'Orders' });
    const devices = await client.totp.listDevices();
    expect(devices.status === 'OK' && devices.devices.map((d) => d.name)).toEqual(['Phone', 'New phone']);
  });

  it('"Not now" goes on to the page asked for', async () => {
    const { storage, codes } = await userWithApp({ codes: true });
    const user = userEvent.setup();
    renderKit({ client: testClient({ storage }), path: '/auth/mfa/recovery-code?redirectToPath=%2Forders' });
    await user.type(await screen.findByLabelText('Recovery code'), codes[1]!);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(await screen.findByRole('button', { name: 'Not now' }));
    await screen.findByRole('heading', { name: 'Orders' });
  });

  it('no recovery codes: no link on the TOTP screen or the chooser', async () => {
    const { storage } = await userWithApp();
    renderKit({ client: testClient({ storage }), path: '/orders' });
    await screen.findByRole('heading', { name: 'Enter your authentication code' });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy());
    expect(screen.queryByRole('link', { name: 'Lost access? Use a recovery code' })).toBeNull();
  });
});

describe('recovery codes in the settings', () => {
  it('counts what is left, makes the first set without step-up, and shows it once', async () => {
    const storage = createMemoryStorage();
    const client = testClient({ storage });
    await client.emailPassword.signUp({ email: `recovery-settings${++n}@example.com`, password: 'password123' });
    const device = await client.totp.createDevice({ deviceName: 'Phone' });
    if (device.status !== 'OK') throw new Error(device.status);
    await client.totp.verifyDevice({ deviceName: 'Phone', totp: totpCode(device.secret) });
    const user = userEvent.setup();
    renderKit({ client, path: '/settings', routes: [{ path: '/settings', element: <MFASettingsScreen /> }] });
    const section = (await screen.findByRole('heading', { name: 'Recovery codes' })).closest('section')!;
    expect(within(section).getByText('You have no recovery codes yet.')).toBeTruthy();
    await user.click(within(section).getByRole('button', { name: 'Create recovery codes' }));
    const list = await within(section).findByRole('list', { name: 'Your recovery codes' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(10);
    await user.click(within(section).getByRole('button', { name: 'I’ve saved my codes' }));
    expect(await within(section).findByText('10 of 10 codes left.')).toBeTruthy();
    expect(within(section).queryByRole('list', { name: 'Your recovery codes' })).toBeNull();
    expect(within(section).getByRole('button', { name: 'Make new codes' })).toBeTruthy();
  });

  it('three or fewer left: a warning', async () => {
    const { storage, codes } = await userWithApp({ codes: true });
    const client = testClient({ storage });
    for (const code of codes.slice(0, 7)) await client.recoveryCodes.use({ code });
    renderKit({ client, path: '/settings', routes: [{ path: '/settings', element: <MFASettingsScreen /> }] });
    expect(await screen.findByText('Only 3 codes left. Make a new set before you run out.')).toBeTruthy();
  });
});
