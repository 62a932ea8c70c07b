import type { Transport } from '../session/transport.ts';
import { callApi } from './callApi.ts';
import type { GeneralError, InvalidClaim, NotAllowed, User } from './types.ts';

export type AuthorisationUrlResult = { status: 'OK'; urlWithQueryParams: string; pkceCodeVerifier?: string } | GeneralError;

export type ThirdPartySignInUpResult =
  | { status: 'OK'; createdNewRecipeUser: boolean; user: User }
  | { status: 'NO_EMAIL_GIVEN_BY_PROVIDER' }
  | NotAllowed<'SIGN_IN_UP_NOT_ALLOWED'>
  | InvalidClaim
  | GeneralError;

/** Social and enterprise sign-in calls (the thirdparty recipe). */
export function createThirdPartyApi(transport: Transport) {
  return {
    /**
     * `GET /authorisationurl`: where to send the browser to sign in at a provider, and the PKCE
     * verifier to keep (in this tab) for the way back. Add your own `state` to the URL.
     */
    getAuthorisationURL: (input: { thirdPartyId: string; redirectURIOnProviderDashboard: string }) =>
      callApi<AuthorisationUrlResult>(transport, {
        method: 'GET',
        path: '/authorisationurl',
        rid: 'thirdparty',
        tenantScoped: true,
        query: { thirdPartyId: input.thirdPartyId, redirectURIOnProviderDashboard: input.redirectURIOnProviderDashboard },
        session: 'none',
      }),
    /**
     * `POST /signinup`: signs in (or up) with what the provider sent back to the callback; with
     * `connectToSession`, adds the provider to the signed-in account instead (step-up first: else
     * `INVALID_CLAIM` with `fk-step-up`).
     */
    signInUp: (input: { thirdPartyId: string; redirectURIOnProviderDashboard: string; redirectURIQueryParams: Record<string, string>; pkceCodeVerifier?: string; tenantId?: string; connectToSession?: boolean }) =>
      callApi<ThirdPartySignInUpResult>(transport, {
        method: 'POST',
        path: '/signinup',
        rid: 'thirdparty',
        tenantScoped: true,
        tenantId: input.tenantId,
        body: {
          thirdPartyId: input.thirdPartyId,
          redirectURIInfo: { redirectURIOnProviderDashboard: input.redirectURIOnProviderDashboard, redirectURIQueryParams: input.redirectURIQueryParams, ...(input.pkceCodeVerifier !== undefined && { pkceCodeVerifier: input.pkceCodeVerifier }) },
          shouldTryLinkingWithSessionUser: input.connectToSession ?? false,
        },
        session: input.connectToSession ? 'required' : 'none',
      }),
  };
}
