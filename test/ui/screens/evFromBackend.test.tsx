// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { createMemoryStorage } from '../../../src/core/index.ts';
import { inProcessBackend, testClient } from '../../react/helpers.tsx';
import { location, renderKit } from './helpers.tsx';

/**
 * A backend that requires email verification, and an app that did not configure it on the client (the
 * README's two snippets once disagreed this way): the first 403 for `st-ev` teaches the client, and the
 * guard sends the user to verify their address instead of leaving the page with "could not load".
 */
inProcessBackend({ emailVerification: { mode: 'REQUIRED' } });

describe('email verification the app did not configure', () => {
  it('the settings page, refused for st-ev, goes to verify the email first', async () => {
    const storage = createMemoryStorage();
    expect((await testClient({ storage }).emailPassword.signUp({ email: `ev-${Date.now()}@example.com`, password: 'password123' })).status).toBe('OK');
    renderKit({ client: testClient({ storage }), path: '/auth/settings' });
    await waitFor(() => expect(location()).toBe('/auth/verify-email?redirectToPath=%2Fauth%2Fsettings'));
    expect(await screen.findByRole('heading', { name: 'Check your inbox' })).toBeTruthy();
  });
});
