import { Hono } from 'hono';
import type { Context } from 'hono';
import type { BackendConfig, TenantConfig } from './config.ts';
import type { RequestContext } from './context.ts';
import { openDb } from './db/openDb.ts';
import type { Db } from './db/Db.ts';
import { emailCollisions, migrate } from './db/migrations.ts';
import { createDevOutbox, type DevOutbox } from './delivery.ts';
import { createMfa } from './mfa.ts';
import { createLimits } from './limits.ts';
import { createPasswordHasher, HashingBusyError } from './password.ts';
import { coreRoutes } from './recipes/core.ts';
import { emailPasswordRoutes } from './recipes/emailPassword.ts';
import { createMfaSettingsApi, mfaSettingsOptions, mfaSettingsRoutes, type MFASettingsApi } from './recipes/mfaSettings.ts';
import { createEmailVerification, emailVerificationRoutes } from './recipes/emailVerification.ts';
import { passwordlessRoutes } from './recipes/passwordless.ts';
import { normaliseEmail } from './recipes/validators.ts';
import { totpRoutes } from './recipes/totp.ts';
import type { Route } from './router.ts';
import type { Services } from './services.ts';
import { BadInputError, ForbiddenError, SessionError } from './session/errors.ts';
import type { SessionContainer } from './session/SessionContainer.ts';
import { createSessionService, type ClaimValidator } from './session/sessionService.ts';
import { loadSigningKeys } from './session/signingKeys.ts';
import { createTenants, createUserData } from './tenants.ts';
import { createPrimaryUser, createRecipeUser, findLoginMethod, getUser, linkAccounts, markEmailVerified, type User } from './users.ts';

/** The largest request body accepted; auth bodies are tiny. */
const MAX_BODY_BYTES = 16 * 1024;
const ALLOWED_HEADERS = ['content-type', 'rid', 'fdi-version', 'anti-csrf', 'authorization', 'st-auth-mode'];
const TENANT_ID = /^[a-zA-Z0-9-]{1,64}$/;

/** The reference backend: a web-standard fetch handler plus the server-side policy API of the seeds. */
export interface Backend {
  /**
   * Answers one request (`Request -> Response`): run it in Node, a worker, or msw. `remoteAddress` is
   * the peer's network address, for the per-client limits (`serve()` passes it; see `clientAddress`).
   */
  fetch(request: Request, info?: { remoteAddress?: string }): Promise<Response>;
  /**
   * Runs an app handler behind session verification with the global claim validators (or your own);
   * answers 401/403 like the auth APIs, and carries refreshed claims back to the client.
   */
  withSession(
    request: Request,
    handler: (session: SessionContainer) => Promise<unknown>,
    options?: { sessionRequired?: boolean; overrideGlobalClaimValidators?: (globals: ClaimValidator[]) => ClaimValidator[] },
  ): Promise<Response>;
  mfa: {
    getMFARequirementsForAuth(session: SessionContainer): Promise<unknown>;
    markFactorAsCompleteInSession(session: SessionContainer, factorId: string): Promise<void>;
    getFactorsSetupForUser(userId: string): Promise<string[]>;
    getRequiredSecondaryFactorsForUser(userId: string): Promise<string[]>;
    addToRequiredSecondaryFactorsForUser(userId: string, factorId: string): Promise<void>;
    removeFromRequiredSecondaryFactorsForUser(userId: string, factorId: string): Promise<void>;
  };
  /** The settings API and step-up for server code (our FDI extension; see README "Protocol extensions"). */
  mfaSettings: MFASettingsApi;
  users: {
    getUser(userId: string): Promise<User | undefined>;
    createPrimaryUser(recipeUserId: string): Promise<void>;
    linkAccounts(recipeUserId: string, primaryUserId: string): Promise<void>;
  };
  /** Creates a passwordless login method directly, as a migration from another system would. */
  passwordless: { signInUp(input: { tenantId?: string; email?: string; phoneNumber?: string }): Promise<{ recipeUserId: string; user: User }> };
  metadata: {
    getUserMetadata(userId: string): Promise<{ status: 'OK'; metadata: Record<string, unknown> }>;
    updateUserMetadata(userId: string, update: Record<string, unknown>): Promise<{ status: 'OK'; metadata: Record<string, unknown> }>;
  };
  roles: ReturnType<typeof createUserData>['roles'];
  tenants: { createOrUpdateTenant(tenantId: string, config: Omit<TenantConfig, 'tenantId'>): Promise<void>; getTenant(tenantId: string): Promise<TenantConfig | undefined> };
  /** The messages the dev outbox holds (only filled when no delivery is configured). */
  outbox: Pick<DevOutbox, 'list'>;
  db: Db;
  close(): Promise<void>;
}

