/**
 * The benchmarked server: the reference backend on in-memory PGlite, seeded, served on loopback.
 * `tsx bench/serverProcess.ts <users> <sessionUsers> <signInUsers>` prints one JSON line
 * `{url, sessions}` when ready. `GET /__bench/cpu` answers this process's CPU time (µs).
 */
import { createBackend, serve } from '../src/server/index.ts';
import { makeSessions, seedUsers } from './seed.ts';

const [users, sessionUsers, signInUsers] = process.argv.slice(2).map(Number) as [number, number, number];
const backend = await createBackend({
  appInfo: { appName: 'bench', apiDomain: 'http://127.0.0.1', websiteDomain: 'http://127.0.0.1' },
  totp: {},
  mfa: { firstFactors: ['emailpassword'] },
});
await seedUsers(backend, users, { sessionUsers, signInUsers });
const sessions = await makeSessions(backend, sessionUsers);
const server = await serve(backend, {
  extra: (request) => {
    if (new URL(request.url).pathname !== '/__bench/cpu') return undefined;
    const { user, system } = process.cpuUsage();
    return Response.json({ user, system });
  },
});
process.stdout.write(`${JSON.stringify({ url: server.url, sessions })}\n`);
