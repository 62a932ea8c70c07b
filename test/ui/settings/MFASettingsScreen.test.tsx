// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { createMemoryStorage } from '../../../src/core/index.ts';
import { AuthProvider, fkKeys, useMFASettings } from '../../../src/react/index.ts';
import type { Backend, MFARequirementList } from '../../../src/server/index.ts';
import { API, latestCode, testClock, totpCode } from '../../server/helpers.ts';
import { inProcessBackend, testClient } from '../../react/helpers.tsx';
import { axeViolations, location, renderSettingsApp } from './helpers.tsx';

/**
 * The MFA settings screen against the reference backend in-process (seed S5: the default rule asks
 * for one of the user's required factors). The backend clock moves; the client follows it through
 * the tokens it receives.
 */

const clock = testClock(Date.UTC(2026, 5, 1, 9, 0, 0));
const MINUTE = 60_000;
const PASSWORD = 'password123';
let backend: Backend;
/** The app's own rule on top of the default (S1-like: `['totp']` for everyone); none unless a test sets it. */
let policy: MFARequirementList = [];
afterEach(() => {
  policy = [];
});
const msw = inProcessBackend(
  { now: clock.now, mfa: { override: { functions: (o) => ({ ...o, getMFARequirementsForAuth: async (input) => [...(await o.getMFARequirementsForAuth(input)), ...policy] }) } } },
  (b) => (backend = b),
);

let n = 0;
const newEmail = () => `settings${++n}@example.com`;
const { count } = msw;

/** A user signed up with a password, in a client of their own. */
async function signedUp() {
  const storage = createMemoryStorage();
  const client = testClient({ storage });
  const address = newEmail();
  expect((await client.emailPassword.signUp({ email: address, password: PASSWORD })).status).toBe('OK');
  const snapshot = client.session.getSnapshot();
  const userId = snapshot.status === 'signedIn' ? snapshot.userId : '';
  return { client, storage, address, userId };
}

type Signed = Awaited<ReturnType<typeof signedUp>>;

/** Completes email OTP as a second factor in the user's session (through the client, not the UI). */
async function doEmailOtp(u: Signed) {
  const code = await u.client.passwordless.createCode({ email: u.address, asSecondFactor: true });
  if (code.status !== 'OK') throw new Error(code.status);
  const consumed = await u.client.passwordless.consumeCode({ deviceId: code.deviceId, preAuthSessionId: code.preAuthSessionId, userInputCode: await latestCode(backend, u.address), asSecondFactor: true });
  expect(consumed.status).toBe('OK');
}

/** Adds a verified TOTP device through the client; returns its secret. */
async function addDevice(u: Signed, deviceName: string) {
  const device = await u.client.totp.createDevice({ deviceName });
  if (device.status !== 'OK') throw new Error(device.status);
  expect((await u.client.totp.verifyDevice({ deviceName, totp: totpCode(device.secret, clock.now()) })).status).toBe('OK');
  return device.secret;
}

/** What the next sign-in of this user asks for. */
async function nextSignInAsks(address: string) {
  const fresh = testClient();
  expect((await fresh.emailPassword.signIn({ email: address, password: PASSWORD })).status).toBe('OK');
  const info = await fresh.mfa.getInfo();
  if (info.status !== 'OK') throw new Error(info.status);
  return info.factors.next;
}

/**
 * A loop of settings requests would starve the test's timers and never let it fail: from the 4th
 * request on the network fails, which ends such a loop (no 403, no event) so a count can say so.
 */
function endSettingsLoops() {
  msw.server.use(http.get(`${API}/auth/fk/mfa/settings`, () => (count('GET /auth/fk/mfa/settings') > 3 ? HttpResponse.error() : undefined)));
}

const emailSwitch = () => screen.findByRole('switch', { name: 'Use Code by email at sign-in' });

