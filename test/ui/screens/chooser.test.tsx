// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryStorage, DEFAULT_FACTOR_SCREENS } from '../../../src/core/index.ts';
import { mfaInfo } from '../../../src/testing/index.ts';
import { inProcessBackend, settableRequirements, testClient } from '../../react/helpers.tsx';
import { location, renderKit } from './helpers.tsx';
import type { Backend } from '../../../src/server/index.ts';
import { latestCode } from '../../server/helpers.ts';

const required = settableRequirements([{ oneOf: ['totp', 'otp-email'] }]);
let backend: Backend;
const msw = inProcessBackend({ mfa: required.mfa }, (b) => (backend = b));

let n = 0;
async function signedUp() {
  const storage = createMemoryStorage();
  const address = `chooser${++n}-${Date.now()}@example.com`;
  await testClient({ storage }).emailPassword.signUp({ email: address, password: 'password123' });
  msw.calls.length = 0;
  return { storage, address };
}

describe('FactorChooserScreen', () => {
  it('lists the possible factors with name and description, no back during sign-in, and opens the one picked', async () => {
    const { storage, address } = await signedUp();
    const user = userEvent.setup();
    renderKit({ client: testClient({ storage }), path: '/orders' });
    // Not blank while loading: the loading region is there from the start.
    expect(screen.getAllByRole('status').length).toBeGreaterThan(0);
    expect(await screen.findByRole('heading', { name: 'Choose how to verify' })).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Verification methods' });
    const options = within(list).getAllByRole('link');
    expect(options.map((o) => o.getAttribute('data-factor'))).toEqual(['totp', 'otp-email']);
    expect(within(list).getByRole('link', { name: 'Authenticator app' })).toBeTruthy();
    // Where the code would go, partly hidden.
    expect(within(list).getByText(`We send a one-time code to c•••${address.slice(address.indexOf('@'))}.`)).toBeTruthy();
    expect(address.startsWith('c')).toBe(true);
    // One of two will do: it says so, and a single factor to go is not "step 1 of 1".
    expect(screen.getByText('Confirm it’s you with one of these methods.')).toBeTruthy();
    expect(screen.queryByText(/^Step \d of \d$/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Go back' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();

    await user.click(within(list).getByRole('link', { name: 'Code by email' }));
    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeTruthy();
    expect(location()).toBe('/auth/mfa/otp-email?redirectToPath=%2Forders');
    // The authenticator app would do instead: the way back says so.
    await user.click(screen.getByRole('button', { name: 'Use another method' }));
    expect(await screen.findByRole('heading', { name: 'Choose how to verify' })).toBeTruthy();
    // The button that was clicked is gone: focus starts at the new screen's heading, not on <body>.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Choose how to verify' })));
  });

  it('S3: a sign-in that needs each of two factors says so and counts the steps', async () => {
    required.set([{ allOfInAnyOrder: ['otp-email', 'totp'] }]);
    const { storage, address } = await signedUp();
    const user = userEvent.setup();
    renderKit({ client: testClient({ storage }), path: '/orders' });
    expect(await screen.findByRole('heading', { name: 'Choose how to verify' })).toBeTruthy();
    expect(screen.getByText('Your account needs each of these methods. Start with any of them.')).toBeTruthy();
    expect(screen.queryByText('Confirm it’s you with one of these methods.')).toBeNull();
    expect(screen.getByText('Step 1 of 2')).toBeTruthy();

    await user.click(screen.getByRole('link', { name: 'Code by email' }));
    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeTruthy();
    expect(screen.getByText('Step 1 of 2')).toBeTruthy();
    // The other one is needed too, not an alternative.
    expect(screen.queryByRole('button', { name: 'Use another method' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Go back' })).toBeTruthy();
    await user.type(screen.getByLabelText('Verification code'), await latestCode(backend, address));

    // Then the authenticator app, the last step.
    expect(await screen.findByRole('heading', { name: 'Set up an authenticator app' })).toBeTruthy();
    expect(screen.getByText('Step 2 of 2')).toBeTruthy();
  });

  it('shows custom factors registered in AuthProvider (here named by ?n=)', async () => {
    const { storage } = await signedUp();
    renderKit({
      client: testClient({ storage }),
      path: '/auth/mfa?n=totp,acme-key',
      provider: { factors: [...DEFAULT_FACTOR_SCREENS, { id: 'acme-key', path: '/mfa/acme', label: 'Acme security key', description: 'Touch your Acme key.' }] },
    });
    const list = await screen.findByRole('list', { name: 'Verification methods' });
    expect(within(list).getByRole('link', { name: 'Acme security key' })).toBeTruthy();
    expect(within(list).getByText('Touch your Acme key.')).toBeTruthy();
  });

  it('offers back once sign-in is complete (step-up)', async () => {
    required.set([]);
    const { storage } = await signedUp();
    renderKit({ client: testClient({ storage }), path: '/auth/mfa?stepUp=true&redirectToPath=%2Forders' });
    expect(await screen.findByRole('heading', { name: 'Choose how to verify' })).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Go back' }));
    expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
  });

  it('denies access with a reason when no factor is possible', async () => {
    const { storage } = await signedUp();
    msw.server.use(mfaInfo.noFactorPossible());
    renderKit({ client: testClient({ storage }), path: '/auth/mfa' });
    expect(await screen.findByRole('heading', { name: 'Access denied' })).toBeTruthy();
    expect(screen.getByText('There is no verification method you can use to finish signing in. Contact support for help.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
  });

  it('a failed MFA info says so and can be retried', async () => {
    const { storage } = await signedUp();
    msw.server.use(mfaInfo.fails({ times: 1 }));
    renderKit({ client: testClient({ storage }), path: '/auth/mfa' });
    expect(await screen.findByText('Something went wrong. Please try again.')).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'Authenticator app' })).toBeTruthy();
  });

  it('signs out', async () => {
    const { storage } = await signedUp();
    renderKit({ client: testClient({ storage }), path: '/auth/mfa' });
    await screen.findByRole('heading', { name: 'Choose how to verify' });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
  });
});
