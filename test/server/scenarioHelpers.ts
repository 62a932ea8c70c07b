import { expect } from 'vitest';
import type { Backend, BackendConfig } from '../../src/server/index.ts';
import { seedScenarios, type SeedScenarioId } from '../../src/testing/index.ts';
import { API, latestCode, startBackend, totpCode, type Reply, type TestClient, type testClock } from './helpers.ts';

export type Clock = ReturnType<typeof testClock>;

/** A backend configured as a seed scenario (its config, then its setup), on a test clock. */
export async function startScenario(id: SeedScenarioId, clock: Clock, extra: Partial<BackendConfig> = {}): Promise<Backend> {
  const scenario = seedScenarios[id];
  const backend = await startBackend({ ...scenario.config(), now: clock.now, ...extra });
  await scenario.setup?.(backend);
  return backend;
}

/**
 * An app API behind `backend.withSession` with the global claim validators, called with the
 * client's tokens (as the website SDK would send them). The client keeps any tokens it gets back.
 */
export async function callApp(c: TestClient): Promise<Reply> {
  const headers: Record<string, string> = { rid: 'anti-csrf' };
  if (c.mode === 'header') {
    if (c.accessToken) headers.authorization = `Bearer ${c.accessToken}`;
  } else {
    const at = c.cookies.get('sAccessToken');
    if (at) headers.cookie = `sAccessToken=${at}`;
    if (c.antiCsrf) headers['anti-csrf'] = c.antiCsrf;
  }
  const response = await c.backend.withSession(new Request(`${API}/app/data`, { method: 'POST', headers }), async (session) => ({
    status: 'OK',
    userId: session.getUserId(),
  }));
  c['save'](response.headers);
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

/** The claim ids of a 403 from an app API, in the backend's order. */
export function failedClaims(reply: Reply): string[] {
  expect(reply.status, JSON.stringify(reply.body)).toBe(403);
  expect(reply.body.message).toBe('invalid claim');
  return reply.body.claimValidationErrors.map((e: { id: string }) => e.id);
}

/** The 403 the MFA global validator gives while `st-mfa.v` is false. */
export const MFA_NOT_DONE = { id: 'st-mfa', reason: { message: 'MFA requirement for auth is not satisfied' } };
/** The 403 the email-verification validator gives while `st-ev.v` is false. */
export const EV_NOT_DONE = { id: 'st-ev', reason: { message: 'wrong value', expectedValue: true, actualValue: false } };

/** Sends an email OTP as a second factor and returns the createCode reply. */
export function createOtp(c: TestClient, email: string) {
  return c.request('POST', '/signinup/code', { email, shouldTryLinkingWithSessionUser: true });
}

/** Completes email OTP as a second factor (createCode + consume with the code from the outbox). */
export async function doOtp(c: TestClient, email: string): Promise<Reply> {
  const code = await createOtp(c, email);
  expect(code.body.status, JSON.stringify(code.body)).toBe('OK');
  expect(code.body.flowType).toBe('USER_INPUT_CODE');
  const consumed = await c.request('POST', '/signinup/code/consume', {
    deviceId: code.body.deviceId,
    preAuthSessionId: code.body.preAuthSessionId,
    userInputCode: await latestCode(c.backend, email),
    shouldTryLinkingWithSessionUser: true,
  });
  expect(consumed.body.status, JSON.stringify(consumed.body)).toBe('OK');
  return consumed;
}

/** Completes SMS OTP as a second factor. */
export async function doSmsOtp(c: TestClient, phoneNumber: string): Promise<Reply> {
  const code = await c.request('POST', '/signinup/code', { phoneNumber, shouldTryLinkingWithSessionUser: true });
  expect(code.body.status, JSON.stringify(code.body)).toBe('OK');
  const consumed = await c.request('POST', '/signinup/code/consume', {
    deviceId: code.body.deviceId,
    preAuthSessionId: code.body.preAuthSessionId,
    userInputCode: await latestCode(c.backend, phoneNumber),
    shouldTryLinkingWithSessionUser: true,
  });
  expect(consumed.body.status, JSON.stringify(consumed.body)).toBe('OK');
  return consumed;
}

/** Sets up a TOTP device (create + verify, which completes `totp`); returns its secret. */
export async function setUpTotp(c: TestClient, clock: Clock, deviceName = 'Phone'): Promise<string> {
  const device = await c.request('POST', '/totp/device', { deviceName });
  expect(device.body.status, JSON.stringify(device.body)).toBe('OK');
  const verified = await c.request('POST', '/totp/device/verify', { deviceName, totp: totpCode(device.body.secret, clock.now()) });
  expect(verified.body).toEqual({ status: 'OK', wasAlreadyVerified: false });
  return device.body.secret as string;
}

/** Completes `totp` with an already verified device. */
export async function verifyTotp(c: TestClient, clock: Clock, secret: string): Promise<void> {
  const r = await c.request('POST', '/totp/verify', { totp: totpCode(secret, clock.now()) });
  expect(r.body).toEqual({ status: 'OK' });
}

/** Follows the email-verification link the outbox holds for `email` (the session, if any, is sent too). */
export async function verifyEmailByLink(c: TestClient, email: string): Promise<Reply> {
  const sent = await c.request('POST', '/user/email/verify/token', {});
  expect(sent.body).toEqual({ status: 'OK' });
  const [message] = await c.backend.outbox.list({ to: email, limit: 1 });
  expect(message?.type).toBe('EMAIL_VERIFICATION');
  const token = new URL(message!.link!).searchParams.get('token')!;
  const verified = await c.request('POST', '/user/email/verify', { method: 'token', token });
  expect(verified.body).toEqual({ status: 'OK' });
  return verified;
}