describe('MFASettingsScreen', () => {
  it('settings data the server refuses once MFA is unfinished (403 st-mfa) is not fetched again and again', async () => {
    const u = await signedUp();
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const events: string[] = [];
    function Settings() {
      const settings = useMFASettings();
      return <p>{`settings: ${settings.data?.status ?? 'loading'}`}</p>;
    }
    render(
      <AuthProvider client={u.client} queryClient={queryClient} onEvent={(event) => events.push(event.type)}>
        <Settings />
      </AuthProvider>,
    );
    expect(await screen.findByText('settings: OK')).toBeTruthy();
    // Turning a factor on leaves this session's MFA unfinished; the page then reloads its settings.
    expect((await u.client.mfaSettings.addRequiredFactor({ factorId: 'otp-email' })).status).toBe('OK');
    msw.calls.length = 0;
    endSettingsLoops();
    await queryClient.invalidateQueries({ queryKey: fkKeys.mfaSettings() });
    await waitFor(() => expect(events).toContain('API_INVALID_CLAIM'));
    // Whatever the refusal set off has had its turn: a refetch would have started by now.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(count('GET /auth/fk/mfa/settings')).toBe(1);
  });

  it('turning email OTP on proves it in this session, then the next sign-in asks for it; another user is untouched', async () => {
    const other = await signedUp();
    const u = await signedUp();
    const user = userEvent.setup();
    endSettingsLoops();
    renderSettingsApp({ client: u.client, path: '/auth/settings' });

    expect(await screen.findByRole('heading', { level: 1, name: 'Two-step verification' })).toBeTruthy();
    const toggle = await emailSwitch();
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    expect(screen.getByText(`Set up · Not asked at sign-in · Codes go to ${u.address}`, { exact: false })).toBeTruthy();
    await user.click(toggle);

    // The new rule applies to this session at once: the page asks for the code in place, saying
    // why, instead of the guard leaving for the email-code screen.
    const panel = await screen.findByRole('region', { name: 'Verify Code by email once to finish turning it on.' });
    expect(location()).toBe('/auth/settings');
    // The backend asks for it already: the row says so while the code is still to come.
    expect((await emailSwitch()).getAttribute('aria-checked')).toBe('true');
    expect(screen.getByText(/Set up · Asked at every sign-in/)).toBeTruthy();
    await user.click(within(panel).getByRole('button', { name: `Send a code to ${u.address}` }));
    await user.type(await within(panel).findByLabelText('Verification code'), await latestCode(backend, u.address));

    // ...and the switch is on, the page never left.
    expect(await screen.findByText('Code by email is now on.')).toBeTruthy();
    await waitFor(async () => expect((await emailSwitch()).getAttribute('aria-checked')).toBe('true'));
    expect(screen.queryByRole('region', { name: 'Verify Code by email once to finish turning it on.' })).toBeNull();
    expect(location()).toBe('/auth/settings');
    expect(await backend.mfa.getRequiredSecondaryFactorsForUser(u.userId)).toEqual(['otp-email']);

    expect(await nextSignInAsks(u.address)).toEqual(['otp-email']);
    expect(await backend.mfa.getRequiredSecondaryFactorsForUser(other.userId)).toEqual([]);
    expect(await nextSignInAsks(other.address)).toEqual([]);
  });

  it('turning it off without a recent factor asks to re-verify first (in place, by email code), then saves; sign-in stops asking', async () => {
    const u = await signedUp();
    expect((await u.client.mfaSettings.addRequiredFactor({ factorId: 'otp-email' })).status).toBe('OK');
    await doEmailOtp(u);
    // Past the step-up window: the code done at sign-in no longer vouches for the change.
    clock.advance(6 * MINUTE);
    const user = userEvent.setup();
    // Mounted as a component in the app's own page.
    renderSettingsApp({ client: u.client, path: '/account' });
    expect(await screen.findByRole('heading', { level: 2, name: 'Two-step verification' })).toBeTruthy();
    const toggle = await emailSwitch();
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    msw.calls.length = 0;
    await user.click(toggle);

    const panel = await screen.findByRole('region', { name: 'Confirm it’s you' });
    // Focus moves to the panel's heading, so its title is read out.
    expect(document.activeElement).toBe(within(panel).getByRole('heading', { name: 'Confirm it’s you' }));
    // Known to need step-up: no request that would be refused.
    expect(count('POST /auth/fk/mfa/settings/required-factors/remove')).toBe(0);

    await user.click(within(panel).getByRole('button', { name: `Send a code to ${u.address}` }));
    await user.type(await within(panel).findByLabelText('Verification code'), await latestCode(backend, u.address));

    // Verified: the change is retried on its own.
    await waitFor(async () => expect((await emailSwitch()).getAttribute('aria-checked')).toBe('false'));
    expect(screen.queryByRole('region', { name: 'Confirm it’s you' })).toBeNull();
    expect(screen.getByText('Code by email is now off.')).toBeTruthy();
    expect(document.activeElement).toBe(await emailSwitch());
    expect(location()).toBe('/account');
    expect(await backend.mfa.getRequiredSecondaryFactorsForUser(u.userId)).toEqual([]);
    expect(await nextSignInAsks(u.address)).toEqual([]);
  });

  it('S5: turning off the authenticator app this session was verified with says why and asks for the email code in place', async () => {
    const first = await signedUp();
    const secret = await addDevice(first, 'Phone');
    expect((await first.client.mfaSettings.addRequiredFactor({ factorId: 'totp' })).status).toBe('OK');
    expect((await first.client.mfaSettings.addRequiredFactor({ factorId: 'otp-email' })).status).toBe('OK');
    await doEmailOtp(first);
    clock.advance(MINUTE);
    // A later sign-in with the password and the authenticator app (either one will do).
    const u = { ...first, client: testClient() };
    expect((await u.client.emailPassword.signIn({ email: u.address, password: PASSWORD })).status).toBe('OK');
    expect((await u.client.totp.verifyCode({ totp: totpCode(secret, clock.now()) })).status).toBe('OK');
    const user = userEvent.setup();
    renderSettingsApp({ client: u.client, path: '/auth/settings' });

    // Either one will do at sign-in, and the page says so.
    const totpSwitch = await screen.findByRole('switch', { name: 'Use Authenticator app at sign-in' });
    expect(screen.getAllByText(/One of the methods asked at sign-in/)).toHaveLength(2);
    expect(screen.getByText('At sign-in, any one of the methods that are on will do.')).toBeTruthy();
    await user.click(totpSwitch);

    const panel = await screen.findByRole('region', { name: 'Verify Code by email to continue' });
    expect(within(panel).getByText(/Your change is saved\. It applies to this session too/)).toBeTruthy();
    expect(location()).toBe('/auth/settings');
    expect(await backend.mfa.getRequiredSecondaryFactorsForUser(u.userId)).toEqual(['otp-email']);
    await user.click(within(panel).getByRole('button', { name: `Send a code to ${u.address}` }));
    await user.type(await within(panel).findByLabelText('Verification code'), await latestCode(backend, u.address));

    await waitFor(() => expect(screen.queryByRole('region', { name: 'Verify Code by email to continue' })).toBeNull());
    expect(screen.getByText('Authenticator app is now off.')).toBeTruthy();
    expect((await screen.findByRole('switch', { name: 'Use Authenticator app at sign-in' })).getAttribute('aria-checked')).toBe('false');
    expect(location()).toBe('/auth/settings');
  });

  it('a factor the tenant or the app requires is shown as asked, locked, and says why when pressed', async () => {
    const u = await signedUp();
    const secret = await addDevice(u, 'Phone');
    // The app's rule, as S1: TOTP for everyone, whatever the user chose.
    policy = ['totp'];
    clock.advance(MINUTE);
    expect((await u.client.totp.verifyCode({ totp: totpCode(secret, clock.now()) })).status).toBe('OK');
    const user = userEvent.setup();
    renderSettingsApp({ client: u.client, path: '/auth/settings' });
    const totpSwitch = await screen.findByRole('switch', { name: 'Use Authenticator app at sign-in' });
    expect(totpSwitch.getAttribute('aria-checked')).toBe('true');
    expect(totpSwitch.getAttribute('aria-disabled')).toBe('true');
    // The app's code was entered a moment ago: the row says when it was last used.
    const day = new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(clock.now());
    expect(screen.getByText(`Set up · Asked at every sign-in · Required for your account · Last used ${day}`)).toBeTruthy();
    await user.click(totpSwitch);
    expect(await screen.findByText('This method is required for your account, so it cannot be turned off here.')).toBeTruthy();
    expect(totpSwitch.getAttribute('aria-checked')).toBe('true');
    expect(count('POST /auth/fk/mfa/settings/required-factors/remove')).toBe(0);
  });

  it('re-verifying on the factor page (stepUp=true) comes back to the settings and finishes the change', async () => {
    const u = await signedUp();
    expect((await u.client.mfaSettings.addRequiredFactor({ factorId: 'otp-email' })).status).toBe('OK');
    await doEmailOtp(u);
    clock.advance(6 * MINUTE);
    const user = userEvent.setup();
    renderSettingsApp({ client: u.client, path: '/auth/settings' });
    await user.click(await emailSwitch());
    const panel = await screen.findByRole('region', { name: 'Confirm it’s you' });
    await user.click(within(panel).getByRole('button', { name: 'Verify on a separate page' }));

    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeTruthy();
    expect(location()).toBe(`/auth/mfa/otp-email?${new URLSearchParams({ stepUp: 'true', redirectToPath: '/auth/settings' })}`);
    await user.type(screen.getByLabelText('Verification code'), await latestCode(backend, u.address));

    await waitFor(() => expect(location()).toBe('/auth/settings'));
    await waitFor(async () => expect((await emailSwitch()).getAttribute('aria-checked')).toBe('false'));
    expect(await backend.mfa.getRequiredSecondaryFactorsForUser(u.userId)).toEqual([]);
  });

  it('removing a device without a recent factor is refused by the backend; the UI asks to re-verify (TOTP, added before this session) and then removes it', async () => {
    const other = await signedUp();
    await addDevice(other, 'Other phone');
    const first = await signedUp();
    const secret = await addDevice(first, 'Work phone');
    // A later session: the device was added before it, so it can vouch (one added in the same session could not).
    clock.advance(MINUTE);
    const u = { ...first, client: testClient() };
    expect((await u.client.emailPassword.signIn({ email: u.address, password: PASSWORD })).status).toBe('OK');
    expect((await u.client.totp.verifyCode({ totp: totpCode(secret, clock.now()) })).status).toBe('OK');
    const user = userEvent.setup();
    renderSettingsApp({ client: u.client, path: '/auth/settings' });

    const devices = await screen.findByRole('region', { name: 'Authenticator apps' });
    const added = new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(clock.now() - MINUTE);
    expect(within(devices).getByText('Work phone')).toBeTruthy();
    // Added a minute ago, used just now (the same day here: the date reads the same).
    expect(within(devices).getByText(`Added ${added} · Last used ${new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(clock.now())}`)).toBeTruthy();

    // The page still believes the TOTP code vouches; the backend's clock has moved on.
    clock.advance(6 * MINUTE);
    await user.click(within(devices).getByRole('button', { name: 'Remove Work phone' }));
    const confirm = await screen.findByRole('region', { name: 'Remove Work phone' });
    expect(within(confirm).getByText('Remove Work phone? You will no longer be able to sign in with it.')).toBeTruthy();
    await user.click(within(confirm).getByRole('button', { name: 'Remove Work phone' }));

    const panel = await screen.findByRole('region', { name: 'Confirm it’s you' });
    expect(count('POST /auth/totp/device/remove')).toBe(1);
    expect((await u.client.totp.listDevices()).status === 'OK').toBe(true);
    const listed = await u.client.totp.listDevices();
    expect(listed.status === 'OK' && listed.devices.map((d) => d.name)).toEqual(['Work phone']);

    // Two factors count: the page lets the user pick one.
    await user.click(within(panel).getByRole('button', { name: 'Use Authenticator app' }));
    await user.type(within(panel).getByLabelText('Authentication code'), totpCode(secret, clock.now()));

    await waitFor(() => expect(within(devices).getByText('No authenticator app is set up yet.')).toBeTruthy());
    expect(count('POST /auth/totp/device/remove')).toBe(2);
    expect(screen.getByText('Work phone was removed.')).toBeTruthy();
    // The other user's device is still there.
    const others = await other.client.totp.listDevices();
    expect(others.status === 'OK' && others.devices.map((d) => d.name)).toEqual(['Other phone']);
  });

  it('adding an authenticator app after the step-up window asks to verify first; a password-only account may use its password', async () => {
    const u = await signedUp();
    clock.advance(6 * MINUTE);
    const user = userEvent.setup();
    renderSettingsApp({ client: u.client, path: '/auth/settings' });
    const devices = await screen.findByRole('region', { name: 'Authenticator apps' });
    await user.click(within(devices).getByRole('button', { name: 'Add an authenticator app' }));
    const panel = await screen.findByRole('region', { name: 'Confirm it’s you' });
    expect(count('POST /auth/totp/device')).toBe(0);
    // The account has no second factor yet: a code to its address, or its password, vouches.
    expect(within(panel).getByRole('button', { name: 'Use Code by email' })).toBeTruthy();
    await user.click(within(panel).getByRole('button', { name: 'Use Password' }));
    await user.type(within(panel).getByLabelText('Password'), 'wrong-password-1');
    await user.click(within(panel).getByRole('button', { name: 'Verify' }));
    expect(await within(panel).findByText('The password is not correct.')).toBeTruthy();
    await user.type(within(panel).getByLabelText('Password'), PASSWORD);
    await user.click(within(panel).getByRole('button', { name: 'Verify' }));
    const setup = await screen.findByRole('region', { name: 'Set up an authenticator app' });
    await user.click(within(setup).getByRole('button', { name: 'Continue' }));
    expect(await within(setup).findByRole('group', { name: 'Secret key, in groups of four characters' })).toBeTruthy();
    expect(count('POST /auth/totp/device')).toBe(1);
  });

  it('turning the authenticator app on sets it up first (QR code, secret, code), then saves', async () => {
    const u = await signedUp();
    const user = userEvent.setup();
    renderSettingsApp({ client: u.client, path: '/auth/settings' });
    const toggle = await screen.findByRole('switch', { name: 'Use Authenticator app at sign-in' });
    expect(screen.getByText('No authenticator app is set up yet.')).toBeTruthy();
    await user.click(toggle);

    const panel = await screen.findByRole('region', { name: 'Set up an authenticator app' });
    await user.type(within(panel).getByLabelText('Device name'), 'Laptop');
    await user.click(within(panel).getByRole('button', { name: 'Continue' }));
    const secret = (await within(panel).findByRole('group', { name: 'Secret key, in groups of four characters' })).textContent!.replace(/\s/g, '');
    await user.type(within(panel).getByLabelText('Authentication code'), totpCode(secret, clock.now()));

    await waitFor(async () => expect((await screen.findByRole('switch', { name: 'Use Authenticator app at sign-in' })).getAttribute('aria-checked')).toBe('true'));
    expect(within(screen.getByRole('region', { name: 'Authenticator apps' })).getByText('Laptop')).toBeTruthy();
    expect(await backend.mfa.getRequiredSecondaryFactorsForUser(u.userId)).toEqual(['totp']);
  });

  it('shows an error with a way to try again when the settings cannot be loaded', async () => {
    const u = await signedUp();
    const user = userEvent.setup();
    const { http, HttpResponse } = await import('msw');
    msw.server.use(http.get('*/auth/fk/mfa/settings', () => HttpResponse.json({ message: 'boom' }, { status: 500 }), { once: true }));
    renderSettingsApp({ client: u.client, path: '/auth/settings' });
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('We could not load your security settings.')).toBeTruthy();
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await emailSwitch()).toBeTruthy();
    msw.server.resetHandlers();
  });

  it.each([
    ['light', 'en'],
    ['dark', 'en'],
    ['high-contrast', 'en'],
    ['light', 'ar'],
  ] as const)('has no axe violations (%s, %s), with the step-up panel open', async (theme, locale) => {
    const u = await signedUp();
    await addDevice(u, 'Phone');
    expect((await u.client.mfaSettings.addRequiredFactor({ factorId: 'otp-email' })).status).toBe('OK');
    await doEmailOtp(u);
    clock.advance(6 * MINUTE);
    const user = userEvent.setup();
    renderSettingsApp({ client: u.client, path: '/auth/settings', provider: { theme, locale } });
    const root = await waitFor(() => {
      const el = document.querySelector('[data-fk-screen="mfa-settings"]');
      if (!el || el.querySelectorAll('[role="switch"]').length === 0) throw new Error('not loaded');
      return el;
    });
    expect(root.getAttribute('data-fk-theme')).toBe(theme);
    expect(root.getAttribute('dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
    expect(await axeViolations()).toEqual([]);
    const on = screen.getAllByRole('switch').find((s) => s.getAttribute('aria-checked') === 'true')!;
    await user.click(on);
    await waitFor(() => expect(document.querySelector('[data-fk-panel="step-up"]')).not.toBeNull());
    expect(await axeViolations()).toEqual([]);
  });
});

