import type { Transport } from '../session/transport.ts';
import { callApi } from './callApi.ts';
import type { GeneralError, InvalidClaim } from './types.ts';

/** A social sign-in linked to the account (`GET /fk/connected-accounts`). */
export interface ConnectedAccount {
  recipeUserId: string;
  thirdPartyId: string;
  /** The provider's name ("Google"). */
  name: string;
  /** The address the provider gave; null when it gave none. */
  email: string | null;
  connectedAt: number;
  /** When it last signed in or verified (epoch ms); null when never since it was connected. */
  lastUsedAt: number | null;
  /** This session signed in with it. */
  current: boolean;
}

/**
 * The social sign-ins of the account, and disconnecting one: factorkit's extension of the FDI
 * (README "Protocol extensions"). Disconnecting answers `INVALID_CLAIM` with `fk-step-up` until the
 * user verifies a factor again.
 */
export function createConnectedAccountsApi(transport: Transport) {
  return {
    list: () => callApi<{ status: 'OK'; accounts: ConnectedAccount[] } | GeneralError>(transport, { method: 'GET', path: '/fk/connected-accounts', rid: 'fk', session: 'required' }),
    /** Disconnects one; never the account's last login method, nor the one this session signed in with. */
    remove: (input: { recipeUserId: string }) =>
      callApi<{ status: 'OK' | 'UNKNOWN_ACCOUNT' | 'LAST_SIGN_IN_METHOD' | 'SIGNED_IN_WITH_IT' } | InvalidClaim | GeneralError>(transport, {
        method: 'POST',
        path: '/fk/connected-accounts/remove',
        rid: 'fk',
        body: input,
        session: 'required',
      }),
  };
}
