/**
 * The reference backend's HTTP concerns, apart from its wiring (createBackend.ts): the Hono app, CORS
 * for the website, the origin guard, request bodies (size cap, JSON, no NUL), the request context
 * each handler gets, errors as protocol answers, and the token headers every answer carries.
 */
import { Hono } from 'hono';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppInfo, BackendConfig } from './config.ts';
import type { RequestContext } from './context.ts';
import { HashingBusyError } from './password.ts';
import type { Route } from './router.ts';
import type { Services } from './services.ts';
import { BadInputError, ForbiddenError, SessionError } from './session/errors.ts';
import type { SessionService } from './session/sessionService.ts';
import type { Tenants } from './tenants.ts';

/** The largest request body accepted; auth bodies are tiny. */
const MAX_BODY_BYTES = 16 * 1024;
const ALLOWED_HEADERS = ['content-type', 'rid', 'fdi-version', 'anti-csrf', 'authorization', 'st-auth-mode', 'fk-trusted-device'];
const TENANT_ID = /^[a-zA-Z0-9-]{1,64}$/;

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

export function json(body: unknown, status = 200): Response {
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


/** What the HTTP layer needs from the wiring. */
export interface HttpDeps {
  appInfo: Required<AppInfo>;
  config: Pick<BackendConfig, 'clientAddress' | 'allowedOrigins'>;
  sessions: SessionService;
  tenants: Tenants;
  services: Services;
  now: () => number;
}

/**
 * Builds the HTTP side: `run` (one request through a handler, with its context, errors and token
 * headers) and `mount` (routes under the API base path, with and without a tenant).
 */
export function createHttp({ appInfo, config, sessions, tenants, services, now }: HttpDeps) {
  const website = appInfo.websiteDomain.replace(/\/$/, '');
  const allowedOrigins = new Set([appInfo.websiteDomain, appInfo.apiDomain, ...(config.allowedOrigins ?? [])].map((o) => new URL(o).origin));

  /** CORS for the website only: its exact origin, with credentials (no other origin gets any CORS header). */
  function withCors(request: Request, response: Response): Response {
    if (request.headers.get('origin') === website) {
      response.headers.set('Access-Control-Allow-Origin', website);
      response.headers.set('Access-Control-Allow-Credentials', 'true');
      response.headers.append('Vary', 'Origin');
    }
    return response;
  }
  const cors: MiddlewareHandler = async (c, next) => {
    if (c.req.method === 'OPTIONS') {
      c.res = new Response(null, {
        status: 204,
        headers: { 'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS', 'Access-Control-Allow-Headers': ALLOWED_HEADERS.join(', '), 'Access-Control-Max-Age': '600' },
      });
    } else {
      await next();
    }
    withCors(c.req.raw, c.res);
  };

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

  /** Runs a handler with a request context, then writes token headers and errors. */
  async function run(request: Request, tenantId: string | undefined, fn: (ctx: RequestContext) => Promise<unknown>, remoteAddress?: string, options: { formPost?: boolean } = {}): Promise<Response> {
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
      if (request.method !== 'GET' && request.method !== 'HEAD' && origin !== null && !allowedOrigins.has(origin) && !options.formPost) {
        throw new ForbiddenError('Requests from this origin are not allowed');
      }
      if (tenantId !== undefined && (!TENANT_ID.test(tenantId) || !(await tenants.get(tenantId)))) throw new BadInputError(`Unknown tenant: ${tenantId.slice(0, 64)}`);
      if (options.formPost) ctx.body = Object.fromEntries(new URLSearchParams(await readCappedText(request)));
      else if (request.method === 'POST' || request.method === 'PUT') ctx.body = await readBody(request);
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
    return out;
  }

  const app = new Hono();
  app.use('*', cors);
  const base = appInfo.apiBasePath;
  const remoteOf = (c: Context) => (c.env as { remoteAddress?: string } | undefined)?.remoteAddress;

  return {
    app,
    run,
    withCors,
    /** Mounts routes under the API base path, with and without a tenant prefix; then the 404 and error answers. */
    mount(routes: Route[], extra: { method: 'GET'; path: string; handler: (ctx: RequestContext) => Promise<unknown> }[] = []) {
      for (const route of extra) app.on(route.method, `${base}${route.path}`, (c) => run(c.req.raw, undefined, route.handler, remoteOf(c)));
      const handlerOf = (route: Route) => (c: Context) => run(c.req.raw, c.req.param('tenantId'), (ctx) => route.handler(ctx, services), remoteOf(c), { formPost: route.formPost === true });
      // Every path without a tenant first: `/webauthn/signup` is that route, not tenant "webauthn"'s `/signup`.
      for (const route of routes) app.on(route.method, `${base}${route.path}`, handlerOf(route));
      for (const route of routes) app.on(route.method, `${base}/:tenantId${route.path}`, handlerOf(route));
      app.notFound(() => json({ message: 'Not found' }, 404));
      app.onError((error) => {
        console.error('factorkit backend: unexpected error', error);
        return json({ message: 'Internal error' }, 500);
      });
    },
  };
}