describe('Where you’re signed in', () => {
  it('lists this device and the others; signing one out ends it at its next request', async () => {
    const u = await signedUp();
    const elsewhere = testClient();
    expect((await elsewhere.emailPassword.signIn({ email: u.address, password: PASSWORD })).status).toBe('OK');
    const user = userEvent.setup();
    endSettingsLoops();
    renderSettingsApp({ client: u.client, path: '/auth/settings' });

    const section = await screen.findByRole('region', { name: 'Where you’re signed in' });
    const rows = await within(section).findAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText(/^This device · Signed in /)).toBeTruthy();
    expect(within(rows[0]!).queryByRole('button')).toBeNull();
    expect(within(rows[1]!).getByText(/^Active .* · Signed in /)).toBeTruthy();
    // One other session: no "everywhere else" button for a single one.
    expect(within(section).queryByRole('button', { name: 'Sign out everywhere else' })).toBeNull();

    await user.click(within(rows[1]!).getByRole('button', { name: /^Sign out Unknown browser, active / }));
    expect(await within(section).findByText('Unknown browser is signed out.')).toBeTruthy();
    await waitFor(() => expect(within(section).getAllByRole('listitem')).toHaveLength(1));
    // The other browser is signed out at its next request.
    expect(await elsewhere.session.doesSessionExist()).toBe(true);
    const after = await elsewhere.mfa.getInfo({ fresh: true }).catch((e: unknown) => e);
    expect(after).toBeInstanceOf(Error);
    expect(elsewhere.session.getSnapshot().status).toBe('signedOut');
  });

  it('"Sign out everywhere else" with several others', async () => {
    const u = await signedUp();
    for (let i = 0; i < 2; i++) expect((await testClient().emailPassword.signIn({ email: u.address, password: PASSWORD })).status).toBe('OK');
    const user = userEvent.setup();
    endSettingsLoops();
    renderSettingsApp({ client: u.client, path: '/auth/settings' });
    const section = await screen.findByRole('region', { name: 'Where you’re signed in' });
    expect(await within(section).findAllByRole('listitem')).toHaveLength(3);
    await user.click(within(section).getByRole('button', { name: 'Sign out everywhere else' }));
    expect(await within(section).findByText('Signed out of 2 other sessions.')).toBeTruthy();
    await waitFor(() => expect(within(section).getAllByRole('listitem')).toHaveLength(1));
  });
});

