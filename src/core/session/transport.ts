import type { LockManagerLike, NormalisedConfig } from '../config.ts';
import { AuthError } from '../errors.ts';
import type { ClaimValidationError } from './sessionEvents.ts';
import type { SessionStore } from './sessionStore.ts';

/** FDI versions this client speaks; the backend picks the highest it knows. */
export const FDI_VERSIONS = '3.1,4.0';

/** Recipe ids sent as `rid`. */
export type RecipeId = 'emailpassword' | 'passwordless' | 'thirdparty' | 'webauthn' | 'totp' | 'multifactorauth' | 'emailverification' | 'multitenancy' | 'session' | 'fk';

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path after the API base path, e.g. `/signin`. */
  path: string;
  rid: RecipeId;
  body?: unknown;
  query?: Record<string, string>;
  /** Put the tenant id in the path (first-factor and tenant-scoped calls). */
  tenantScoped?: boolean;
  /** Tenant for this call instead of the configured one (an email link names its tenant). */
  tenantId?: string;
  /** `required`: refresh on 401 and fail when there is no session. */
  session: 'none' | 'required';
  /** More request headers. */
  headers?: Record<string, string>;
}

/** A 2xx JSON body, or the claim errors of a 403. */
export type ApiResult = { kind: 'ok'; body: Record<string, unknown> } | { kind: 'invalidClaim'; claimValidationErrors: ClaimValidationError[] };

type RefreshOutcome = 'RETRY' | 'SESSION_EXPIRED';

/**
 * Sends requests with the session attached, saves the tokens of every response, refreshes on 401
 * once per tab (and once across tabs when a lock manager exists), and retries a bounded number of times.
 */
export class Transport {
  private inflightRefresh: Promise<RefreshOutcome> | undefined;

  /** Headers some calls add (the trusted-device token on first-factor sign-ins, header mode). */
  extraHeaders: ((path: string) => Record<string, string>) | undefined;

  constructor(
    private readonly config: NormalisedConfig,
    private readonly store: SessionStore,
    private readonly fetchImpl: typeof fetch,
    private readonly locks: LockManagerLike | null,
  ) {}

