import { queryOptions } from '@tanstack/react-query';
import type { AuthClient } from '../core/index.ts';

/**
 * The one key factory of the kit's queries. Everything under `session()` belongs to the signed-in
 * user and is dropped when the session starts or ends.
 */
export const fkKeys = {
  all: () => ['factorkit'] as const,
  session: () => ['factorkit', 'session'] as const,
  mfaInfo: () => ['factorkit', 'session', 'mfaInfo'] as const,
  totpDevices: () => ['factorkit', 'session', 'totpDevices'] as const,
  emailVerification: () => ['factorkit', 'session', 'emailVerification'] as const,
  mfaSettings: () => ['factorkit', 'session', 'mfaSettings'] as const,
  sessions: () => ['factorkit', 'session', 'sessions'] as const,
  recoveryCodes: () => ['factorkit', 'session', 'recoveryCodes'] as const,
  trustedDevices: () => ['factorkit', 'session', 'trustedDevices'] as const,
  connectedAccounts: () => ['factorkit', 'session', 'connectedAccounts'] as const,
  passkeys: () => ['factorkit', 'session', 'passkeys'] as const,
  loginMethods: (tenantId: string) => ['factorkit', 'loginMethods', tenantId] as const,
};

/**
 * `PUT /mfa/info`. Callers within a second share one answer (the core shares it too), so the
 * guard, the chooser and a factor screen of one navigation cost one request.
 */
export function mfaInfoQueryOptions(client: AuthClient) {
  return queryOptions({ queryKey: fkKeys.mfaInfo(), queryFn: () => client.mfa.getInfo(), staleTime: 1000, refetchOnWindowFocus: false });
}

/** `GET /totp/device/list`. */
export function totpDevicesQueryOptions(client: AuthClient) {
  return queryOptions({ queryKey: fkKeys.totpDevices(), queryFn: () => client.totp.listDevices(), refetchOnWindowFocus: false });
}

/** `GET /user/email/verify` (also refreshes `st-ev` in the session). */
export function emailVerificationQueryOptions(client: AuthClient) {
  return queryOptions({ queryKey: fkKeys.emailVerification(), queryFn: () => client.emailVerification.isVerified(), refetchOnWindowFocus: false });
}

/** `GET /fk/mfa/settings` (factorkit's settings extension). */
export function mfaSettingsQueryOptions(client: AuthClient) {
  return queryOptions({ queryKey: fkKeys.mfaSettings(), queryFn: () => client.mfaSettings.get(), refetchOnWindowFocus: false });
}

/**
 * `GET /loginmethods` of the client's tenant; until it answers, the config's `firstFactors` (when
 * set) stand in for it, so the sign-in form needs no request before it renders.
 */
export function loginMethodsQueryOptions(client: AuthClient) {
  return queryOptions({ queryKey: fkKeys.loginMethods(client.config.tenantId), queryFn: () => client.multitenancy.getLoginMethods(), staleTime: 5 * 60_000, placeholderData: client.config.expectedLoginMethods });
}
