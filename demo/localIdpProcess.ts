/** Runs the local OpenID provider (localIdp.ts) in this process; prints `{issuer, providers}` as one JSON line. */
import { startLocalIdp } from './localIdp.ts';

const idp = await startLocalIdp(JSON.parse(process.argv[2] ?? '{}') as Parameters<typeof startLocalIdp>[0]);
process.stdout.write(`${JSON.stringify({ issuer: idp.issuer, providers: idp.providers })}\n`);
process.on('SIGTERM', () => void idp.close().then(() => process.exit(0)));
