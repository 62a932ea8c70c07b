/**
 * Starts the demo once for the e2e run: the reference backend (a fresh PGlite folder per run, cheap
 * password hashing) and the demo app built for production and served under a strict Content
 * Security Policy (demo/preview.ts), on free ports. Test files switch scenarios over HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { serveDemoBuild } from '../../demo/preview.ts';
import { startDemo } from '../../demo/server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    demo: { webUrl: string; apiUrl: string };
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'factorkit-e2e-'));
  const [apiPort, webPort, idpPort] = [await freePort(), await freePort(), await freePort()];
  const demo = await startDemo({ apiPort, webPort, idpPort, dataDir, passwordHashing: { memorySize: 256, iterations: 1 }, web: false });
  const web = await serveDemoBuild({ outDir: join(dataDir, 'web'), apiUrl: demo.apiUrl, port: webPort });
  project.provide('demo', { webUrl: web.url, apiUrl: demo.apiUrl });
  return async () => {
    await web.close();
    await demo.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