/**
 * Whether the request's Host header names the API itself (its `apiDomain` host, or a loopback address
 * on its port): what dev-only endpoints answer to, so DNS rebinding cannot reach them.
 */
export function isLoopbackHostOf(request: Request, apiDomain: string): boolean {
  const api = new URL(apiDomain);
  const port = api.port || (api.protocol === 'https:' ? '443' : '80');
  const host = request.headers.get('host') ?? new URL(request.url).host;
  return [api.host, `localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`].includes(host.toLowerCase());
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

/** Reads at most MAX_BODY_BYTES: a chunked body without content-length must not be buffered whole. */
async function readCappedText(request: Request): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new BadInputError('Request body is too large');
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

async function readBody(request: Request): Promise<unknown> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) throw new BadInputError('Request body is too large');
  const text = await readCappedText(request);
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BadInputError('Request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BadInputError('Request body must be a JSON object');
  // PostgreSQL text cannot hold U+0000: such a string would reach a query and fail there as a 500.
  if (hasNul(value)) throw new BadInputError('Request body must not contain NUL characters');
  return value;
}

/** Whether any key or string in a parsed JSON value holds U+0000 (iterative: bodies may nest deeply). */
function hasNul(value: unknown): boolean {
  const stack = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return true;
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, child] of Object.entries(v)) {
        if (k.includes('\u0000')) return true;
        stack.push(child);
      }
    }
  }
  return false;
}

