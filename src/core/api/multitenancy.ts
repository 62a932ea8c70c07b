import type { Transport } from '../session/transport.ts';
import { callApi } from './callApi.ts';
import type { GeneralError } from './types.ts';

export interface LoginMethods {
  status: 'OK';
  emailPassword: { enabled: boolean };
  passwordless: { enabled: boolean };
  thirdParty: { enabled: boolean; providers: { id: string; name?: string }[] };
  /** The factors that may start a session on this tenant. */
  firstFactors: string[];
}

/** `GET /loginmethods` for the configured tenant (node's flat shape). */
export function createMultitenancyApi(transport: Transport) {
  return {
    getLoginMethods: () =>
      callApi<LoginMethods | GeneralError>(transport, { method: 'GET', path: '/loginmethods', rid: 'multitenancy', tenantScoped: true, query: { clientType: 'web' }, session: 'none' }),
  };
}
