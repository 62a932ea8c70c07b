import type { Backend, BackendConfig } from './config.ts';
import { openDb } from './db/openDb.ts';
import { emailCollisions, migrate } from './db/migrations.ts';
import { createDevOutbox } from './delivery.ts';
import { createMfa } from './mfa.ts';
import { createLimits } from './limits.ts';
import { createHttp, isLoopbackHostOf } from './http.ts';
import { createPasswordHasher } from './password.ts';
import { coreRoutes } from './recipes/core.ts';
import { emailPasswordRoutes } from './recipes/emailPassword.ts';
import { passwordResetRoutes } from './recipes/passwordReset.ts';
import { createMfaSettingsApi, mfaSettingsOptions, mfaSettingsRoutes } from './recipes/mfaSettings.ts';
import { sessionsRoutes } from './recipes/sessions.ts';
import { recoveryCodesRoutes } from './recipes/recoveryCodes.ts';
import { trustedDevicesRoutes } from './recipes/trustedDevices.ts';
import { connectedAccountsRoutes } from './recipes/connectedAccounts.ts';
import { webauthnRoutes } from './recipes/webauthn.ts';
import { createEmailVerification } from './emailVerification.ts';
import { emailVerificationRoutes } from './recipes/emailVerification.ts';
import { passwordlessRoutes } from './recipes/passwordless.ts';
import { thirdPartyRoutes } from './recipes/thirdParty.ts';
import { normaliseEmail } from './recipes/validators.ts';
import { totpRoutes } from './recipes/totp.ts';
import type { Route } from './router.ts';
import type { Services } from './services.ts';
import { ForbiddenError } from './session/errors.ts';
import { createSessionService, type ClaimValidator } from './session/sessionService.ts';
import { loadSigningKeys } from './session/signingKeys.ts';
import { createTenants, createUserData } from './tenants.ts';
import { createPrimaryUser, createRecipeUser, findLoginMethod, getUser, linkAccounts, markEmailVerified } from './users.ts';

/**
 * Starts the reference backend: opens and migrates the database, loads keys, wires the services and the
 * routes, and puts them behind the HTTP layer (http.ts).
 */
