/**
 * Several backend processes on one PostgreSQL: `PUT /auth/mfa/info` (the request every protected
 * page makes) from 16 keep-alive connections spread over 1, 2 and 4 processes, each process the
 * reference backend on the same database (users, sessions, keys and limits all in PostgreSQL).
 * Needs a PostgreSQL server: `BENCH_DATABASE_URL`, or `TEST_DATABASE_URL` as
 * `scripts/with-postgres.sh` sets it; without one the section says so.
 */
import { createBackend, openDb } from '../src/server/index.ts';
import { load, percentile, round, startServer } from './server.ts';
import { makeSessions, seedUsers } from './seed.ts';

const PROCESS_COUNTS = [1, 2, 4];
const CONNECTIONS = 16;
const USERS = 10_000;
const SESSIONS = 400;
const DURATION_MS = 6000;

export interface ProcessesRow {
  processes: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  answers: Record<string, number>;
}

export type ProcessesResult = { rows: ProcessesRow[]; users: number; connections: number; durationMs: number; database: string } | { skipped: string };

export async function benchProcesses(): Promise<ProcessesResult> {
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) return { skipped: 'no PostgreSQL server (run `scripts/with-postgres.sh npm run bench -- processes`)' };
  const schema = `bench_${crypto.randomUUID().replace(/-/g, '')}`;
  const admin = await openDb({ kind: 'postgres', url, max: 1 });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  const withSchema = new URL(url);
  withSchema.searchParams.set('options', `-c search_path=${schema}`);
  const database = withSchema.toString();
  const rows: ProcessesRow[] = [];
  try {
    const seeder = await createBackend({ database: { kind: 'postgres', url: database, max: 4 }, appInfo: { appName: 'bench', apiDomain: 'http://127.0.0.1', websiteDomain: 'http://127.0.0.1' }, totp: {}, mfa: { firstFactors: ['emailpassword'] } });
    await seedUsers(seeder, USERS, { sessionUsers: SESSIONS, signInUsers: 0 });
    const sessions = await makeSessions(seeder, SESSIONS);
    await seeder.close();
    process.env.BENCH_DATABASE_URL = database;
    for (const count of PROCESS_COUNTS) {
      const servers = await Promise.all(Array.from({ length: count }, () => startServer(0, { sessionUsers: 0, signInUsers: 0 })));
      try {
        let next = 0;
        const runs = await Promise.all(
          servers.map((server) =>
            load(server.url, {
              connections: CONNECTIONS / count,
              durationMs: DURATION_MS,
              next: () => ({ method: 'PUT', path: '/mfa/info', body: '{}', token: sessions[next++ % sessions.length]!.accessToken }),
            }),
          ),
        );
        const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
        const answers: Record<string, number> = {};
        for (const r of runs) for (const [k, v] of Object.entries(r.answers)) answers[k] = (answers[k] ?? 0) + v;
        const requestsPerSecond = runs.reduce((sum, r) => sum + (r.completed / DURATION_MS) * 1000, 0);
        rows.push({ processes: count, requestsPerSecond: round(requestsPerSecond, 1), p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)), answers });
      } finally {
        for (const server of servers) server.stop();
      }
    }
  } finally {
    delete process.env.BENCH_DATABASE_URL;
    await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
    await admin.close();
  }
  return { rows, users: USERS, connections: CONNECTIONS, durationMs: DURATION_MS, database: 'PostgreSQL, one schema shared by every process' };
}

/** The Markdown section of bench/README.md. */
export function processesMarkdown(result: ProcessesResult): string {
  const head = ['## Several backend processes on one PostgreSQL (`bench/processes.ts`)', ''];
  if ('skipped' in result) return [...head, `Not measured: ${result.skipped}.`].join('\n');
  const one = result.rows[0]!.requestsPerSecond;
  return [
    ...head,
    `\`PUT /auth/mfa/info\` with ${result.connections} keep-alive connections spread evenly over the processes, ${result.durationMs / 1000} s after a 1 s warm-up; ${result.users.toLocaleString('en')} users; every process the reference backend on the same PostgreSQL (${result.database}). The load generator runs on the same machine.`,
    '',
    '| processes | req/s | × one process | p50 / p99 ms | answers |',
    '|---:|---:|---:|---:|---|',
    ...result.rows.map((r) => `| ${r.processes} | ${r.requestsPerSecond} | ${(r.requestsPerSecond / one).toFixed(2)} × | ${r.p50Ms} / ${r.p99Ms} | ${Object.entries(r.answers).map(([k, v]) => `${k} ${v}`).join(', ')} |`),
  ].join('\n');
}
