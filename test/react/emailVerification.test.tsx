// @vitest-environment jsdom
import { useEffect, useRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { http } from 'msw';
import { EmailVerificationClaim, type AuthClient } from '../../src/core/index.ts';
import { AuthProvider, useEmailVerification } from '../../src/react/index.ts';
import type { Backend } from '../../src/server/index.ts';
import { API } from '../server/helpers.ts';
import { inProcessBackend, testClient } from './helpers.tsx';

let backend: Backend;
const msw = inProcessBackend({ emailVerification: { mode: 'REQUIRED' } }, (b) => (backend = b));

let n = 0;
const email = () => `ev${++n}-${Date.now()}@example.com`;

/** What the session (the access token's `st-ev`) says about the address. */
const claimSays = (client: AuthClient) => {
  const snapshot = client.session.getSnapshot();
  return snapshot.status === 'signedIn' ? EmailVerificationClaim.getValueFromPayload(snapshot.payload) : undefined;
};

function OpenedLink(props: { token: string }) {
  const ev = useEmailVerification();
  const started = useRef(false);
  const { mutate } = ev.verifyToken;
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    mutate({ token: props.token });
  }, [mutate, props.token]);
  const answer = ev.isVerified.data;
  return <p>{ev.verifyToken.isSuccess && answer?.status === 'OK' ? (answer.isVerified ? 'Verified' : 'Not verified') : 'Checking'}</p>;
}

describe('useEmailVerification', () => {
  it('a link used while an earlier "is it verified?" request is on the wire ends verified, in the screen and in the session', async () => {
    const client = testClient();
    const address = email();
    expect((await client.emailPassword.signUp({ email: address, password: 'password123' })).status).toBe('OK');
    expect((await client.emailVerification.sendEmail()).status).toBe('OK');
    const [message] = await backend.outbox.list({ to: address, limit: 1 });
    const token = new URL(message!.link!).searchParams.get('token')!;

    // The screen's own check reads the address before the token is used (not verified yet) and is
    // answered only after the token's answer has landed: two requests crossing on a slow network.
    let checks = 0;
    let checkRead = false;
    msw.server.use(
      http.get(`${API}/auth/user/email/verify`, async ({ request }) => {
        const first = ++checks === 1;
        const response = await backend.fetch(request);
        if (first) {
          checkRead = true;
          await vi.waitFor(() => expect(claimSays(client)).toBe(true), { timeout: 5000, interval: 10 });
        }
        return response;
      }),
      http.post(`${API}/auth/user/email/verify`, async ({ request }) => {
        await vi.waitFor(() => expect(checkRead).toBe(true), { timeout: 5000, interval: 10 });
        return backend.fetch(request);
      }),
    );
    render(
      <AuthProvider client={client} queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <OpenedLink token={token} />
      </AuthProvider>,
    );
    expect(await screen.findByText(/^(Verified|Not verified)$/)).toBeTruthy();
    expect(screen.getByText('Verified')).toBeTruthy();
    // Once every answer is in, the session agrees: the guard would let the person through.
    await waitFor(() => expect(msw.calls.filter((c) => c === 'GET /auth/user/email/verify').length).toBe(2));
    expect(claimSays(client)).toBe(true);
  });
});
