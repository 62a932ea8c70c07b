import { http, type HttpHandler } from './msw.ts';
import type { Backend } from '@factorkit/server';

/**
 * msw handlers that answer every request to `apiDomain` with the reference backend, in process:
 * `setupServer(...createBackendHandlers(backend, 'http://api.test'))` in tests,
 * `setupWorker(...)` in Storybook or a demo without a server.
 */
export function createBackendHandlers(backend: Backend, apiDomain: string): HttpHandler[] {
  const origin = new URL(apiDomain).origin;
  return [http.all(`${origin}/*`, ({ request }) => backend.fetch(request))];
}