/** Starts the reference backend: opens and migrates the database, loads keys, builds the routes. */
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
  const services: Services = {
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
    ...(config.emailPassword !== false ? emailPasswordRoutes() : []),
    ...(config.passwordless ? passwordlessRoutes() : []),
    ...(config.totp ? totpRoutes() : []),
    ...(config.emailVerification ? emailVerificationRoutes() : []),
    ...(settingsOptions.enabled ? mfaSettingsRoutes() : []),
  ];

  const origin = appInfo.websiteDomain.replace(/\/$/, '');
  function withCors(request: Request, response: Response): Response {
    if (request.headers.get('origin') === origin) {
      response.headers.set('Access-Control-Allow-Origin', origin);
      response.headers.set('Access-Control-Allow-Credentials', 'true');
      response.headers.append('Vary', 'Origin');
    }
    return response;
  }

  function errorResponse(ctx: RequestContext, error: unknown): Response {
    if (error instanceof SessionError) {
      if (error.type === 'INVALID_CLAIMS') return json({ message: 'invalid claim', claimValidationErrors: error.options.claimValidationErrors }, 403);
      if (error.type !== 'TRY_REFRESH_TOKEN' && error.options.clearTokens !== false) {
        const from = sessions.requestTransferMethod(ctx.request);
        ctx.clearTokens ??= from ? [from] : ['cookie', 'header'];
      }
      return json({ message: error.message }, 401);
    }
    if (error instanceof BadInputError) return json({ message: error.message }, 400);
    if (error instanceof ForbiddenError) return json({ message: error.message }, 403);
    if (error instanceof HashingBusyError) {
      ctx.responseHeaders.set('Retry-After', '1');
      return json({ message: error.message }, 503);
    }
    console.error('factorkit backend: unexpected error', error);
    return json({ message: 'Internal error' }, 500);
  }

  const allowedOrigins = new Set([appInfo.websiteDomain, appInfo.apiDomain, ...(config.allowedOrigins ?? [])].map((o) => new URL(o).origin));

  /** Runs a handler with a request context, then writes token headers, errors and CORS. */
  async function run(request: Request, tenantId: string | undefined, fn: (ctx: RequestContext) => Promise<unknown>, remoteAddress?: string): Promise<Response> {
    const ctx: RequestContext = {
      request,
      url: new URL(request.url),
      tenantId: tenantId ?? 'public',
      tenantInPath: tenantId !== undefined,
      now: now(),
      responseHeaders: new Headers(),
    };
    let response: Response;
    try {
      const clientAddress = config.clientAddress ? config.clientAddress(request, remoteAddress) : remoteAddress;
      if (clientAddress !== undefined) ctx.clientAddress = clientAddress.slice(0, 64);
      // A page on another origin may send a form-like POST with the user's cookies (CSRF): any
      // state-changing request that says where it comes from must come from the app.
      const origin = request.headers.get('origin');
      if (request.method !== 'GET' && request.method !== 'HEAD' && origin !== null && !allowedOrigins.has(origin)) {
        throw new ForbiddenError('Requests from this origin are not allowed');
      }
      if (tenantId !== undefined && (!TENANT_ID.test(tenantId) || !(await tenants.get(tenantId)))) throw new BadInputError(`Unknown tenant: ${tenantId.slice(0, 64)}`);
      if (request.method === 'POST' || request.method === 'PUT') ctx.body = await readBody(request);
      const result = await fn(ctx);
      response = result instanceof Response ? result : json(result);
    } catch (error) {
      response = errorResponse(ctx, error);
    }
    try {
      if (ctx.clearTokens) sessions.writeClearTokens(ctx, ctx.clearTokens);
      else if (ctx.session && !ctx.session.revoked && (ctx.session.newRefreshToken !== undefined || ctx.session.payloadChanged)) await sessions.writeTokens(ctx, ctx.session);
    } catch (error) {
      response = errorResponse(ctx, error);
    }
    const out = new Response(response.body, response);
    ctx.responseHeaders.forEach((value, key) => {
      if (key === 'set-cookie') return;
      out.headers.set(key, value);
    });
    for (const cookie of ctx.responseHeaders.getSetCookie()) out.headers.append('Set-Cookie', cookie);
    return withCors(request, out);
  }

  const base = appInfo.apiBasePath;
  const app = new Hono();
  app.options('*', (c) =>
    withCors(
      c.req.raw,
      new Response(null, {
        status: 204,
        headers: { 'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS', 'Access-Control-Allow-Headers': ALLOWED_HEADERS.join(', '), 'Access-Control-Max-Age': '600' },
      }),
    ),
  );
  if (config.devMode) {
    app.get(`${base}/dev/outbox`, (c) =>
      run(c.req.raw, undefined, async (ctx) => {
        // DNS rebinding: a page on another host name that resolves to this machine must not read codes.
        if (!isLoopbackHostOf(ctx.request, appInfo.apiDomain)) throw new ForbiddenError('The dev outbox answers only on the API’s own host name');
        return { status: 'OK', messages: await outbox.list({ to: ctx.url.searchParams.get('to') ?? undefined }) };
      }),
    );
  }
  const remoteOf = (c: Context) => (c.env as { remoteAddress?: string } | undefined)?.remoteAddress;
  for (const route of routes) {
    const handler = (c: Context) => run(c.req.raw, c.req.param('tenantId'), (ctx) => route.handler(ctx, services), remoteOf(c));
    app.on(route.method, `${base}${route.path}`, handler);
    app.on(route.method, `${base}/:tenantId${route.path}`, handler);
  }
  app.notFound((c) => withCors(c.req.raw, json({ message: 'Not found' }, 404)));
  app.onError((error, c) => {
    console.error('factorkit backend: unexpected error', error);
    return withCors(c.req.raw, json({ message: 'Internal error' }, 500));
  });

  const backend: Backend = {
    fetch: (request, info) => Promise.resolve(app.fetch(request, { remoteAddress: info?.remoteAddress })),
    withSession(request, handler, options = {}) {
      return run(request, undefined, async (ctx) => {
        const session = await sessions.getSession(ctx, { sessionRequired: options.sessionRequired ?? true, ...(options.overrideGlobalClaimValidators && { overrideGlobalClaimValidators: options.overrideGlobalClaimValidators }) });
        return handler(session!);
      });
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
    async close() {
      await hasher.close();
      await db.close();
    },
  };
  Object.assign(api, backend);
  return backend;
}
