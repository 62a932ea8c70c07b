/**
 * Reference-backend benchmark: requests/s and latency over loopback HTTP, and server CPU per request,
 * for email-password sign-in, TOTP verify, `PUT /mfa/info` and session refresh, each with 1k and 100k
 * users stored. Called by bench/run.ts.
 */
import { spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { TOTP, Secret } from 'otpauth';
import { createBackend, openDb, type Backend } from '../src/server/index.ts';
import type { Db } from '../src/server/db/Db.ts';
import { BENCH_PASSWORD, BENCH_TOTP_SECRET, benchEmail, CHEAP_HASH, makeSessions, seedUsers, SIGN_IN_HASH, type BenchSession } from './seed.ts';

export interface ServerBenchOptions {
  /** Users stored, one run each. @default [1000, 100000] */
  userCounts?: number[];
  /** Measured time per HTTP case (after a 1 s warm-up). @default 6000 */
  durationMs?: number;
  /** Concurrent keep-alive connections. @default 8 */
  connections?: number;
  /** Users with a session (the TOTP, MFA-info and refresh cases use them). @default 800 */
  sessionUsers?: number;
  /** Users signed in by the sign-in case (default argon2 parameters). @default 200 */
  signInUsers?: number;
}

export interface HttpCase {
  case: string;
  users: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Server process CPU (user + system) per request, HTTP handling included. */
  serverCpuMsPerRequest: number;
  /** What the answers were, e.g. `{ "INVALID_TOTP_ERROR": 3100 }`. */
  answers: Record<string, number>;
}

export interface InProcessCase {
  case: string;
  users: number;
  iterations: number;
  /** process.cpuUsage() (user + system) per `backend.fetch`, the embedded database included. */
  cpuMsPerRequest: number;
  wallMsPerRequest: number;
  /** SQL statements per request (transaction control not counted). */
  queriesPerRequest: number;
}

export interface ServerBenchResult {
  http: HttpCase[];
  inProcess: InProcessCase[];
  /** Hot queries whose plan, with the largest user count, scans a whole fk_ table (should be empty). */
  sequentialScans: { query: string; plan: string }[];
  settings: Required<ServerBenchOptions> & { warmUpMs: number; database: string; signInHash: typeof SIGN_IN_HASH; otherUsersHash: typeof CHEAP_HASH };
}

const WARM_UP_MS = 1000;
const HEADERS = { 'content-type': 'application/json', rid: 'anti-csrf', 'fdi-version': '3.1,4.0', 'st-auth-mode': 'header' };
export const signInBody = (i: number) => JSON.stringify({ formFields: [{ id: 'email', value: benchEmail(i) }, { id: 'password', value: BENCH_PASSWORD }] });
/** A code none of the current TOTP windows produce (checked per request would cost the client CPU). */
const WRONG_CODE = '000000';

interface Req {
  method: string;
  path: string;
  body?: string;
  token?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const round = (x: number, digits = 3) => Number(x.toFixed(digits));

/**
 * Fixed-connection closed-loop load: each connection sends its next request when the previous answer
 * arrives. `next` returns undefined when that connection has nothing left to send.
 */
export async function load(
  url: string,
  opts: { connections: number; durationMs: number; next: (conn: number) => Req | undefined; onAnswer?: (conn: number, headers: Record<string, string | string[] | undefined>) => void },
): Promise<{ latencies: number[]; elapsedMs: number; answers: Record<string, number>; completed: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.connections });
  const latencies: number[] = [];
  const answers: Record<string, number> = {};
  const start = performance.now();
  const measureFrom = start + WARM_UP_MS;
  const end = measureFrom + opts.durationMs;
  let lastDone = measureFrom;
  // Answers that arrived inside the window, whenever they were sent: the throughput (a long queue
  // would otherwise hide the requests sent during the warm-up and answered in the window).
  let completed = 0;
  const one = (req: Req, conn: number) =>
    new Promise<void>((resolve, reject) => {
      const headers: Record<string, string> = { ...HEADERS };
      if (req.token) headers.authorization = `Bearer ${req.token}`;
      const t0 = performance.now();
      const r = httpRequest(`${url}/auth${req.path}`, { method: req.method, headers, agent }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          const t1 = performance.now();
          if (t1 >= measureFrom && t1 <= end) completed++;
          if (t0 >= measureFrom && t1 <= end) {
            latencies.push(t1 - t0);
            lastDone = t1;
            let status = `HTTP ${res.statusCode}`;
            if (res.statusCode === 200) status = (JSON.parse(text) as { status?: string }).status ?? 'OK';
            answers[status] = (answers[status] ?? 0) + 1;
          }
          opts.onAnswer?.(conn, res.headers);
          resolve();
        });
      });
      r.on('error', reject);
      r.end(req.body);
    });
  await Promise.all(
    Array.from({ length: opts.connections }, async (_, conn) => {
      while (performance.now() < end) {
        const req = opts.next(conn);
        if (!req) return;
        await one(req, conn);
      }
    }),
  );
  agent.destroy();
  return { latencies, elapsedMs: Math.max(1, Math.min(end, lastDone) - measureFrom), answers, completed };
}

