import type * as Msw from 'msw';

/**
 * msw, an optional peer dependency: only apps that use `factorkit/testing` install it. Loaded here,
 * once, so a missing install says what to do instead of failing deep inside a module graph.
 */
let msw: typeof Msw;
try {
  msw = await import('msw');
} catch (cause) {
  throw new Error('factorkit/testing needs msw, a peer dependency it does not install: run `npm install --save-dev msw` (version 2).', { cause });
}

export const { http, HttpResponse } = msw;
export type { HttpHandler } from 'msw';
