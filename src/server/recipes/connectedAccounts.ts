/**
 * Connected accounts: OUR EXTENSION of the FDI. The social sign-ins (third-party login methods)
 * linked to the session user, and disconnecting one. supertokens-node has no such API (its
 * `unlinkAccount` is backend-only). Paths under `{apiBasePath}/fk/`.
 *
 * Disconnecting takes a way in away, so it needs step-up (waysIn.ts), and it is refused when it
 * would leave the account with no login method, or when this very session signed in with it (sign
 * in another way first). The login method is deleted, not only unlinked: a social account left as
 * an account of its own would be a second account the user never asked for. Sessions that signed
 * in with it end (signed out at their next request), and the account's addresses are told.
 * @see README.md "Protocol extensions"
 */
import { z } from 'zod';
import { FactorIds } from '../../protocol/factorIds.ts';
import type { RequestContext } from '../context.ts';
import { notifyAccount } from '../notices.ts';
import { parseBody, type Route } from '../router.ts';
import type { Services } from '../services.ts';
import type { SessionContainer } from '../session/SessionContainer.ts';
import { isFakeEmail } from '../users.ts';
import { assertMfaComplete, countWaysIn, loadWays, lockLoginMethods, requireStepUp } from '../waysIn.ts';
import { thirdPartyProvidersFor } from './thirdParty.ts';

/** Path of the connected accounts API after the API base path. */
export const CONNECTED_ACCOUNTS_PATH = '/fk/connected-accounts';

const removeBody = z.strictObject({ recipeUserId: z.string().min(1).max(128) });

async function completeSession(ctx: RequestContext, s: Services): Promise<SessionContainer> {
  const session = (await s.sessions.getSession(ctx, { sessionRequired: true }))!;
  assertMfaComplete(session);
  return session;
}

/** The names of every provider the backend knows (a tenant may have stopped offering one its users still have). */
async function providerNames(s: Services, tenantId: string): Promise<Map<string, string>> {
  return new Map((await thirdPartyProvidersFor(s, tenantId)).map((p) => [p.id, p.name]));
}

/** `GET {apiBasePath}/fk/connected-accounts` and `POST …/remove`, when the backend has third-party sign-in. */
export function connectedAccountsRoutes(s: { config: { thirdParty?: unknown } }): Route[] {
  if (!s.config.thirdParty) return [];
  return [
    {
      method: 'GET',
      path: CONNECTED_ACCOUNTS_PATH,
      async handler(ctx, s) {
        const session = await completeSession(ctx, s);
        const { user } = await loadWays(s, session.getUserId());
        const names = await providerNames(s, session.getTenantId());
        const used = new Map(
          (await s.db.query<{ recipe_user_id: string; last_used_at: number | null }>("SELECT recipe_user_id, last_used_at FROM fk_login_methods WHERE user_id = $1 AND recipe_id = 'thirdparty'", [user.id])).map((r) => [
            r.recipe_user_id,
            r.last_used_at === null ? null : Number(r.last_used_at),
          ]),
        );
        return {
          status: 'OK',
          accounts: user.loginMethods
            .filter((m) => m.recipeId === 'thirdparty' && m.thirdParty !== undefined)
            .map((m) => ({
              recipeUserId: m.recipeUserId,
              thirdPartyId: m.thirdParty!.id,
              name: names.get(m.thirdParty!.id) ?? m.thirdParty!.id,
              email: m.email !== undefined && !isFakeEmail(m.email) ? m.email : null,
              connectedAt: m.timeJoined,
              lastUsedAt: used.get(m.recipeUserId) ?? null,
              current: m.recipeUserId === session.getRecipeUserId(),
            })),
        };
      },
    },
    {
      method: 'POST',
      path: `${CONNECTED_ACCOUNTS_PATH}/remove`,
      async handler(ctx, s) {
        const body = parseBody(ctx, removeBody);
        const session = await completeSession(ctx, s);
        const ways = await loadWays(s, session.getUserId());
        // Another user's login method, or one that is not a social sign-in, is answered like an unknown one.
        const method = ways.user.loginMethods.find((m) => m.recipeUserId === body.recipeUserId && m.recipeId === 'thirdparty');
        if (!method) return { status: 'UNKNOWN_ACCOUNT' };
        if (ways.user.loginMethods.length === 1) return { status: 'LAST_SIGN_IN_METHOD' };
        if (method.recipeUserId === session.getRecipeUserId()) return { status: 'SIGNED_IN_WITH_IT' };
        await requireStepUp(s, session, ctx.now, ways);
        const gone = await s.db.transaction(async (tx) => {
          // Under the lock every removal takes: two at once cannot leave the account with no way in.
          const methods = await lockLoginMethods(tx, ways.user.id);
          if (!methods.some((m) => m.recipeUserId === method.recipeUserId)) return 'UNKNOWN_ACCOUNT' as const;
          if (countWaysIn(methods.filter((m) => m.recipeUserId !== method.recipeUserId)) === 0) return 'LAST_SIGN_IN_METHOD' as const;
          await tx.query('DELETE FROM fk_sessions WHERE recipe_user_id = $1', [method.recipeUserId]);
          await tx.query('DELETE FROM fk_verified_emails WHERE recipe_user_id = $1', [method.recipeUserId]);
          await tx.query('DELETE FROM fk_email_verification_tokens WHERE recipe_user_id = $1', [method.recipeUserId]);
          await tx.query('DELETE FROM fk_email_collisions WHERE recipe_user_id = $1', [method.recipeUserId]);
          await tx.query('DELETE FROM fk_login_methods WHERE recipe_user_id = $1', [method.recipeUserId]);
          return 'OK' as const;
        });
        if (gone !== 'OK') return { status: gone };
        const name = (await providerNames(s, session.getTenantId())).get(method.thirdParty!.id) ?? method.thirdParty!.id;
        await notifyAccount(s, ways.user, { notice: 'FACTOR_REMOVED', factorId: FactorIds.THIRDPARTY, detail: name, tenantId: session.getTenantId() });
        return { status: 'OK' };
      },
    },
  ];
}