export async function startServer(
  users: number,
  o: Pick<Required<ServerBenchOptions>, 'sessionUsers' | 'signInUsers'>,
  hashWorkers?: number,
): Promise<{ url: string; sessions: BenchSession[]; stop: () => void }> {
  const script = new URL('./serverProcess.ts', import.meta.url).pathname;
  const args = [String(users), String(o.sessionUsers), String(o.signInUsers), ...(hashWorkers === undefined ? [] : [String(hashWorkers)])];
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{') && out.includes('\n'));
      if (line) {
        const ready = JSON.parse(line) as { url: string; sessions: BenchSession[] };
        resolve({ ...ready, stop: () => void child.kill('SIGKILL') });
      }
    });
    child.on('exit', (code) => reject(new Error(`bench server exited (${code}) before it was ready`)));
  });
}

async function serverCpuMs(url: string): Promise<number> {
  const r = (await (await fetch(`${url}/__bench/cpu`)).json()) as { user: number; system: number };
  return (r.user + r.system) / 1000;
}

async function httpCases(users: number, o: Required<ServerBenchOptions>): Promise<HttpCase[]> {
  const { url, sessions, stop } = await startServer(users, o);
  const out: HttpCase[] = [];
  try {
    const measure = async (name: string, next: (conn: number) => Req | undefined, onAnswer?: Parameters<typeof load>[1]['onAnswer']) => {
      const cpu0 = await serverCpuMs(url);
      const r = await load(url, { connections: o.connections, durationMs: o.durationMs, next, onAnswer });
      const cpu1 = await serverCpuMs(url);
      const sorted = [...r.latencies].sort((a, b) => a - b);
      const total = Object.values(r.answers).reduce((a, b) => a + b, 0);
      out.push({
        case: name,
        users,
        requests: sorted.length,
        requestsPerSecond: round((r.completed / r.elapsedMs) * 1000, 1),
        p50Ms: round(percentile(sorted, 50)),
        p99Ms: round(percentile(sorted, 99)),
        // Includes the warm-up's requests: CPU is read around the whole run, so divide by all sent.
        serverCpuMsPerRequest: NaN,
        answers: r.answers,
      });
      const last = out[out.length - 1]!;
      last.serverCpuMsPerRequest = round((cpu1 - cpu0) / Math.max(1, sent.count), 3);
      void total;
      sent.count = 0;
    };
    const sent = { count: 0 };
    const counted = (f: (conn: number) => Req | undefined) => (conn: number) => {
      const req = f(conn);
      if (req) sent.count++;
      return req;
    };

    let signInNext = 0;
    await measure(
      'email-password sign-in',
      counted(() => ({ method: 'POST', path: '/signin', body: signInBody(o.sessionUsers + 1 + (signInNext++ % o.signInUsers)) })),
    );

    let infoNext = 0;
    await measure('PUT /mfa/info', counted(() => ({ method: 'PUT', path: '/mfa/info', token: sessions[infoNext++ % sessions.length]!.accessToken })));

    // Four wrong guesses per user at most, so no one reaches the lockout and every request takes the full verify path.
    const guesses = new Array<number>(sessions.length).fill(0);
    let totpNext = 0;
    await measure(
      'TOTP verify (wrong code)',
      counted(() => {
        for (let tries = 0; tries < sessions.length; tries++) {
          const i = totpNext++ % sessions.length;
          if (guesses[i]! < 4) {
            guesses[i]!++;
            return { method: 'POST', path: '/totp/verify', body: JSON.stringify({ totp: WRONG_CODE }), token: sessions[i]!.accessToken };
          }
        }
        return undefined;
      }),
    );

    // Each connection rotates its own sessions' refresh tokens (sharing one would be reuse, i.e. theft).
    const mine = Array.from({ length: o.connections }, (_, c) => sessions.map((s, i) => ({ s, i })).filter(({ i }) => i % o.connections === c).map(({ s }) => s));
    const cursor = new Array<number>(o.connections).fill(0);
    const inFlight = new Array<BenchSession | undefined>(o.connections);
    await measure(
      'session refresh',
      counted((conn) => {
        const list = mine[conn]!;
        const s = list[cursor[conn]!++ % list.length]!;
        inFlight[conn] = s;
        return { method: 'POST', path: '/session/refresh', token: s.refreshToken };
      }),
      (conn, headers) => {
        const rt = headers['st-refresh-token'];
        const at = headers['st-access-token'];
        if (typeof rt === 'string' && inFlight[conn]) inFlight[conn]!.refreshToken = rt;
        if (typeof at === 'string' && inFlight[conn]) inFlight[conn]!.accessToken = at;
      },
    );
  } finally {
    stop();
  }
  return out;
}