describe('Sign out everywhere', () => {
  it('asks once more, then ends every session, this one included: the page goes to sign-in', async () => {
    const u = await signedUp();
    const elsewhere = testClient();
    expect((await elsewhere.emailPassword.signIn({ email: u.address, password: PASSWORD })).status).toBe('OK');
    const user = userEvent.setup();
    endSettingsLoops();
    renderSettingsApp({ client: u.client, path: '/auth/settings' });
    const section = await screen.findByRole('region', { name: 'Where you’re signed in' });
    await within(section).findAllByRole('listitem');
    await user.click(within(section).getByRole('button', { name: 'Sign out everywhere' }));
    const confirm = within(section).getByRole('group', { name: 'Sign out everywhere' });
    expect(within(confirm).getByText(/this one included/)).toBeTruthy();
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(within(section).queryByRole('group', { name: 'Sign out everywhere' })).toBeNull();
    await user.click(within(section).getByRole('button', { name: 'Sign out everywhere' }));
    await user.click(within(within(section).getByRole('group', { name: 'Sign out everywhere' })).getByRole('button', { name: 'Sign out everywhere' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(u.client.session.getSnapshot().status).toBe('signedOut');
    expect(await elsewhere.mfa.getInfo({ fresh: true }).catch((e: unknown) => e)).toBeInstanceOf(Error);
  });
});
