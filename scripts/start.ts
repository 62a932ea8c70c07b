/**
 * `npm start`: the reference backend on embedded PGlite under `.data/` (or PostgreSQL through
 * DATABASE_URL) in dev mode, and the demo app, with a switch between the seed scenarios.
 */
import { startDemo } from '../demo/server.ts';

const demo = await startDemo({
  apiPort: Number(process.env.API_PORT ?? 3001),
  webPort: Number(process.env.PORT ?? 3000),
  host: process.env.HOST ?? '127.0.0.1',
  databaseUrl: process.env.DATABASE_URL,
});

console.log(`factorkit demo:      ${demo.webUrl}`);
console.log(`reference backend:   ${demo.apiUrl}/auth  (scenario ${demo.scenario()}; switch in the demo)`);
console.log(`  database:          ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'PGlite in .data/pglite/<scenario>'}`);
console.log(`  dev outbox:        ${demo.apiUrl}/auth/dev/outbox  (OTP codes and verification links appear here)`);
console.log('Press Ctrl+C to stop.');

const stop = async () => {
  await demo.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