async function inProcessCases(users: number, o: Required<ServerBenchOptions>): Promise<{ cases: InProcessCase[]; scans: ServerBenchResult['sequentialScans'] }> {
  // The same in-memory PGlite the backend would open, with a counter of the statements it runs.
  const inner = await openDb({ kind: 'memory' });
  const counter = { queries: 0 };
  const counted: Db = {
    ...inner,
    kind: inner.kind,
    query: (sql, params) => (counter.queries++, inner.query(sql, params)),
    transaction: (fn) => inner.transaction((tx) => fn({ query: (sql, params) => (counter.queries++, tx.query(sql, params)) })),
  };
  const backend = await createBackend({
    appInfo: { appName: 'bench', apiDomain: 'http://127.0.0.1', websiteDomain: 'http://127.0.0.1' },
    database: counted,
    totp: {},
    mfa: { firstFactors: ['emailpassword'] },
  });
  try {
    await seedUsers(backend, users, { sessionUsers: o.sessionUsers, signInUsers: o.signInUsers });
    const sessions = await makeSessions(backend, o.sessionUsers);
    const cases: InProcessCase[] = [];
    const send = (req: Req) => {
      const headers: Record<string, string> = { ...HEADERS };
      if (req.token) headers.authorization = `Bearer ${req.token}`;
      return backend.fetch(new Request(`http://127.0.0.1/auth${req.path}`, { method: req.method, headers, body: req.body }));
    };
    const loop = async (name: string, iterations: number, make: (i: number) => Req, check: (r: Response, i: number) => Promise<void>) => {
      for (let i = 0; i < Math.min(20, iterations); i++) await check(await send(make(iterations + i)), iterations + i); // warm-up
      const q0 = counter.queries;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      for (let i = 0; i < iterations; i++) await check(await send(make(i)), i);
      const wall = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      cases.push({ case: name, users, iterations, cpuMsPerRequest: round((cpu.user + cpu.system) / 1000 / iterations), wallMsPerRequest: round(wall / iterations), queriesPerRequest: round((counter.queries - q0) / iterations, 1) });
    };
    const expectStatus = (status: string) => async (r: Response) => {
      const body = (await r.json()) as { status?: string };
      if (r.status !== 200 || (body.status ?? 'OK') !== status) throw new Error(`expected ${status}, got ${r.status} ${JSON.stringify(body)}`);
    };
    const n = o.sessionUsers;
    // Warm-ups use sessions from the other end of the list, so the measured ones are fresh.
    await loop('email-password sign-in', 20, (i) => ({ method: 'POST', path: '/signin', body: signInBody(o.sessionUsers + 1 + (i % o.signInUsers)) }), expectStatus('OK'));
    await loop('PUT /mfa/info', 2000, (i) => ({ method: 'PUT', path: '/mfa/info', token: sessions[i % n]!.accessToken }), expectStatus('OK'));
    // Sessions [0, n/2): wrong codes, at most 4 each; [n/2, n): one correct code each (replay forbids a second).
    const half = Math.floor(n / 2);
    await loop('TOTP verify (wrong code)', Math.min(2000, half * 4 - 20), (i) => ({ method: 'POST', path: '/totp/verify', body: JSON.stringify({ totp: WRONG_CODE }), token: sessions[i % half]!.accessToken }), expectStatus('INVALID_TOTP_ERROR'));
    const totp = new TOTP({ secret: Secret.fromBase32(BENCH_TOTP_SECRET), algorithm: 'SHA1', digits: 6, period: 30 });
    await loop('TOTP verify (correct code)', n - half - 20, (i) => ({ method: 'POST', path: '/totp/verify', body: JSON.stringify({ totp: totp.generate() }), token: sessions[half + (i % (n - half))]!.accessToken }), expectStatus('OK'));
    await loop(
      'session refresh',
      2000,
      (i) => ({ method: 'POST', path: '/session/refresh', token: sessions[i % n]!.refreshToken }),
      async (r, i) => {
        await expectStatus('OK')(r);
        sessions[i % n]!.refreshToken = r.headers.get('st-refresh-token')!;
      },
    );
    return { cases, scans: await sequentialScans(backend) };
  } finally {
    await backend.close();
  }
}