  /** Calls a protocol endpoint and parses its JSON. */
  async call(req: ApiRequest): Promise<ApiResult> {
    const url = new URL(this.apiUrl(req.path, req.tenantScoped ?? false, req.tenantId));
    for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
    const response = await this.send(url.toString(), {
      method: req.method,
      headers: { ...this.extraHeaders?.(req.path), ...req.headers, rid: req.rid, 'content-type': 'application/json' },
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
    }, req.session === 'required');
    if (response.status === 403) {
      const errors = await claimErrors(response);
      if (errors) return { kind: 'invalidClaim', claimValidationErrors: errors };
    }
    if (response.status === 401) throw new AuthError('unauthorised', 'There is no session, or it has ended.', 401);
    if (!response.ok) throw new AuthError('http', `${req.method} ${req.path} answered ${response.status}: ${await messageOf(response)}`, response.status);
    let body: unknown;
    try {
      body = await response.json();
    } catch (cause) {
      throw new AuthError('bad_response', `${req.method} ${req.path} did not answer JSON`, response.status, { cause });
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new AuthError('bad_response', `${req.method} ${req.path} did not answer a JSON object`, response.status);
    return { kind: 'ok', body: body as Record<string, unknown> };
  }

  /**
   * Sends any request with the session attached (the app's own APIs too). On 401 it refreshes and
   * retries; the final response is returned as is, with 401/403 left for the caller to read.
   */
  async send(url: string, init: RequestInit, sessionRequired: boolean): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      if (sessionRequired && this.store.exists() && this.store.isExpired()) {
        const outcome = await this.refresh(this.store.version());
        if (outcome === 'SESSION_EXPIRED') return this.unauthorisedResponse();
      }
      if (sessionRequired && !this.store.exists()) {
        this.store.emit({ type: 'UNAUTHORISED', sessionExpiredOrRevoked: false });
        return this.unauthorisedResponse();
      }
      const seen = this.store.version();
      const response = await this.rawFetch(url, init, false);
      if (response.status === 403) {
        const errors = await claimErrors(response.clone());
        if (errors) this.store.emit({ type: 'API_INVALID_CLAIM', claimValidationErrors: errors });
      }
      if (response.status !== 401 || !sessionRequired) return response;
      if (attempt >= this.config.maxRefreshAttempts) {
        throw new AuthError('unauthorised', `Still unauthorised after ${attempt} session refreshes; is another auth system answering 401 on this API?`, 401);
      }
      const outcome = await this.refresh(seen);
      if (outcome === 'SESSION_EXPIRED') return response;
    }
  }

  /** Refreshes the session now. Resolves false when the session has ended. */
  async refreshNow(): Promise<boolean> {
    return (await this.refresh(this.store.version())) === 'RETRY';
  }

  /** Absolute URL of an API path, with the tenant prefix when asked and not the default tenant. */
  apiUrl(path: string, tenantScoped: boolean, tenantId = this.config.tenantId): string {
    const tenant = tenantScoped && tenantId !== 'public' ? `/${tenantId}` : '';
    return `${this.config.apiDomain}${this.config.apiBasePath}${tenant}${path}`;
  }

  /**
   * One refresh for everyone who saw the same token version: callers in this tab share the
   * in-flight promise, and a caller whose version is stale (someone refreshed meanwhile) retries
   * without calling the API.
   */
  private refresh(seenVersion: string | null): Promise<RefreshOutcome> {
    this.inflightRefresh ??= this.withLock(async () => {
      const current = this.store.version();
      if (current !== seenVersion) return current === null ? 'SESSION_EXPIRED' : 'RETRY';
      if (current === null) return 'SESSION_EXPIRED';
      const response = await this.rawFetch(this.apiUrl('/session/refresh', false), { method: 'POST', headers: { rid: 'session' } }, true);
      if (response.status === 401) {
        // The backend clears tokens with its answer; make sure nothing stale remains either way.
        if (this.store.exists()) {
          this.store.clear();
          this.store.emit({ type: 'UNAUTHORISED', sessionExpiredOrRevoked: true });
        }
        return 'SESSION_EXPIRED';
      }
      // Ended while the refresh was on the wire (signed out, here or in another tab): its tokens were not kept.
      if (!this.store.exists()) return 'SESSION_EXPIRED';
      if (!response.ok) throw new AuthError('http', `Session refresh answered ${response.status}`, response.status);
      if (!response.headers.has('front-token')) {
        throw new AuthError('bad_response', 'The refresh answer had no front-token header: the API must list it in Access-Control-Expose-Headers.');
      }
      this.store.emit({ type: 'REFRESH_SESSION' });
      return 'RETRY';
    }).finally(() => {
      this.inflightRefresh = undefined;
    });
    return this.inflightRefresh;
  }

  private withLock<T>(fn: () => Promise<T>): Promise<T> {
    if (!this.locks) return fn();
    return this.locks.request(`fk-refresh ${this.config.apiDomain} ${this.config.storageKeyPrefix}`, fn);
  }

  private async rawFetch(url: string, init: RequestInit, forRefresh: boolean): Promise<Response> {
    // Plain objects only: spreading a Headers instance would silently drop every header.
    const headers = new Headers(init.headers);
    headers.set('fdi-version', FDI_VERSIONS);
    headers.set('st-auth-mode', this.config.tokenTransferMethod);
    if (!headers.has('rid')) headers.set('rid', 'anti-csrf');
    for (const [k, v] of Object.entries(this.store.authHeaders(forRefresh))) {
      if (k !== 'authorization' || !headers.has('authorization')) headers.set(k, v);
    }
    const sentIn = this.store.sessionMark();
    let response: Response;
    try {
      response = await this.fetchImpl(url, { ...init, headers, credentials: 'include' });
    } catch (cause) {
      throw new AuthError('network', `Could not reach ${new URL(url).origin}`, undefined, { cause });
    }
    this.store.saveFromResponse(response.headers, response.status, sentIn);
    return response;
  }

  private unauthorisedResponse(): Response {
    return new Response(JSON.stringify({ message: 'unauthorised' }), { status: 401, headers: { 'content-type': 'application/json' } });
  }
}

async function claimErrors(response: Response): Promise<ClaimValidationError[] | undefined> {
  try {
    const body = (await response.json()) as { claimValidationErrors?: unknown };
    if (!Array.isArray(body.claimValidationErrors)) return undefined;
    return body.claimValidationErrors.filter((e): e is ClaimValidationError => typeof e === 'object' && e !== null && typeof (e as ClaimValidationError).id === 'string');
  } catch {
    return undefined;
  }
}

async function messageOf(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return text.slice(0, 200) || response.statusText;
}
