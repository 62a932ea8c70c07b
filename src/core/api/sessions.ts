import type { Transport } from '../session/transport.ts';
import { callApi } from './callApi.ts';
import type { GeneralError } from './types.ts';
import type { UserSession } from '../../protocol/sessions.ts';

export type { UserSession };

/**
 * Where the user is signed in, and ending those sessions: factorkit's extension of the FDI
 * (README "Protocol extensions"). A revoked session fails at its next request.
 */
export function createSessionsApi(transport: Transport) {
  return {
    list: () => callApi<{ status: 'OK'; sessions: UserSession[] } | GeneralError>(transport, { method: 'GET', path: '/fk/sessions', rid: 'fk', session: 'required' }),
    /** Ends another of the user's sessions (this one: sign out instead). */
    revoke: (input: { sessionHandle: string }) =>
      callApi<{ status: 'OK'; didSessionExist: boolean } | GeneralError>(transport, { method: 'POST', path: '/fk/sessions/revoke', rid: 'fk', body: input, session: 'required' }),
    /** Ends every session of the user but this one. */
    revokeOthers: () => callApi<{ status: 'OK'; revoked: number } | GeneralError>(transport, { method: 'POST', path: '/fk/sessions/revoke-others', rid: 'fk', body: {}, session: 'required' }),
    /** Ends every session of the user, this one included ("sign out everywhere"). */
    revokeAll: () => callApi<{ status: 'OK'; revoked: number } | GeneralError>(transport, { method: 'POST', path: '/fk/sessions/revoke-all', rid: 'fk', body: {}, session: 'required' }),
  };
}
