/**
 * Social and enterprise sign-in (the thirdparty recipe, wire-compatible with supertokens-node): the
 * provider's authorisation URL (with PKCE), and sign-in/up from the code it gives back (or from tokens
 * a native app got itself). A first factor; MFA follows as after a password. Accounts are linked on
 * a verified, equal address only when `shouldDoAutomaticAccountLinking` says so for a call without a
 * session (off by default). @see docs/protocol.md (thirdparty)
 */
import { z } from 'zod';
import { FactorIds } from '../../protocol/factorIds.ts';
import type { RequestContext } from '../context.ts';
import { loadSessionForAuth, linkToSessionUser, postAuth, preAuthChecks, type AuthPlan } from '../authFlow.ts';
import { enrolmentRefused } from '../refusals.ts';
import { parseBody, queryParam, type Route } from '../router.ts';
import type { Services } from '../services.ts';
import { BadInputError } from '../session/errors.ts';
import { createProvider, ProviderError, type Provider, type ThirdPartyUserInfo } from '../thirdParty/providers.ts';
import { createPrimaryUser, createRecipeUser, findLoginMethod, getUser, linkAccounts, markEmailVerified } from '../users.ts';
import { normaliseEmail } from './validators.ts';

const NOT_ALLOWED = 'Cannot sign in / up due to security reasons. Please try a different login method or contact support.';

const redirectURIInfo = z.object({
  redirectURIOnProviderDashboard: z.string().max(2048),
  redirectURIQueryParams: z.record(z.string().max(64), z.unknown()),
  pkceCodeVerifier: z.string().max(256).optional(),
});
const signInUpBody = z
  .object({
    thirdPartyId: z.string({ error: 'Please provide the thirdPartyId in request body' }).min(1).max(128),
    clientType: z.string().max(64).optional(),
    redirectURIInfo: redirectURIInfo.optional(),
    oAuthTokens: z.record(z.string().max(64), z.unknown()).optional(),
    shouldTryLinkingWithSessionUser: z.boolean().optional(),
  })
  .refine((b) => (b.redirectURIInfo === undefined) !== (b.oAuthTokens === undefined), { message: 'Please provide one of redirectURIInfo or oAuthTokens in the request body' });