/** The queries on the measured paths whose plans read a whole fk_ table. */
async function sequentialScans(backend: Backend): Promise<ServerBenchResult['sequentialScans']> {
  const u = 'bench-5';
  const queries: [string, unknown[]][] = [
    ["SELECT recipe_user_id, user_id, password_hash FROM fk_login_methods WHERE tenant_id = $1 AND recipe_id = $2 AND email = $3", ['public', 'emailpassword', benchEmail(5)]],
    ['SELECT * FROM fk_login_methods lm JOIN fk_users u ON u.user_id = lm.user_id WHERE lm.user_id = COALESCE((SELECT user_id FROM fk_login_methods WHERE recipe_user_id = $1), $1)', [u]],
    ['SELECT 1 FROM fk_verified_emails v WHERE v.recipe_user_id = $1 AND v.email = $2', [u, benchEmail(5)]],
    ['SELECT user_id, recipe_user_id, tenant_id, expires_at FROM fk_sessions WHERE session_handle = $1', ['seed-5']],
    ['SELECT t.rotated, s.* FROM fk_refresh_tokens t LEFT JOIN fk_sessions s ON s.session_handle = t.session_handle WHERE t.token_hash = $1 FOR UPDATE OF t', ['x']],
    ['SELECT device_name, secret, period, skew, verified FROM fk_totp_devices WHERE user_id = $1 ORDER BY created_at', [u]],
    ['SELECT 1 FROM fk_totp_devices d WHERE d.user_id = $1 AND d.verified', [u]],
    ['DELETE FROM fk_totp_attempts WHERE user_id = $1 AND tenant_id = $2 AND created_at < $3 AND expires_at < $4', [u, 'public', 0, 0]],
    ['SELECT is_valid, created_at FROM fk_totp_attempts WHERE user_id = $1 AND tenant_id = $2 AND created_at > $3 ORDER BY id DESC LIMIT $4', [u, 'public', 0, 5]],
    ['SELECT 1 FROM fk_totp_attempts WHERE user_id = $1 AND tenant_id = $2 AND code = $3 AND is_valid AND expires_at > $4', [u, 'public', '123456', 0]],
    ['INSERT INTO fk_totp_locks (user_id, tenant_id) VALUES ($1, $2) ON CONFLICT (user_id, tenant_id) DO UPDATE SET user_id = EXCLUDED.user_id', [u, 'public']],
    ['SELECT (SELECT metadata FROM fk_user_metadata WHERE user_id = $1) AS metadata, (SELECT required_secondary_factors FROM fk_tenants WHERE tenant_id = $2) AS tenant_required', [u, 'public']],
    ['SELECT role FROM fk_user_roles WHERE tenant_id = $1 AND user_id = $2 ORDER BY role', ['public', u]],
  ];
  const out: ServerBenchResult['sequentialScans'] = [];
  for (const [sql, params] of queries) {
    const rows = await backend.db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    if (/Seq Scan on fk_(?!tenants)/.test(plan)) out.push({ query: sql, plan });
  }
  return out;
}

