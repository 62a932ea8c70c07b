// @vitest-environment jsdom
/**
 * Hostile strings a user can store (device names here: the one free-text field the backend keeps
 * and the screens show back) render as text: no markup is created, no script runs, bidi overrides
 * are shown, and very long names do not break the page's semantics.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import { createMemoryStorage } from '../../src/core/index.ts';
import type { Backend } from '../../src/server/index.ts';
import { startBackend, totpCode } from '../server/helpers.ts';
import { mswFor, testClient } from '../react/helpers.tsx';
import { axeViolations, renderSettingsApp } from '../ui/settings/helpers.tsx';

let backend: Backend;
const msw = mswFor(() => backend);

beforeAll(async () => {
  backend = await startBackend();
  msw.server.listen({ onUnhandledRequest: 'error' });
});
afterAll(async () => {
  cleanup();
  msw.server.close();
  await backend.close();
});

const HOSTILE = [
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '"><svg onload="window.__pwned=1">',
  'Phone \u202Egnp.exe', // right-to-left override
  '\u2067Ali\u2069 ‮ {{constructor}} ${7*7}',
  `Long ${'W'.repeat(250)}`, // the longest name the backend accepts is 256 characters
];

it('device names with markup, bidi overrides and extreme lengths render as text in settings', async () => {
  const storage = createMemoryStorage();
  const client = testClient({ storage });
  await client.emailPassword.signUp({ email: `hostile-${Date.now()}@example.com`, password: 'password123' });
  // The first device is verified (settings lists it as set up); the rest stay unfinished set-ups.
  for (const [i, name] of HOSTILE.entries()) {
    const device = await client.totp.createDevice({ deviceName: name });
    expect(device.status).toBe('OK');
    if (i === 0 && device.status === 'OK') expect((await client.totp.verifyDevice({ deviceName: name, totp: totpCode(device.secret) })).status).toBe('OK');
  }

  const view = renderSettingsApp({ client: testClient({ storage }), path: '/auth/settings' });
  for (const name of HOSTILE) {
    expect(await screen.findByText((_content, element) => element?.textContent === name && element.children.length === 0)).toBeTruthy();
  }
  const root = view.container;
  expect(root.querySelector('script, svg[onload], img[onerror], [onerror], [onload]')).toBeNull();
  expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  // Every remove button still says which device it removes, however long the name.
  const removes = within(root).queryAllByRole('button', { name: /Remove/ });
  expect(removes.length).toBeGreaterThan(0);
  expect(await axeViolations()).toEqual([]);
});
