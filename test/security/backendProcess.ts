/**
 * One reference backend process on a PostgreSQL database, for the shared-limits test:
 * `tsx backendProcess.ts <databaseUrl>`. Trusts `x-test-client-ip` for the client address, as an app
 * behind its proxy would trust X-Forwarded-For. Prints one JSON line `{"url": ...}` once it listens.
 */
import { createBackend, serve } from '../../src/server/index.ts';

const url = process.argv[2];
if (!url) throw new Error('usage: backendProcess.ts <databaseUrl>');
const backend = await createBackend({
  appInfo: { appName: 'Demo App', apiDomain: 'http://api.test', websiteDomain: 'http://app.test' },
  database: { kind: 'postgres', url, max: 4 },
  passwordless: { contactMethod: 'EMAIL_OR_PHONE', flowType: 'USER_INPUT_CODE' },
  totp: {},
  passwordHashing: { memorySize: 256, iterations: 1 },
  clientAddress: (request, remote) => request.headers.get('x-test-client-ip') ?? remote,
});
const server = await serve(backend, { port: 0 });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
