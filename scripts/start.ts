/**
 * `npm start`: the reference backend on embedded PGlite under `.data/` (or PostgreSQL through
 * DATABASE_URL), in dev mode so the outbox of emails and text messages can be read over HTTP.
 */
import { mkdirSync } from 'node:fs';
import { createBackend, serve } from '../src/server/index.ts';

const apiPort = Number(process.env.API_PORT ?? 3001);
const webPort = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const apiDomain = `http://localhost:${apiPort}`;
const websiteDomain = `http://localhost:${webPort}`;

const database = process.env.DATABASE_URL
  ? ({ kind: 'postgres', url: process.env.DATABASE_URL } as const)
  : (mkdirSync('.data/pglite', { recursive: true }), { kind: 'pglite', dataDir: '.data/pglite' } as const);

const backend = await createBackend({
  appInfo: { appName: 'factorkit demo', apiDomain, websiteDomain },
  database,
  passwordless: { contactMethod: 'EMAIL_OR_PHONE', flowType: 'USER_INPUT_CODE' },
  totp: {},
  emailVerification: { mode: 'OPTIONAL' },
  mfa: { firstFactors: ['emailpassword'] },
  devMode: true,
});
const server = await serve(backend, { port: apiPort, hostname: host });

console.log(`factorkit reference backend listening on ${server.url} (API at ${apiDomain}/auth)`);
console.log(`  database:   ${database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'PGlite in .data/pglite'}`);
console.log(`  dev outbox: ${apiDomain}/auth/dev/outbox  (OTP codes and verification links appear here)`);
console.log(`  website origin allowed by CORS: ${websiteDomain}`);
console.log('Press Ctrl+C to stop.');

const stop = async () => {
  await server.close();
  await backend.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
