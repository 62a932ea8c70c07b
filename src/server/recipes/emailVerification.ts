import { z } from 'zod';
import type { Route } from '../router.ts';
import { parseBody } from '../router.ts';
import { REQUIRED_WITHOUT_VALIDATORS } from '../session/sessionService.ts';

/** The body of `POST /user/email/verify` (built once: zod compiles a schema on its first parse). */
const verifyTokenBody = z.object({ method: z.literal('token'), token: z.string().min(1).max(512) });

export function emailVerificationRoutes(): Route[] {
  return [
    {
      method: 'GET',
      path: '/user/email/verify',
      async handler(ctx, s) {
        const session = (await s.sessions.getSession(ctx, REQUIRED_WITHOUT_VALIDATORS))!;
        return { status: 'OK', isVerified: await s.emailVerification.refreshClaim(session) };
      },
    },
    {
      method: 'POST',
      path: '/user/email/verify/token',
      async handler(ctx, s) {
        const session = (await s.sessions.getSession(ctx, REQUIRED_WITHOUT_VALIDATORS))!;
        return { status: await s.emailVerification.sendVerificationEmail(session, session.getTenantId()) };
      },
    },
    {
      method: 'POST',
      path: '/user/email/verify',
      async handler(ctx, s) {
        const body = parseBody(ctx, verifyTokenBody);
        const recipeUserId = await s.emailVerification.verifyToken(body.token, ctx.tenantId);
        if (recipeUserId === undefined) return { status: 'EMAIL_VERIFICATION_INVALID_TOKEN_ERROR' };
        // The session is optional here (the link may open anywhere); when present its claim is refreshed.
        const session = await s.sessions.getSession(ctx, { sessionRequired: false, overrideGlobalClaimValidators: () => [] }).catch(() => undefined);
        if (session) await s.emailVerification.refreshClaim(session);
        return { status: 'OK' };
      },
    },
  ];
}
