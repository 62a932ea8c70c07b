// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryStorage, DEFAULT_FACTOR_SCREENS } from '../../../src/core/index.ts';
import { mfaInfo } from '../../../src/testing/index.ts';
import { inProcessBackend, settableRequirements, testClient } from '../../react/helpers.tsx';
import { location, renderKit } from './helpers.tsx';

const required = settableRequirements([{ oneOf: ['totp', 'otp-email'] }]);
const msw = inProcessBackend({ mfa: required.mfa });

let n = 0;
async function signedUp() {
  const storage = createMemoryStorage();
  await testClient({ storage }).emailPassword.signUp({ email: `chooser${++n}-${Date.now()}@example.com`, password: 'password123' });
  msw.calls.length = 0;
  return { storage };
}

describe('FactorChooserScreen', () => {
  it('lists the possible factors with name and description, no back during sign-in, and opens the one picked', async () => {
    const { storage } = await signedUp();
    const user = userEvent.setup();
    renderKit({ client: testClient({ storage }), path: '/orders' });
    // Not blank while loading: the loading region is there from the start.
    expect(screen.getAllByRole('status').length).toBeGreaterThan(0);
    expect(await screen.findByRole('heading', { name: 'Choose how to verify' })).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Verification methods' });
    const options = within(list).getAllByRole('link');
    expect(options.map((o) => o.getAttribute('data-factor'))).toEqual(['totp', 'otp-email']);
    expect(within(list).getByRole('link', { name: 'Authenticator app' })).toBeTruthy();
    expect(within(list).getByText('We send a one-time code to your email address.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Go back' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();

    await user.click(within(list).getByRole('link', { name: 'Code by email' }));
    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeTruthy();
    expect(location()).toBe('/auth/mfa/otp-email?redirectToPath=%2Forders');
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
