// @vitest-environment jsdom
/**
 * Request and render counts of real flows through the pre-built screens, in jsdom, against the
 * reference backend in-process (msw). Run by `npm run bench -- flows`; writes
 * bench/results/flows.raw.json for bench/run.ts to turn into the report. Counts, not timings.
 */
import { writeFileSync } from 'node:fs';
import { Profiler } from 'react';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryStorage } from '../../src/core/index.ts';
import type { Backend } from '../../src/server/index.ts';
import { latestCode, startBackend, totpCode } from '../../test/server/helpers.ts';
import { mswFor, testClient } from '../../test/react/helpers.tsx';
import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { AuthProvider, SessionAuth, getPrebuiltAuthRoutes } from '../../src/index.ts';

/** Counts React commits of everything below the provider. */
const renders = { commits: 0 };

/** The app as a user would build it: the pre-built routes and one protected page. */
function renderKit(options: { client: ReturnType<typeof testClient>; path: string }) {
  const router = createMemoryRouter(
    [...getPrebuiltAuthRoutes(), { path: '/orders', element: <SessionAuth><h1>Orders</h1></SessionAuth> }],
    { initialEntries: [options.path] },
  );
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <Profiler id="app" onRender={() => void renders.commits++}>
      <AuthProvider client={options.client} queryClient={queryClient}>
        <RouterProvider router={router} />
      </AuthProvider>
    </Profiler>,
  );
}

let backend: Backend;
let required: string[] = ['totp'];
const msw = mswFor(() => backend);
const results: Record<string, unknown> = {};

beforeAll(async () => {
  backend = await startBackend({ mfa: { override: { functions: (o) => ({ ...o, getMFARequirementsForAuth: () => required }) } } });
  msw.server.listen({ onUnhandledRequest: 'error' });
});
afterAll(async () => {
  msw.server.close();
  await backend.close();
  // jsdom replaces URL, which node:fs does not take: use a plain path.
  writeFileSync(`${process.cwd()}/bench/results/flows.raw.json`, `${JSON.stringify(results, null, 2)}\n`);
});

let n = 0;
const email = () => `bench${++n}-${Date.now()}@example.com`;

async function signIn(user: ReturnType<typeof userEvent.setup>, address: string) {
  await user.type(await screen.findByLabelText('Email address'), address);
  await user.type(screen.getByLabelText('Password'), 'password123');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

it('a complete session opens a protected page', async () => {
  required = ['totp'];
  const storage = createMemoryStorage();
  const client = testClient({ storage });
  const address = email();
  await client.emailPassword.signUp({ email: address, password: 'password123' });
  const device = await client.totp.createDevice({ deviceName: 'Phone' });
  if (device.status !== 'OK') throw new Error(device.status);
  await client.totp.verifyDevice({ deviceName: 'Phone', totp: totpCode(device.secret) });
  msw.calls.length = 0;
  renderKit({ client: testClient({ storage }), path: '/orders' });
  expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
  results.completeSessionOpensProtectedPage = { requests: [...msw.calls] };
  cleanup();
});

it('sign-in with TOTP, from the sign-in form to the protected page', async () => {
  required = ['totp'];
  const address = email();
  const setup = testClient();
  await setup.emailPassword.signUp({ email: address, password: 'password123' });
  const device = await setup.totp.createDevice({ deviceName: 'Phone' });
  if (device.status !== 'OK') throw new Error(device.status);
  // A code from the previous step, so the sign-in below does not replay it.
  await setup.totp.verifyDevice({ deviceName: 'Phone', totp: totpCode(device.secret, Date.now() - 30_000) });
  await setup.session.signOut();
  const user = userEvent.setup();
  renderKit({ client: testClient(), path: '/orders' });
  await screen.findByLabelText('Email address');
  msw.calls.length = 0;
  await signIn(user, address);
  await user.type(await screen.findByLabelText('Authentication code'), totpCode(device.secret));
  expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
  results.signInWithTotp = { requests: [...msw.calls] };
  cleanup();
});

it('sign-in with email OTP, from the sign-in form to the protected page; renders per keystroke', async () => {
  required = ['otp-email'];
  const address = email();
  await testClient().emailPassword.signUp({ email: address, password: 'password123' });
  const user = userEvent.setup();
  renderKit({ client: testClient(), path: '/orders' });
  await screen.findByLabelText('Email address');
  msw.calls.length = 0;
  await signIn(user, address);
  const field = await screen.findByLabelText('Verification code');
  await waitFor(async () => expect(await latestCode(backend, address)).toMatch(/^\d{6}$/));
  const code = await latestCode(backend, address);
  // React commits of the whole app per typed digit (the sixth digit submits, so five are counted).
  const counted: number[] = [];
  for (const digit of code.slice(0, 5)) {
    const start = renders.commits;
    await user.type(field, digit);
    counted.push(renders.commits - start);
  }
  results.otpRendersPerKeystroke = { perKeystroke: counted };
  await user.type(field, code.slice(5));
  expect(await screen.findByRole('heading', { name: 'Orders' })).toBeTruthy();
  results.signInWithEmailOtp = { requests: [...msw.calls] };
  cleanup();
});