/** Runs the server benchmark. Slow by design (about a minute per user count). */
export async function benchServer(options: ServerBenchOptions = {}): Promise<ServerBenchResult> {
  const o: Required<ServerBenchOptions> = {
    userCounts: options.userCounts ?? [1000, 100_000],
    durationMs: options.durationMs ?? 6000,
    connections: options.connections ?? 8,
    sessionUsers: options.sessionUsers ?? 800,
    signInUsers: options.signInUsers ?? 200,
  };
  const http: HttpCase[] = [];
  const inProcess: InProcessCase[] = [];
  let sequential: ServerBenchResult['sequentialScans'] = [];
  for (const users of o.userCounts) {
    process.stderr.write(`server bench: ${users} users, in-process loop\n`);
    const { cases, scans } = await inProcessCases(users, o);
    inProcess.push(...cases);
    sequential = scans;
    process.stderr.write(`server bench: ${users} users, HTTP load\n`);
    http.push(...(await httpCases(users, o)));
  }
  return { http, inProcess, sequentialScans: sequential, settings: { ...o, warmUpMs: WARM_UP_MS, database: 'PGlite in memory, in the server process', signInHash: SIGN_IN_HASH, otherUsersHash: CHEAP_HASH } };
}

/** The result as Markdown tables, comparing user counts side by side. */
export function serverMarkdown(r: ServerBenchResult): string {
  const counts = r.settings.userCounts;
  const k = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));
  const names = [...new Set(r.http.map((c) => c.case))];
  const lines = [
    '## Reference backend (`bench/server.ts`)',
    '',
    `Loopback HTTP, ${r.settings.connections} keep-alive connections, ${r.settings.durationMs / 1000} s per case after a ${r.settings.warmUpMs / 1000} s warm-up; server in its own process on ${r.settings.database}. ` +
      `Sign-in users' hashes: argon2id m=${r.settings.signInHash.memorySize} KiB, t=${r.settings.signInHash.iterations}, p=${r.settings.signInHash.parallelism} (the backend's defaults); ` +
      `the other seeded users: m=${r.settings.otherUsersHash.memorySize} KiB, t=${r.settings.otherUsersHash.iterations}. TOTP verify sends a wrong code, at most 4 per user (no lockout, full verify path).`,
    '',
    `| case | ${counts.map((c) => `req/s (${k(c)} users)`).join(' | ')} | ${counts.map((c) => `p50 / p99 ms (${k(c)})`).join(' | ')} | ${counts.map((c) => `server CPU ms/req (${k(c)})`).join(' | ')} |`,
    `|---|${counts.map(() => '---:').join('|')}|${counts.map(() => '---:').join('|')}|${counts.map(() => '---:').join('|')}|`,
  ];
  for (const name of names) {
    const at = (users: number) => r.http.find((c) => c.case === name && c.users === users);
    lines.push(
      `| ${name} | ${counts.map((u) => at(u)?.requestsPerSecond ?? '–').join(' | ')} | ${counts.map((u) => (at(u) ? `${at(u)!.p50Ms} / ${at(u)!.p99Ms}` : '–')).join(' | ')} | ${counts.map((u) => at(u)?.serverCpuMsPerRequest ?? '–').join(' | ')} |`,
    );
  }
  lines.push('', 'Server CPU per request, in-process (`process.cpuUsage()` around a sequential `backend.fetch` loop; the embedded database included):', '');
  lines.push(`| case | ${counts.map((c) => `CPU ms/req (${k(c)})`).join(' | ')} | ${counts.map((c) => `wall ms/req (${k(c)})`).join(' | ')} | SQL statements/req | iterations |`);
  lines.push(`|---|${counts.map(() => '---:').join('|')}|${counts.map(() => '---:').join('|')}|---:|---:|`);
  for (const name of [...new Set(r.inProcess.map((c) => c.case))]) {
    const at = (users: number) => r.inProcess.find((c) => c.case === name && c.users === users);
    lines.push(`| ${name} | ${counts.map((u) => at(u)?.cpuMsPerRequest ?? '–').join(' | ')} | ${counts.map((u) => at(u)?.wallMsPerRequest ?? '–').join(' | ')} | ${at(counts[0]!)?.queriesPerRequest ?? '–'} | ${at(counts[0]!)?.iterations ?? '–'} |`);
  }
  lines.push('', r.sequentialScans.length === 0 ? `Query plans with ${k(Math.max(...counts))} users: no sequential scan of a user-sized table on these paths.` : `Sequential scans found with ${k(Math.max(...counts))} users:\n\n${r.sequentialScans.map((s) => `- \`${s.query}\``).join('\n')}`);
  return lines.join('\n');
}
