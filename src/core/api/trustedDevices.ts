import type { NormalisedConfig } from '../config.ts';
import type { Transport } from '../session/transport.ts';
import type { KeyValueStorage } from '../storage.ts';
import { callApi } from './callApi.ts';
import type { GeneralError } from './types.ts';

/** One browser the user trusts to skip the second factor (`GET /fk/trusted-devices`). */
export interface TrustedDevice {
  deviceId: string;
  /** This browser. */
  current: boolean;
  createdAt: number;
  expiresAt: number;
  lastUsedAt: number | null;
  browser?: string;
  os?: string;
  clientAddress?: string;
}

// First-factor sign-ins, where a trusted browser skips the second step (tenant paths included).
const SIGN_IN_PATHS = /\/(signin|signup|signinup|signinup\/code\/consume)$/;

/**
 * "Don't ask again on this device", factorkit's extension of the FDI (README "Protocol extensions"):
 * `trust()` right after a second factor; in header mode the token is kept in the client's storage and
 * sent with the next sign-ins (`fk-trusted-device`), in cookie mode the backend keeps it in an
 * HttpOnly cookie. The token never vouches for step-up.
 */
export function createTrustedDevicesApi(transport: Transport, config: NormalisedConfig, storage: KeyValueStorage) {
  const key = `${config.storageKeyPrefix}.trustedDevice`;
  const read = (): string | null => {
    try {
      return storage.getItem(key);
    } catch {
      return null;
    }
  };
  if (config.tokenTransferMethod === 'header') {
    transport.extraHeaders = (path): Record<string, string> => {
      const token = SIGN_IN_PATHS.test(path) ? read() : null;
      return token ? { 'fk-trusted-device': token } : {};
    };
  }
  // The list marks this browser by its token: header mode sends it there too.
  const own = (): Record<string, string> => {
    const token = config.tokenTransferMethod === 'header' ? read() : null;
    return token ? { 'fk-trusted-device': token } : {};
  };
  return {
    /** Trusts this browser for the backend's number of days (`fk.trustDeviceDays` of `/mfa/info`). */
    async trust() {
      const answer = await callApi<{ status: 'OK'; deviceId: string; expiresAt: number; token?: string } | GeneralError>(transport, {
        method: 'POST',
        path: '/fk/trusted-devices/trust',
        rid: 'fk',
        body: {},
        session: 'required',
      });
      if (answer.status === 'OK' && typeof answer.token === 'string') {
        try {
          storage.setItem(key, answer.token);
        } catch {
          // No storage: the browser is asked again next time.
        }
      }
      return answer;
    },
    list: () =>
      callApi<{ status: 'OK'; devices: TrustedDevice[] } | GeneralError>(transport, { method: 'GET', path: '/fk/trusted-devices', rid: 'fk', session: 'required', headers: own() }),
    /** Stops trusting one browser (this one included). */
    revoke: (input: { deviceId: string }) =>
      callApi<{ status: 'OK'; didDeviceExist: boolean } | GeneralError>(transport, { method: 'POST', path: '/fk/trusted-devices/revoke', rid: 'fk', body: input, session: 'required' }),
    /** Stops trusting every browser. */
    revokeAll: () => callApi<{ status: 'OK'; revoked: number } | GeneralError>(transport, { method: 'POST', path: '/fk/trusted-devices/revoke-all', rid: 'fk', body: {}, session: 'required' }),
  };
}
