import type { Backend } from './config.ts';

/** A running HTTP server for the backend. */
export interface RunningServer {
  /** e.g. `http://127.0.0.1:3001` */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Serves the backend over HTTP in Node (through @hono/node-server, imported lazily so browser bundles
 * of `factorkit/server` never load it). `extra` may answer requests outside the API, such as an app's
 * own routes; return undefined to fall through to the backend.
 */
export async function serve(
  backend: Backend,
  options: { port?: number; hostname?: string; extra?: (request: Request) => Promise<Response | undefined> | Response | undefined } = {},
): Promise<RunningServer> {
  const { serve: honoServe } = await import('@hono/node-server');
  const hostname = options.hostname ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const server = honoServe(
      {
        fetch: async (request: Request, env: { incoming?: { socket?: { remoteAddress?: string } } }) =>
          (await options.extra?.(request)) ?? backend.fetch(request, { remoteAddress: env?.incoming?.socket?.remoteAddress }),
        port: options.port ?? 0,
        hostname,
      },
      (info) => {
        const url = `http://${hostname.includes(':') ? `[${hostname}]` : hostname}:${info.port}`;
        resolve({
          url,
          port: info.port,
          close: () => new Promise<void>((done) => server.close(() => done())),
        });
      },
    );
    server.once('error', reject);
  });
}
