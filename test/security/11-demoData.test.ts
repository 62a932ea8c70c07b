import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type RunningDemo } from '../../demo/server.ts';

/**
 * Finding 11: the demo's Vite dev server answered `/@fs/…/.data/pglite/…` to other localhost origins:
 * anyone could read the database, signing key included, and forge tokens. Now the data folder is never
 * served, and the dev-only endpoints answer only to the demo's own host names (no DNS rebinding) and
 * origins.
 */

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

/** A raw HTTP request, so the Host header can be anything (fetch will not let a script set it). */
function raw(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end(init.body);
  });
}

let demo: RunningDemo;
let dataDir: string;

beforeAll(async () => {
  // Inside the repository, where `npm start` keeps its data (`.data/`), so Vite's workspace root covers it.
  mkdirSync('.data', { recursive: true });
  dataDir = mkdtempSync(resolve('.data/security-'));
  demo = await startDemo({ apiPort: await freePort(), webPort: await freePort(), dataDir, passwordHashing: { memorySize: 256, iterations: 1 } });
}, 120_000);
afterAll(async () => {
  await demo?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('finding 11: the demo never serves its database', () => {
  it('/@fs/ does not serve the data folder, to another origin or to the demo itself', async () => {
    const file = `${dataDir}/S1/PG_VERSION`;
    expect(readFileSync(file, 'utf8')).toMatch(/^\d+/);
    for (const headers of [{ origin: 'http://localhost:9999' }, {}] as Record<string, string>[]) {
      const r = await raw(`${demo.webUrl}/@fs${file}`, { headers });
      expect(r.status).toBe(403);
      expect(r.body).not.toMatch(/^\d+\s*$/);
    }
  });

  it('the dev outbox answers only to the demo’s own host name (DNS rebinding)', async () => {
    const api = new URL(demo.apiUrl);
    expect((await raw(`${demo.apiUrl}/auth/dev/outbox`)).status).toBe(200);
    const rebound = await raw(`${demo.apiUrl}/auth/dev/outbox`, { headers: { host: `rebind.evil.test:${api.port}` } });
    expect(rebound.status).toBe(403);
    expect(rebound.body).not.toContain('messages');
  });

  it('the Vite dev server answers only to the demo’s own host name', async () => {
    const web = new URL(demo.webUrl!);
    const rebound = await raw(`${demo.webUrl}/`, { headers: { host: `rebind.evil.test:${web.port}` } });
    expect(rebound.status).toBe(403);
  });

  it('the scenario switch refuses a cross-origin simple POST and a foreign host', async () => {
    const before = demo.scenario();
    const target = before === 'S2' ? 'S3' : 'S2';
    const crossSite = await raw(`${demo.apiUrl}/demo/scenario`, { method: 'POST', headers: { 'content-type': 'text/plain', origin: 'http://localhost:9999' }, body: JSON.stringify({ id: target }) });
    expect(crossSite.status).toBe(403);
    const api = new URL(demo.apiUrl);
    const rebound = await raw(`${demo.apiUrl}/demo/scenario`, { method: 'POST', headers: { 'content-type': 'application/json', host: `rebind.evil.test:${api.port}` }, body: JSON.stringify({ id: target }) });
    expect(rebound.status).toBe(403);
    expect(demo.scenario()).toBe(before);
  });
});
