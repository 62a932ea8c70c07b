import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

/**
 * Crash safety: the server on file-backed PGlite is killed with SIGKILL in the middle of a sign-up
 * load, then started again on the same folder. Every sign-up that was answered 200 OK must still be
 * there (it can sign in); the database must open again without repair.
 */

const SERVER = new URL('./crashServer.ts', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'factorkit-crash-'));
const children = new Set<ChildProcess>();

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the server on `dir` and resolves with its URL. */
function start(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ url: (JSON.parse(line) as { url: string }).url, child });
    });
    child.stderr!.on('data', (chunk: Buffer) => void (err += chunk.toString()));
    child.on('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal}) before listening: ${err.slice(0, 2000)}`)));
  });
}

const headers = { 'content-type': 'application/json', rid: 'emailpassword', 'fdi-version': '3.1,4.0', 'st-auth-mode': 'header' };
const form = (email: string) => JSON.stringify({ formFields: [{ id: 'email', value: email }, { id: 'password', value: 'password123' }] });

async function post(url: string, path: string, email: string): Promise<string | undefined> {
  const response = await fetch(`${url}/auth${path}`, { method: 'POST', headers, body: form(email) });
  return response.status === 200 ? ((await response.json()) as { status: string }).status : `HTTP ${response.status}`;
}

it('every acknowledged sign-up survives SIGKILL mid-load', { timeout: 120_000 }, async () => {
  const acknowledged: string[] = [];
  let sent = 0;
  for (let round = 0; round < 3; round++) {
    const { url, child } = await start();
    const target = acknowledged.length + 60;
    let killed = false;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // Eight clients sign up in a loop; the server is killed once enough have been acknowledged,
    // with requests still in flight.
    const worker = async () => {
      while (!killed) {
        const email = `crash-${round}-${sent++}@example.com`;
        try {
          if ((await post(url, '/signup', email)) === 'OK') acknowledged.push(email);
        } catch {
          return; // the connection died with the server: this sign-up was never acknowledged
        }
        if (acknowledged.length >= target && !killed) {
          killed = true;
          child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    await exited;
  }

  const { url, child } = await start();
  const failed: string[] = [];
  for (const email of acknowledged) {
    const status = await post(url, '/signin', email);
    if (status !== 'OK') failed.push(`${email}: ${status}`);
  }
  child.kill('SIGTERM');
  expect(acknowledged.length).toBeGreaterThanOrEqual(180);
  // Requests were in flight at each kill (the in-flight ones got no answer).
  expect(sent).toBeGreaterThan(acknowledged.length);
  expect(failed).toEqual([]);
});
