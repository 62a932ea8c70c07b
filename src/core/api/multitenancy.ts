import type { Transport } from '../session/transport.ts';
import { callApi } from './callApi.ts';
import type { GeneralError, LoginMethods } from './types.ts';

export type { LoginMethods } from './types.ts';

/** `GET /loginmethods` for the configured tenant (node's flat shape). */
export function createMultitenancyApi(transport: Transport) {
  return {
    getLoginMethods: () =>
      callApi<LoginMethods | GeneralError>(transport, { method: 'GET', path: '/loginmethods', rid: 'multitenancy', tenantScoped: true, query: { clientType: 'web' }, session: 'none' }),
  };
}
