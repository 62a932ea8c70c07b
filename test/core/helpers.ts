import { createAuthClient, createMemoryStorage, type CreateAuthClientConfig } from '../../src/core/index.ts';
import type { Backend } from '../../src/server/index.ts';
import { API } from '../server/helpers.ts';

/** Counts the requests a client makes, by `METHOD path`. */
export function requestLog() {
  const calls: string[] = [];
  return {
    calls,
    count: (what: string) => calls.filter((c) => c === what).length,
  };
}

/**
 * A client wired to an in-process backend. Cookie mode gets a cookie jar standing in for the
 * browser (Node's fetch has none).
 */
export function clientFor(backend: Backend, overrides: Partial<CreateAuthClientConfig> = {}, log = requestLog()) {
  const jar = new Map<string, string>();
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    log.calls.push(`${request.method} ${url.pathname}`);
    if (jar.size > 0) {
      const forRefresh = url.pathname.endsWith('/session/refresh');
      const cookies = [...jar].filter(([name]) => (forRefresh ? name === 'sRefreshToken' : name === 'sAccessToken'));
      if (cookies.length > 0) request.headers.set('cookie', cookies.map(([k, v]) => `${k}=${v}`).join('; '));
    }
    const response = await backend.fetch(request);
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attrs] = cookie.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      // Only the clearing date (the epoch) counts: the backend may run on a test clock far from ours.
      const expired = attrs.some((a) => a.trim().toLowerCase().startsWith('expires=') && new Date(a.trim().slice(8)).getTime() <= 0);
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  const client = createAuthClient({ apiDomain: API, fetch: fetchImpl, storage: createMemoryStorage(), channel: null, locks: null, ...overrides });
  return { client, jar, log };
}