/** The redirect URI must be a web address (the provider checks it against the registered ones). */
function redirectURIOf(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new BadInputError('redirectURIOnProviderDashboard must be a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new BadInputError('redirectURIOnProviderDashboard must be an http(s) URL');
  return url.href;
}

/** The stand-in address of a provider that gave none (`requireEmail: false`), as node makes it. */
const fakeEmail = (info: ThirdPartyUserInfo, providerId: string) => `${encodeURIComponent(info.thirdPartyUserId)}.${providerId}@stfakeemail.supertokens.com`.toLowerCase();

export function thirdPartyRoutes(s0: Pick<Services, 'config'>): Route[] {
  const options = s0.config.thirdParty;
  if (!options) return [];
  // Made on first use (discovery happens then), one per configured provider.
  const providers = new Map<string, Provider>();
  const providerOf = (id: string): Provider | undefined => {
    const config = options.providers.find((p) => p.id === id);
    if (!config) return undefined;
    let provider = providers.get(id);
    if (!provider) providers.set(id, (provider = createProvider(config, options.fetch)));
    return provider;
  };

  /** The provider of a call, if the tenant offers it: 400 otherwise (as node). */
  async function providerFor(ctx: RequestContext, s: Services, thirdPartyId: string): Promise<Provider> {
    const provider = providerOf(thirdPartyId);
    const tenant = await s.tenants.get(ctx.tenantId);
    const offered = tenant?.thirdPartyProviders === undefined || tenant.thirdPartyProviders.includes(thirdPartyId);
    if (!provider || !offered) throw new BadInputError(`the provider ${thirdPartyId.slice(0, 64)} could not be found in the configuration`);
    return provider;
  }

  /**
   * First-factor linking: the new login joins an existing account only when the app's
   * `shouldDoAutomaticAccountLinking` says so without a session, and both the provider and the
   * account have the address verified (an unverified address never takes an account over).
   */
  async function linkOnFirstFactor(ctx: RequestContext, s: Services, recipeUserId: string, email: { id: string; isVerified: boolean }): Promise<void> {
    if (!email.isVerified) return;
    const rows = await s.db.query<{ recipe_user_id: string }>(
      `SELECT lm.recipe_user_id FROM fk_login_methods lm JOIN fk_verified_emails v ON v.recipe_user_id = lm.recipe_user_id AND v.email = lm.email
       WHERE lm.tenant_id = $1 AND lm.email = $2 AND lm.recipe_user_id <> $3 ORDER BY lm.time_joined LIMIT 1`,
      [ctx.tenantId, email.id, recipeUserId],
    );
    const target = rows[0] && (await getUser(s.db, rows[0].recipe_user_id));
    if (!target) return;
    const decision = await s.shouldDoAutomaticAccountLinking({ recipeId: 'thirdparty', email: email.id, recipeUserId }, target, undefined, ctx.tenantId);
    if (!decision.shouldAutomaticallyLink) return;
    await s.db.transaction(async (tx) => {
      await createPrimaryUser(tx, target.loginMethods[0]!.recipeUserId);
      await linkAccounts(tx, recipeUserId, target.id);
    });
  }

  return [
    {
      method: 'GET',
      path: '/authorisationurl',
      async handler(ctx, s) {
        const provider = await providerFor(ctx, s, queryParam(ctx, 'thirdPartyId', 128));
        const redirectURI = redirectURIOf(queryParam(ctx, 'redirectURIOnProviderDashboard', 2048));
        const clientType = ctx.url.searchParams.get('clientType') ?? undefined;
        try {
          return { status: 'OK', ...(await provider.authorisationUrl({ redirectURI, clientType })) };
        } catch (error) {
          if (error instanceof ProviderError) return { status: 'GENERAL_ERROR', message: `${provider.name} cannot be reached right now. Try again later, or sign in another way.` };
          throw error;
        }
      },
    },
    {
      method: 'POST',
      path: '/signinup',
      async handler(ctx, s) {
        const body = parseBody(ctx, signInUpBody);
        const provider = await providerFor(ctx, s, body.thirdPartyId);
        const session = await loadSessionForAuth(ctx, s, body.shouldTryLinkingWithSessionUser);
        let info: ThirdPartyUserInfo;
        try {
          if (body.redirectURIInfo) {
            const query = Object.fromEntries(Object.entries(body.redirectURIInfo.redirectURIQueryParams).filter((e): e is [string, string] => typeof e[1] === 'string'));
            if (query.code === undefined) throw new BadInputError('redirectURIQueryParams must hold the code the provider gave');
            info = await provider.fromCode({ redirectURI: redirectURIOf(body.redirectURIInfo.redirectURIOnProviderDashboard), query, pkceCodeVerifier: body.redirectURIInfo.pkceCodeVerifier, clientType: body.clientType });
          } else {
            const tokens = body.oAuthTokens!;
            const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
            info = await provider.fromTokens({ accessToken: str(tokens.access_token), idToken: str(tokens.id_token), clientType: body.clientType });
          }
        } catch (error) {
          if (error instanceof ProviderError) {
            console.error('factorkit backend: a third-party sign-in failed:', error.message);
            return { status: 'GENERAL_ERROR', message: `${provider.name} did not confirm the sign-in. Try again, or sign in another way.` };
          }
          throw error;
        }
        const email = info.email ? { id: normaliseEmail(info.email.id), isVerified: info.email.isVerified } : provider.requireEmail ? undefined : { id: fakeEmail(info, provider.id), isVerified: true };
        if (!email) return { status: 'NO_EMAIL_GIVEN_BY_PROVIDER' };
        const thirdParty = { id: provider.id, userId: info.thirdPartyUserId };

        const existing = await findLoginMethod(s.db, { tenantId: ctx.tenantId, recipeId: 'thirdparty', thirdParty });
        let plan: AuthPlan;
        try {
          plan = await preAuthChecks(ctx, s, {
            session,
            factorIds: [FactorIds.THIRDPARTY],
            authenticatingUserId: existing?.userId,
            newAccount: { recipeId: 'thirdparty', email: email.id, ...(existing && { recipeUserId: existing.recipeUserId }) },
          });
        } catch (error) {
          return enrolmentRefused(error, 'SIGN_IN_UP_NOT_ALLOWED');
        }
        if (plan.kind === 'link' && existing && existing.userId !== existing.recipeUserId) return { status: 'SIGN_IN_UP_NOT_ALLOWED', reason: `${NOT_ALLOWED} (ERR_CODE_021)` };

        let created = false;
        let recipeUserId: string;
        try {
          recipeUserId = await s.db.transaction(async (tx) => {
            let id = existing?.recipeUserId;
            if (id === undefined) {
              id = await createRecipeUser(tx, { recipeId: 'thirdparty', tenantId: ctx.tenantId, email: email.id, thirdParty, now: ctx.now });
              created = true;
            } else {
              // The address may have changed at the provider: follow it, as node does.
              await tx.query('UPDATE fk_login_methods SET email = $1 WHERE recipe_user_id = $2 AND email IS DISTINCT FROM $1', [email.id, id]);
            }
            if (email.isVerified) await markEmailVerified(tx, id, email.id);
            if (plan.kind === 'link') await linkToSessionUser(tx, plan, id);
            return id;
          });
        } catch (error) {
          // The same account signing up twice at once: the unique index lets one through.
          if (String(error).includes('fk_login_methods_third_party')) return { status: 'GENERAL_ERROR', message: 'This sign-in is already being processed. Try again.' };
          throw error;
        }
        if (created && plan.kind === 'first-factor') await linkOnFirstFactor(ctx, s, recipeUserId, email);
        const user = await postAuth(ctx, s, plan, { recipeUserId, factorId: FactorIds.THIRDPARTY, contact: email.id });
        return { status: 'OK', createdNewRecipeUser: created, user };
      },
    },
    {
      method: 'POST',
      path: '/callback/apple',
      formPost: true,
      async handler(ctx, s) {
        // Apple posts its answer: send the browser on to the website's callback with it in the query.
        const fields = Object.entries((ctx.body ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string' && e[0].length <= 64 && e[1].length <= 8192);
        const { websiteDomain, websiteBasePath } = s.config.appInfo;
        const to = `${websiteDomain}${websiteBasePath}/callback/apple?${new URLSearchParams(fields)}`;
        return new Response(null, { status: 303, headers: { location: to } });
      },
    },
  ];
}

/** The providers a tenant offers, for `GET /loginmethods`. */
export async function thirdPartyProvidersFor(s: Services, tenantId: string): Promise<{ id: string; name: string }[]> {
  const options = s.config.thirdParty;
  if (!options) return [];
  const tenant = await s.tenants.get(tenantId);
  return options.providers
    .filter((p) => tenant?.thirdPartyProviders === undefined || tenant.thirdPartyProviders.includes(p.id))
    .map((p) => ({ id: p.id, name: createProviderName(p) }));
}

function createProviderName(p: { id: string; name?: string; preset?: string }): string {
  const presets: Record<string, string> = { google: 'Google', github: 'GitHub', apple: 'Apple', microsoft: 'Microsoft', gitlab: 'GitLab' };
  return p.name ?? presets[p.preset ?? p.id] ?? p.id;
}
