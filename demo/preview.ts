/**
 * The demo app as a production build, served under a strict Content Security Policy. The e2e suite
 * drives this build, so every flow it walks is checked in Chromium to need no inline script or
 * style, no `eval`, and no origin but the app's own and the API's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { build } from 'vite';

/**
 * The policy: nothing inline, nothing evaluated, requests to the API only, and no string handed to
 * an HTML or script sink (Trusted Types: `innerHTML`, `eval` and the like throw).
 */
export function contentSecurityPolicy(apiUrl: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    // The favicon is a data: URI; the kit's icons and QR codes are inline SVG elements.
    "img-src 'self' data:",
    `connect-src 'self' ${apiUrl}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
  ].join('; ');
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };

export interface DemoBuildOptions {
  /** Where the build goes (emptied first). */
  outDir: string;
  apiUrl: string;
  port: number;
  host?: string;
}

/** Builds the demo app for production and serves it (every unknown path as index.html) with the policy. */
export async function serveDemoBuild(options: DemoBuildOptions): Promise<{ url: string; close(): Promise<void> }> {
  // Vite hands VITE_* variables of the process to the app as import.meta.env.
  process.env.VITE_FK_API_URL = options.apiUrl;
  // A production build (React's, and JSX for it) whatever NODE_ENV the caller runs under: Vite
  // decides from NODE_ENV when it reads the config, and vitest sets it to "test".
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: new URL('./vite.config.ts', import.meta.url).pathname, mode: 'production', logLevel: 'error', build: { outDir: options.outDir, emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const policy = contentSecurityPolicy(options.apiUrl);
  const root = normalize(options.outDir);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path));
    const found = path !== '/' && file.startsWith(root) && existsSync(file) && extname(file) !== '' ? file : join(root, 'index.html');
    response.writeHead(200, { 'content-type': TYPES[extname(found)] ?? 'application/octet-stream', 'content-security-policy': policy, 'cache-control': 'no-store' });
    response.end(readFileSync(found));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(options.port, host, resolve));
  return { url: `http://localhost:${options.port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
