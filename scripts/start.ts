/**
 * `npm start`: the reference backend on embedded PGlite under `.data/` (or PostgreSQL through
 * DATABASE_URL) in dev mode, the demo app, with a switch between the seed scenarios, and a local
 * OpenID provider for social sign-in.
 */
import { startDemo } from '../demo/server.ts';

const demo = await startDemo({
  apiPort: Number(process.env.API_PORT ?? 3001),
  webPort: Number(process.env.PORT ?? 3000),
  host: process.env.HOST ?? '127.0.0.1',
  databaseUrl: process.env.DATABASE_URL,
  idpPort: Number(process.env.IDP_PORT ?? 3002),
});

console.log(`factorkit demo:      ${demo.webUrl}`);
console.log(`reference backend:   ${demo.apiUrl}/auth  (scenario ${demo.scenario()}; switch in the demo)`);
console.log(`  database:          ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'PGlite in .data/pglite/<scenario>'}`);
console.log(`  dev outbox:        ${demo.apiUrl}/auth/dev/outbox  (OTP codes and verification links appear here)`);
console.log(`identity provider:   ${demo.idpUrl}  ("Continue with Demo ID": type any email address)`);
console.log('Press Ctrl+C to stop.');

const stop = async () => {
  await demo.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
