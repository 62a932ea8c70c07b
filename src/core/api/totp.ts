import type { Transport } from '../session/transport.ts';
import { callApi } from './callApi.ts';
import type { GeneralError } from './types.ts';

export interface TotpDevice {
  name: string;
  period: number;
  skew: number;
  verified: boolean;
}

export type InvalidTotp = { status: 'INVALID_TOTP_ERROR'; currentNumberOfFailedAttempts: number; maxNumberOfFailedAttempts: number };
/** Too many wrong codes: wait `retryAfterMs`. */
export type TotpLimitReached = { status: 'LIMIT_REACHED_ERROR'; retryAfterMs: number; currentNumberOfFailedAttempts?: number; maxNumberOfFailedAttempts?: number };

export type CreateDeviceResult = { status: 'OK'; deviceName: string; secret: string; qrCodeString: string } | { status: 'DEVICE_ALREADY_EXISTS_ERROR' } | GeneralError;
export type VerifyDeviceResult = { status: 'OK'; wasAlreadyVerified: boolean } | { status: 'UNKNOWN_DEVICE_ERROR' } | InvalidTotp | TotpLimitReached | GeneralError;
export type VerifyCodeResult = { status: 'OK' } | { status: 'UNKNOWN_USER_ID_ERROR' } | InvalidTotp | TotpLimitReached | GeneralError;

/** TOTP calls; all need a session (validators off on the server). */
export function createTotpApi(transport: Transport) {
  return {
    /** `POST /totp/device`: a new unverified device with its secret. */
    createDevice: (input: { deviceName?: string } = {}) =>
      callApi<CreateDeviceResult>(transport, { method: 'POST', path: '/totp/device', rid: 'totp', body: input.deviceName ? { deviceName: input.deviceName } : {}, session: 'required' }),
    /** `GET /totp/device/list`. */
    listDevices: () => callApi<{ status: 'OK'; devices: TotpDevice[] } | GeneralError>(transport, { method: 'GET', path: '/totp/device/list', rid: 'totp', session: 'required' }),
    /** `POST /totp/device/remove`. */
    removeDevice: (input: { deviceName: string }) =>
      callApi<{ status: 'OK'; didDeviceExist: boolean } | GeneralError>(transport, { method: 'POST', path: '/totp/device/remove', rid: 'totp', body: input, session: 'required' }),
    /** `POST /totp/device/verify`: finishes setting up a device (and completes the factor). */
    verifyDevice: (input: { deviceName: string; totp: string }) =>
      callApi<VerifyDeviceResult>(transport, { method: 'POST', path: '/totp/device/verify', rid: 'totp', body: input, session: 'required' }),
    /** `POST /totp/verify`: completes the `totp` factor with a code from any verified device. */
    verifyCode: (input: { totp: string }) => callApi<VerifyCodeResult>(transport, { method: 'POST', path: '/totp/verify', rid: 'totp', body: input, session: 'required' }),
  };
}
