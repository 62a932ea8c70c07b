import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';

/**
 * The framework-free client in Node with nothing configured but the API: header mode (Node keeps no
 * cookies, so a cookie session would be lost after sign-up), no BroadcastChannel (an open one keeps
 * the process alive forever), and the process ends by itself when the work is done.
 */
it('works with its defaults in Node and lets the process exit', { timeout: 60_000 }, async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./nodeScript.ts', import.meta.url).pathname], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => void (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => void (err += chunk.toString()));
  // A process kept alive by the client never exits: the test then fails on its timeout.
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  expect(err).toBe('');
  expect(code).toBe(0);
  expect(JSON.parse(out)).toEqual({ transfer: 'header', signUp: 'OK', info: 'OK', session: 'signedIn' });
});
