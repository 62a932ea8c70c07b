import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthClient, createMemoryStorage, type SessionEvent } from '../../src/core/index.ts';
import type { Backend } from '../../src/server/index.ts';
import { API, startBackend, totpCode } from '../server/helpers.ts';

/**
 * An answer that arrives after the session it was sent in has ended (signed out meanwhile, here or
 * in another tab) speaks for that session: the client keeps none of its tokens.
 */

let backend: Backend;
beforeAll(async () => {
  backend = await startBackend({ mfa: { override: { functions: (o) => ({ ...o, getMFARequirementsForAuth: () => ['totp'] }) } } });
});
afterAll(() => backend.close());

let n = 0;
const email = () => `stale${++n}-${Date.now()}@example.com`;

/**
 * A client (header mode) whose next `POST /totp/device/verify` is answered by the backend at once
 * (a new access token: the factor is done) but reaches the client only on `release()`: the answer
 * was on the wire while the person signed out.
 */
async function withAnswerOnTheWire() {
  let held: { reached: () => void; gate: Promise<void> } | undefined;
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const response = await backend.fetch(request);
    const hold = held;
    if (hold && new URL(request.url).pathname.endsWith('/totp/device/verify')) {
      held = undefined;
      hold.reached();
      await hold.gate;
    }
    return response;
  };
  const client = createAuthClient({ apiDomain: API, fetch: fetchImpl, storage: createMemoryStorage(), channel: null, locks: null, tokenTransferMethod: 'header' });
  const address = email();
  expect((await client.emailPassword.signUp({ email: address, password: 'password123' })).status).toBe('OK');
  const device = await client.totp.createDevice({ deviceName: 'Phone' });
  if (device.status !== 'OK') throw new Error(device.status);
  let release = () => {};
  const answered = new Promise<void>((reached) => (held = { reached, gate: new Promise<void>((resolve) => (release = resolve)) }));
  const verify = client.totp.verifyDevice({ deviceName: 'Phone', totp: totpCode(device.secret) });
  await answered;
  return { client, address, release: async () => (release(), await verify) };
}

describe('an answer that arrives after its session ended', () => {
  it('does not sign the person back in after they signed out', async () => {
    const { client, release } = await withAnswerOnTheWire();
    await client.session.signOut();
    const events: SessionEvent['type'][] = [];
    client.session.onEvent((e) => events.push(e.type));
    expect((await release()).status).toBe('OK');
    expect(client.session.getSnapshot().status).toBe('signedOut');
    expect(events).toEqual([]);
  });

  it('does not replace the session they signed in to since', async () => {
    const { client, address, release } = await withAnswerOnTheWire();
    await client.session.signOut();
    expect((await client.emailPassword.signIn({ email: address, password: 'password123' })).status).toBe('OK');
    const now = client.session.getSnapshot();
    await release();
    expect(client.session.getSnapshot()).toBe(now);
    // The new session still works (the old one's tokens would be refused: it was signed out).
    expect((await client.mfa.getInfo({ fresh: true })).status).toBe('OK');
    expect(client.session.getSnapshot().status).toBe('signedIn');
  });
});
