import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/server/index.ts';
import { startBackend, TestClient, totpCode } from './helpers.ts';

describe('smoke: sign-up, TOTP setup, sign-in with TOTP', () => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await startBackend({
      mfa: { firstFactors: ['emailpassword'], override: { functions: (o) => ({ ...o, getMFARequirementsForAuth: () => ['totp'] }) } },
    });
  });
  afterAll(() => backend.close());

  it('works over header mode', async () => {
    const c = new TestClient(backend);
    const up = await c.signUp('alice@example.com');
    expect(up.status).toBe(200);
    expect(up.body.status).toBe('OK');
    expect(c.mfa).toMatchObject({ v: false });
    const info = await c.mfaInfo();
    expect(info.body.factors).toEqual({ next: ['totp'], alreadySetup: ['emailpassword'], allowedToSetup: ['totp'] });
    const device = await c.request('POST', '/totp/device', {});
    expect(device.body).toMatchObject({ status: 'OK', deviceName: 'TOTP Device 0' });
    expect(device.body.qrCodeString).toBe(`otpauth://totp/Demo%20App:alice@example.com?secret=${device.body.secret}&issuer=Demo%20App&digits=6&period=30`);
    const verify = await c.request('POST', '/totp/device/verify', { deviceName: 'TOTP Device 0', totp: totpCode(device.body.secret) });
    expect(verify.body).toEqual({ status: 'OK', wasAlreadyVerified: false });
    expect(c.mfa?.v).toBe(true);

    const c2 = new TestClient(backend);
    await c2.signIn('alice@example.com');
    expect(c2.mfa?.v).toBe(false);
    const list = await c2.request('GET', '/totp/device/list');
    expect(list.body.devices).toEqual([{ name: 'TOTP Device 0', period: 30, skew: 1, verified: true }]);
    const wrong = await c2.request('POST', '/totp/verify', { totp: '000000' });
    expect(wrong.body.status).toBe('INVALID_TOTP_ERROR');
  });
});
