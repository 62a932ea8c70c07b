import { FactorIds } from '../../protocol/factorIds.ts';
import type { Route } from '../router.ts';
import { BadInputError } from '../session/errors.ts';
import { REQUIRED_WITHOUT_VALIDATORS } from '../session/sessionService.ts';
import { thirdPartyProvidersFor } from './thirdParty.ts';


/** Session, MFA info, login methods, JWKS and the dev outbox. */
export function coreRoutes(): Route[] {
  return [
    {
      method: 'POST',
      path: '/session/refresh',
      async handler(ctx, s) {
        await s.sessions.refreshSession(ctx);
        return {};
      },
    },
    {
      method: 'POST',
      path: '/signout',
      async handler(ctx, s) {
        const session = (await s.sessions.getSession(ctx, REQUIRED_WITHOUT_VALIDATORS))!;
        await s.sessions.revokeSession(session.getHandle());
        session.revoked = true;
        ctx.clearTokens = [session.transferMethod];
        return { status: 'OK' };
      },
    },
    {
      method: 'PUT',
      path: '/mfa/info',
      async handler(ctx, s) {
        const session = (await s.sessions.getSession(ctx, REQUIRED_WITHOUT_VALIDATORS))!;
        return s.mfa.apis.resyncSessionAndFetchMFAInfoPUT({ session });
      },
    },
    {
      method: 'GET',
      path: '/loginmethods',
      async handler(ctx, s) {
        const clientType = ctx.url.searchParams.get('clientType');
        if (clientType !== null && clientType.length > 64) throw new BadInputError('clientType is too long');
        const first = await s.mfa.firstFactorsFor(ctx.tenantId);
        const has = (...ids: string[]) => ids.some((f) => first.includes(f));
        // Flat, as node answers and web-js reads it (FDI 3.0 nests it under `recipes`).
        return {
          status: 'OK',
          emailPassword: { enabled: has(FactorIds.EMAILPASSWORD) },
          thirdParty: { enabled: has(FactorIds.THIRDPARTY), providers: has(FactorIds.THIRDPARTY) ? await thirdPartyProvidersFor(s, ctx.tenantId) : [] },
          passwordless: { enabled: has(FactorIds.OTP_EMAIL, FactorIds.OTP_PHONE, FactorIds.LINK_EMAIL, FactorIds.LINK_PHONE) },
          webauthn: { enabled: false },
          firstFactors: first,
        };
      },
    },
    {
      method: 'GET',
      path: '/jwt/jwks.json',
      async handler(_ctx, s) {
        return { keys: s.sessions.publicJwks() };
      },
    },
  ];
}
