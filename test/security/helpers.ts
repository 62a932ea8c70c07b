import { afterAll, beforeAll, expect } from 'vitest';
import { serve, type Backend, type BackendConfig, type RunningServer } from '../../src/server/index.ts';
import { API, latestCode, startBackend, TestClient, totpCode, type testClock } from '../server/helpers.ts';

/**
 * The attack suite's harness: the reference backend served on loopback, and clients that talk to it
 * over real HTTP (Node's fetch), as an attacker's script would.
 */

/** Header a test uses to play a client from another address (the backend is told to trust it). */
export const TEST_IP_HEADER = 'x-test-client-ip';

/** Trust {@link TEST_IP_HEADER} for the client address, as an app behind its own proxy would trust X-Forwarded-For. */
export const clientAddressFromTestHeader: NonNullable<BackendConfig['clientAddress']> = (request, remote) => request.headers.get(TEST_IP_HEADER) ?? remote;

/** A client whose requests go over HTTP to a served backend; `ip` sets the address the backend sees. */
export class HttpClient extends TestClient {
  ip: string | undefined;
  constructor(
    backend: Backend,
    readonly baseUrl: string,
    mode: 'header' | 'cookie' = 'header',
    options: { tenantId?: string; ip?: string } = {},
  ) {
    super(backend, mode, options.tenantId);
    this.ip = options.ip;
  }

  protected override async send(request: Request): Promise<Response> {
    const headers = new Headers(request.headers);
    if (this.ip !== undefined) headers.set(TEST_IP_HEADER, this.ip);
    const body = request.body ? await request.text() : undefined;
    return fetch(request.url.replace(API, this.baseUrl), { method: request.method, headers, body });
  }
}

/**
 * One backend for a test file, served on a free loopback port: `env.backend`, `env.url`, and
 * `env.client()` for a new HTTP client.
 */
export function servedBackend(config: () => Partial<BackendConfig> = () => ({})) {
  const env = {} as {
    backend: Backend;
    server: RunningServer;
    url: string;
    client(mode?: 'header' | 'cookie', options?: { tenantId?: string; ip?: string }): HttpClient;
  };
  beforeAll(async () => {
    env.backend = await startBackend({ clientAddress: clientAddressFromTestHeader, ...config() });
    env.server = await serve(env.backend, { port: 0 });
    env.url = env.server.url;
    env.client = (mode = 'header', options = {}) => new HttpClient(env.backend, env.url, mode, options);
  });
  afterAll(async () => {
    await env.server.close();
    await env.backend.close();
  });
  return env;
}

let counter = 0;
/** An address no other test uses. */
export const freshEmail = (what: string) => `${what}-${Date.now().toString(36)}-${++counter}@example.com`;

/** Sets up and verifies a TOTP device for the session user; returns its secret. */
export async function addTotpDevice(c: TestClient, clock: ReturnType<typeof testClock>, deviceName?: string): Promise<{ secret: string; deviceName: string }> {
  const device = await c.request('POST', '/totp/device', deviceName === undefined ? {} : { deviceName });
  expect(device.body.status, JSON.stringify(device.body)).toBe('OK');
  const verified = await c.request('POST', '/totp/device/verify', { deviceName: device.body.deviceName, totp: totpCode(device.body.secret, clock.now()) });
  expect(verified.body, JSON.stringify(verified.body)).toEqual({ status: 'OK', wasAlreadyVerified: false });
  return { secret: device.body.secret as string, deviceName: device.body.deviceName as string };
}

/** Completes email OTP as a second factor (create + consume with the code from the outbox). */
export async function completeEmailOtp(c: TestClient, to: string) {
  const code = await c.request('POST', '/signinup/code', { email: to, shouldTryLinkingWithSessionUser: true });
  expect(code.body.status, JSON.stringify(code.body)).toBe('OK');
  const consumed = await c.request('POST', '/signinup/code/consume', {
    deviceId: code.body.deviceId,
    preAuthSessionId: code.body.preAuthSessionId,
    userInputCode: await latestCode(c.backend, to),
    shouldTryLinkingWithSessionUser: true,
  });
  expect(consumed.body.status, JSON.stringify(consumed.body)).toBe('OK');
  return consumed;
}

/** The claim ids of a 403, or undefined for any other answer. */
export function refusedClaims(reply: { status: number; body: any }): string[] | undefined {
  if (reply.status !== 403 || !Array.isArray(reply.body?.claimValidationErrors)) return undefined;
  return reply.body.claimValidationErrors.map((e: { id: string }) => e.id);
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
