/**
 * The benchmarked server: the reference backend on in-memory PGlite, seeded, served on loopback.
 * `tsx bench/serverProcess.ts <users> <sessionUsers> <signInUsers> [hashWorkers]` prints one JSON line
 * `{url, sessions}` when ready. `GET /__bench/cpu` answers this process's CPU time (µs). `hashWorkers`
 * sets `passwordHashing.workers` (0: Argon2 on the event loop, as before the worker pool). With
 * `BENCH_DATABASE_URL` it serves a PostgreSQL database seeded already (by bench/processes.ts), as one
 * of several processes, and seeds nothing.
 */
import { createBackend, serve } from '../src/server/index.ts';
import { makeSessions, seedUsers } from './seed.ts';

const [users, sessionUsers, signInUsers, hashWorkers] = process.argv.slice(2).map(Number) as [number, number, number, number | undefined];
const shared = process.env.BENCH_DATABASE_URL;
const backend = await createBackend({
  ...(shared && { database: { kind: 'postgres', url: shared, max: 8 } }),
  appInfo: { appName: 'bench', apiDomain: 'http://127.0.0.1', websiteDomain: 'http://127.0.0.1' },
  totp: {},
  mfa: { firstFactors: ['emailpassword'] },
  ...(hashWorkers !== undefined && Number.isInteger(hashWorkers) && { passwordHashing: { workers: hashWorkers } }),
});
if (!shared) await seedUsers(backend, users, { sessionUsers, signInUsers });
const sessions = shared ? [] : await makeSessions(backend, sessionUsers);
const server = await serve(backend, {
  extra: (request) => {
    if (new URL(request.url).pathname !== '/__bench/cpu') return undefined;
    const { user, system } = process.cpuUsage();
    return Response.json({ user, system });
  },
});
process.stdout.write(`${JSON.stringify({ url: server.url, sessions })}\n`);
