import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, serve, type Backend, type RunningServer } from '../../src/server/index.ts';
import { startBackend, testDatabase } from '../server/helpers.ts';
import { clientAddressFromTestHeader, freshEmail, HttpClient } from './helpers.ts';

/**
 * The limits live in the database, so several backend processes on one PostgreSQL enforce them
 * together: an attacker who spreads requests over the processes behind a load balancer gains nothing.
 * On PostgreSQL (`.ci/run`: TEST_DATABASE_URL) these are two real Node processes; on PGlite, which
 * one process owns, two backends in this process share its database.
 */

const SERVER = new URL('./backendProcess.ts', import.meta.url).pathname;
const children = new Set<ChildProcess>();
const servers: RunningServer[] = [];
const backends: Backend[] = [];
let urls: string[] = [];
let reader: Backend;

function startProcess(databaseUrl: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER, databaseUrl], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.stderr!.on('data', (chunk: Buffer) => void (err += chunk.toString()));
    child.on('exit', (code, signal) => reject(new Error(`backend process exited (${code ?? signal}) before listening: ${err.slice(0, 2000)}`)));
  });
}

beforeAll(async () => {
  const database = await testDatabase();
  if ('kind' in database && database.kind === 'postgres' && 'url' in database) {
    urls = await Promise.all([startProcess(database.url), startProcess(database.url)]);
    // This process only reads the outbox.
    reader = await startBackend({ database });
    backends.push(reader);
  } else {
    const shared = await openDb(database);
    for (let i = 0; i < 2; i++) {
      const backend = await startBackend({ database: shared, clientAddress: clientAddressFromTestHeader });
      backends.push(backend);
      servers.push(await serve(backend, { port: 0 }));
    }
    urls = servers.map((s) => s.url);
    reader = backends[0]!;
  }
}, 120_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  for (const server of servers) await server.close();
  // Backends sharing one PGlite handle: closing the first closes it for both.
  await backends[0]?.close();
});

/** A client on process `i % 2`, from a client address. */
const on = (i: number, ip: string) => new HttpClient(reader, urls[i % 2]!, 'header', { ip });

describe('limits shared by backend processes', () => {
  it('codes to one address, asked for alternately from two processes: 5 in all', async () => {
    const to = freshEmail('shared-codes');
    const statuses: string[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await on(i, `10.13.0.${i + 1}`).request('POST', '/signinup/code', { email: to, shouldTryLinkingWithSessionUser: false })).body.status);
    expect(statuses.filter((s) => s === 'OK')).toHaveLength(5);
    expect(await reader.outbox.list({ to })).toHaveLength(5);
  });

  it('wrong passwords from one address, spread over two processes: 5 are checked in all', async () => {
    const email = freshEmail('shared-passwords');
    expect((await on(0, '10.13.1.1').signUp(email, 'right-password-1')).body.status).toBe('OK');
    const statuses: string[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await on(i, '10.13.1.99').signIn(email, `guess-${i}`)).body.status);
    expect(statuses.filter((s) => s === 'WRONG_CREDENTIALS_ERROR')).toHaveLength(5);
    expect(statuses.slice(5).every((s) => s === 'SIGN_IN_NOT_ALLOWED')).toBe(true);
  });
});
