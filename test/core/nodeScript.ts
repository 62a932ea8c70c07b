/**
 * `factorkit/core` with its defaults in a plain Node process (test/core/node.test.ts runs it): signs up
 * against the reference backend over HTTP, then makes a second call with the session, and prints what
 * it saw. It must then exit on its own: nothing the client opened may keep Node alive.
 */
import { createAuthClient } from '../../src/core/index.ts';
import { createBackend, serve } from '../../src/server/index.ts';

const backend = await createBackend({
  appInfo: { appName: 'node', apiDomain: 'http://127.0.0.1', websiteDomain: 'http://127.0.0.1' },
  passwordHashing: { memorySize: 256, iterations: 1 },
});
const server = await serve(backend, { port: 0 });
const client = createAuthClient({ apiDomain: server.url });
const signedUp = await client.emailPassword.signUp({ email: 'node-script@example.com', password: 'password123' });
const info = await client.mfa.getInfo();
process.stdout.write(`${JSON.stringify({ transfer: client.config.tokenTransferMethod, signUp: signedUp.status, info: info.status, session: client.session.getSnapshot().status })}\n`);
await server.close();
await backend.close();
