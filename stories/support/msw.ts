/**
 * msw for stories, the same in the browser (a service worker) and in vitest (msw/node): a story
 * lists its handlers in `parameters.msw.handlers` (the shape msw-storybook-addon uses), and the
 * loader installs exactly those before the story renders. A story that needs the reference backend
 * sets `parameters.backend` instead or as well (see `backend.ts`); its handlers come after the
 * story's own, so a scenario handler can override one endpoint of a live backend.
 */
import type { RequestHandler } from 'msw';

/** What the loader needs from msw: replace the active handlers. */
export interface MswController {
  /** Makes `handlers` the only active handlers. */
  reset(handlers: readonly RequestHandler[]): void;
}

/** `parameters.msw` of a story. */
export interface MswParameters {
  handlers?: readonly RequestHandler[];
}

let controller: Promise<MswController> | undefined;

/** Tests call this with a controller over `setupServer` before running stories. */
export function setMswController(value: MswController): void {
  controller = Promise.resolve(value);
}

async function startWorker(): Promise<MswController> {
  const { setupWorker } = await import('msw/browser');
  const worker = setupWorker();
  await worker.start({
    // Relative to the preview iframe, so the static build works under any base path.
    serviceWorker: { url: './mockServiceWorker.js' },
    onUnhandledRequest: 'bypass',
    quiet: true,
  });
  return { reset: (handlers) => worker.resetHandlers(...handlers) };
}

/** Whether a controller exists (set by a test, or a worker started). */
export function mswStarted(): boolean {
  return controller !== undefined;
}

/** The controller: the one a test set, or a service worker started on first use in the browser. */
export function mswController(): Promise<MswController> {
  controller ??= startWorker();
  return controller;
}
