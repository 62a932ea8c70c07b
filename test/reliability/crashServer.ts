/**
 * The reference backend on file-backed PGlite, for the crash test: `tsx crashServer.ts <dataDir>`.
 * Prints one JSON line `{"url": ...}` once it listens.
 */
import { createBackend, serve } from '../../src/server/index.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: crashServer.ts <dataDir>');
const backend = await createBackend({
  appInfo: { appName: 'crash test', apiDomain: 'http://127.0.0.1', websiteDomain: 'http://127.0.0.1' },
  database: { kind: 'pglite', dataDir },
  // Cheap hashing: the test is about the database, not the KDF.
  passwordHashing: { memorySize: 256, iterations: 1 },
});
const server = await serve(backend, { port: 0 });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
