// @vitest-environment jsdom
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { MultiFactorAuthClaim } from '../../src/core/index.ts';
import { AuthProvider, authRouteElements, useClaimValue, useMFAInfo, useSession } from '../../src/react/index.ts';
import { inProcessBackend, renderApp, testClient } from './helpers.tsx';

const msw = inProcessBackend({ mfa: { override: { functions: (o) => ({ ...o, getMFARequirementsForAuth: () => ['otp-email'] }) } } });

let n = 0;
const email = () => `hooks${++n}-${Date.now()}@example.com`;

async function signedInClient() {
  const client = testClient();
  await client.emailPassword.signUp({ email: email(), password: 'password123' });
  msw.calls.length = 0;
  return client;
}

function NextFactors(props: { name: string }) {
  const info = useMFAInfo();
  return <p>{`${props.name}: ${info.data?.status === 'OK' ? info.data.factors.next.join(',') : 'loading'}`}</p>;
}

function Who() {
  const session = useSession();
  const mfa = useClaimValue(MultiFactorAuthClaim);
  return <p>{session.exists ? `signed in as ${session.userId}, MFA ${mfa.value?.v ? 'complete' : 'pending'}` : 'signed out'}</p>;
}

const fresh = () => new QueryClient({ defaultOptions: { queries: { retry: false } } });

describe('hooks', () => {
  it('useMFAInfo is one request for every caller', async () => {
    const client = await signedInClient();
    render(
      <AuthProvider client={client} queryClient={fresh()}>
        <NextFactors name="guard" />
        <NextFactors name="screen" />
      </AuthProvider>,
    );
    expect(await screen.findByText('guard: otp-email')).toBeTruthy();
    expect(screen.getByText('screen: otp-email')).toBeTruthy();
    expect(msw.calls).toEqual(['PUT /auth/mfa/info']);
  });

  it('useSession and useClaimValue read the session without a request and follow sign-out', async () => {
    const client = await signedInClient();
    const snapshot = client.session.getSnapshot();
    const userId = snapshot.status === 'signedIn' ? snapshot.userId : '';
    render(
      <AuthProvider client={client} queryClient={fresh()}>
        <Who />
      </AuthProvider>,
    );
    expect(screen.getByText(`signed in as ${userId}, MFA pending`)).toBeTruthy();
    await client.session.signOut();
    expect(await screen.findByText('signed out')).toBeTruthy();
    expect(msw.calls).toEqual(['POST /auth/signout']);
  });

  it('a hook outside <AuthProvider> says how to fix it', () => {
    const original = console.error;
    console.error = () => undefined; // React reports the thrown render error as well
    try {
      expect(() => render(<Who />)).toThrow('useSession must be used inside <AuthProvider>: wrap your app (or this part of it) in <AuthProvider client={...}> from factorkit.');
    } finally {
      console.error = original;
    }
  });

  it('authRouteElements works inside <Routes> next to the app routes', async () => {
    render(
      <AuthProvider client={testClient()} queryClient={fresh()}>
        <MemoryRouter initialEntries={['/auth']}>
          <Routes>
            {authRouteElements({ screens: { SignIn: () => <h1>Sign in here</h1> } })}
            <Route path="/" element={<h1>Home</h1>} />
          </Routes>
        </MemoryRouter>
      </AuthProvider>,
    );
    expect(await screen.findByRole('heading', { name: 'Sign in here' })).toBeTruthy();
  });

  it('in StrictMode, the OTP screen sends one code (effects run twice)', async () => {
    const client = await signedInClient();
    renderApp({ client, path: '/orders', wrap: (app) => <StrictMode>{app}</StrictMode> });
    expect(await screen.findByRole('heading', { name: /Enter the code sent to/ })).toBeTruthy();
    expect(msw.calls.filter((c) => c === 'POST /auth/signinup/code')).toHaveLength(1);
  });
});