export async function createBackend(config: BackendConfig): Promise<Backend> {
  const now = config.now ?? Date.now;
  const appInfo = { apiBasePath: '/auth', websiteBasePath: '/auth', ...config.appInfo };
  for (const key of ['apiBasePath', 'websiteBasePath'] as const) {
    if (!/^(\/[a-zA-Z0-9._~-]+)*$/.test(appInfo[key])) throw new Error(`appInfo.${key} must be a path like /auth`);
  }
  if (config.mfa?.firstFactors?.length === 0) throw new Error('mfa.firstFactors, when given, must not be empty');
  const settingsOptions = mfaSettingsOptions(config);
  const normalised = { ...config, appInfo };
  const db = await openDb(config.database);
  await migrate(db);
  const collisions = await emailCollisions(db);
  if (collisions.length > 0) {
    console.warn(
      `factorkit backend: ${collisions.length} email address${collisions.length === 1 ? '' : 'es'} of stored login methods collide once lower-cased; they were left as they are, not merged. ` +
        'List them with emailCollisions(db) from factorkit/server and resolve each (SECURITY.md, "Email addresses").',
    );
  }
  const tenants = createTenants(db);
  for (const t of config.tenants ?? []) await tenants.createOrUpdate(t);
  const keys = await loadSigningKeys(db);
  const outbox = createDevOutbox(db, now);
  const delivery = { sendEmail: config.delivery?.sendEmail ?? outbox.sendEmail, sendSms: config.delivery?.sendSms ?? outbox.sendSms };
  const userData = createUserData(db);
  const api = {} as Backend;
  const mfa = createMfa({ db, config: normalised, tenants, metadata: userData.metadata, now, api });
  const emailVerification = createEmailVerification({ db, config: normalised, delivery, now, websiteUrl: `${appInfo.websiteDomain}${appInfo.websiteBasePath}` });
  const crossSite = new URL(appInfo.apiDomain).hostname.split('.').slice(-2).join('.') !== new URL(appInfo.websiteDomain).hostname.split('.').slice(-2).join('.')
    || new URL(appInfo.apiDomain).protocol !== new URL(appInfo.websiteDomain).protocol;
  const sameSite = config.session?.cookieSameSite ?? (crossSite ? 'none' : 'lax');
  const sessions = createSessionService({
    db,
    keys,
    issuer: `${appInfo.apiDomain}${appInfo.apiBasePath}`,
    apiBasePath: appInfo.apiBasePath,
    accessTokenValiditySeconds: config.session?.accessTokenValiditySeconds ?? 3600,
    refreshTokenValidityMs: (config.session?.refreshTokenValidityMinutes ?? 144_000) * 60_000,
    cookieSameSite: sameSite,
    cookieSecure: config.session?.cookieSecure ?? (appInfo.apiDomain.startsWith('https:') || sameSite === 'none'),
    antiCsrf: config.session?.antiCsrf ?? (sameSite === 'none' ? 'VIA_CUSTOM_HEADER' : 'NONE'),
    globalClaimValidators: () => [emailVerification.validator(), mfa.validator()].filter((v): v is ClaimValidator => v !== undefined),
  });
  const hasher = createPasswordHasher(config.passwordHashing);
  const deferred = new Set<Promise<unknown>>();
  const idle = async () => {
    while (deferred.size > 0) await Promise.allSettled([...deferred]);
  };
  const services: Services = {
    defer: (task) => {
      const tracked = task.catch(() => undefined).finally(() => deferred.delete(tracked));
      deferred.add(tracked);
    },
    config: normalised,
    db,
    sessions,
    mfa,
    tenants,
    userData,
    delivery,
    hasher,
    emailVerification,
    limits: createLimits(config.limits),
    // The MFA guide's callback: link second factors to the session user, never first factors.
    shouldDoAutomaticAccountLinking:
      config.accountLinking?.shouldDoAutomaticAccountLinking ??
      (async (_info, user, session) => {
        if (session === undefined) return { shouldAutomaticallyLink: false };
        if (user === undefined || session.getUserId() === user.id) return { shouldAutomaticallyLink: true, shouldRequireVerification: false };
        return { shouldAutomaticallyLink: false };
      }),
    now,
  };

  const routes: Route[] = [
    ...coreRoutes(),
    ...(config.emailPassword !== false ? [...emailPasswordRoutes(), ...passwordResetRoutes()] : []),
    ...(config.passwordless ? passwordlessRoutes() : []),
    ...thirdPartyRoutes({ config: services.config }),
    ...connectedAccountsRoutes({ config: services.config }),
    ...(config.totp ? totpRoutes() : []),
    ...(config.emailVerification ? emailVerificationRoutes() : []),
    ...(settingsOptions.enabled ? mfaSettingsRoutes() : []),
    ...sessionsRoutes(),
    ...recoveryCodesRoutes(),
    ...trustedDevicesRoutes(config),
    ...webauthnRoutes(config),
  ];

  const http = createHttp({ appInfo, config, sessions, tenants, services, now });
  http.mount(
    routes,
    config.devMode
      ? [
          {
            method: 'GET',
            path: '/dev/outbox',
            async handler(ctx) {
              // DNS rebinding: a page on another host name that resolves to this machine must not read codes.
              if (!isLoopbackHostOf(ctx.request, appInfo.apiDomain)) throw new ForbiddenError('The dev outbox answers only on the API’s own host name');
              return { status: 'OK', messages: await outbox.list({ to: ctx.url.searchParams.get('to') ?? undefined }) };
            },
          },
        ]
      : [],
  );

  const backend: Backend = {
    fetch: (request, info) => Promise.resolve(http.app.fetch(request, { remoteAddress: info?.remoteAddress })),
    withSession(request, handler, options = {}) {
      const answer = http.run(request, undefined, async (ctx) => {
        const session = await sessions.getSession(ctx, { sessionRequired: options.sessionRequired ?? true, ...(options.overrideGlobalClaimValidators && { overrideGlobalClaimValidators: options.overrideGlobalClaimValidators }) });
        return handler(session!);
      });
      return answer.then((response) => http.withCors(request, response));
    },
    mfa: {
      getMFARequirementsForAuth: (session) => mfa.getMFARequirementsForAuth(session),
      markFactorAsCompleteInSession: (session, factorId) => mfa.markFactorAsCompleteInSession(session, factorId),
      async getFactorsSetupForUser(userId) {
        const user = await getUser(db, userId);
        if (!user) throw new Error(`Unknown user ${userId}`);
        return mfa.functions.getFactorsSetupForUser({ user });
      },
      getRequiredSecondaryFactorsForUser: (userId) => mfa.functions.getRequiredSecondaryFactorsForUser({ userId }),
      addToRequiredSecondaryFactorsForUser: (userId, factorId) => mfa.functions.addToRequiredSecondaryFactorsForUser({ userId, factorId }),
      removeFromRequiredSecondaryFactorsForUser: (userId, factorId) => mfa.functions.removeFromRequiredSecondaryFactorsForUser({ userId, factorId }),
    },
    mfaSettings: createMfaSettingsApi(services),
    users: {
      getUser: (userId) => getUser(db, userId),
      createPrimaryUser: (recipeUserId) => createPrimaryUser(db, recipeUserId),
      linkAccounts: (recipeUserId, primaryUserId) => db.transaction((tx) => linkAccounts(tx, recipeUserId, primaryUserId)),
    },
    passwordless: {
      async signInUp({ tenantId = 'public', email, phoneNumber }) {
        const contact = email !== undefined ? { email: normaliseEmail(email) } : { phoneNumber: phoneNumber! };
        const existing = await findLoginMethod(db, { tenantId, recipeId: 'passwordless', ...contact });
        const recipeUserId = existing?.recipeUserId ?? (await createRecipeUser(db, { recipeId: 'passwordless', tenantId, ...contact, now: now() }));
        if (contact.email !== undefined) await markEmailVerified(db, recipeUserId, contact.email);
        return { recipeUserId, user: (await getUser(db, recipeUserId))! };
      },
    },
    metadata: {
      getUserMetadata: async (userId) => ({ status: 'OK', metadata: await userData.metadata.get(userId) }),
      updateUserMetadata: async (userId, update) => ({ status: 'OK', metadata: await userData.metadata.update(userId, update) }),
    },
    roles: userData.roles,
    tenants: {
      createOrUpdateTenant: (tenantId, t) => tenants.createOrUpdate({ tenantId, ...t }),
      getTenant: (tenantId) => tenants.get(tenantId),
    },
    outbox,
    db,
    idle,
    async close() {
      await idle();
      await hasher.close();
      await db.close();
    },
  };
  Object.assign(api, backend);
  return backend;
}
