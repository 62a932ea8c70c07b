/**
 * A sign-in flood against the rest of the API (SECURITY.md, finding 4): the p99 of `PUT /auth/mfa/info`
 * while 32 sign-ins are in flight, with Argon2 on the event loop (as before the worker pool) and in
 * worker threads (now). Each mode runs in its own server process, over loopback HTTP, in one run, so
 * the two are compared on the same machine at the same time. Called by bench/run.ts.
 */
import { cpus } from 'node:os';
import { load, percentile, round, signInBody, startServer } from './server.ts';

export interface FloodMode {
  mode: string;
  hashWorkers: number;
  /** `PUT /mfa/info` from one connection, nothing else running. */
  idle: { requests: number; p50Ms: number; p99Ms: number };
  /** The same, while 32 connections sign in back to back. */
  flood: { requests: number; p50Ms: number; p99Ms: number; signIns: number; signInsPerSecond: number; signInAnswers: Record<string, number> };
  /** flood p99 / idle p99 of `PUT /mfa/info`. */
  p99Ratio: number;
  /** Sign-ins per second with the same 32 connections and nothing else running. */
  signInsAlonePerSecond: number;
}

export interface FloodResult {
  modes: FloodMode[];
  settings: { signInsInFlight: number; durationMs: number; cores: number; hash: string };
}

const SIGN_INS_IN_FLIGHT = 32;
const DURATION_MS = 6000;
const SESSION_USERS = 20;

async function runMode(mode: string, hashWorkers: number): Promise<FloodMode> {
  const { url, sessions, stop } = await startServer(2000, { sessionUsers: SESSION_USERS, signInUsers: SIGN_INS_IN_FLIGHT }, hashWorkers);
  try {
    let info = 0;
    const infoNext = () => ({ method: 'PUT', path: '/mfa/info', token: sessions[info++ % sessions.length]!.accessToken });
    const idle = await load(url, { connections: 1, durationMs: DURATION_MS / 2, next: infoNext });
    // One user per sign-in connection: the per-account limits never come into it.
    const [flood, signIns] = await Promise.all([
      load(url, { connections: 1, durationMs: DURATION_MS, next: infoNext }),
      load(url, { connections: SIGN_INS_IN_FLIGHT, durationMs: DURATION_MS, next: (conn) => ({ method: 'POST', path: '/signin', body: signInBody(SESSION_USERS + 1 + conn) }) }),
    ]);
    const alone = await load(url, { connections: SIGN_INS_IN_FLIGHT, durationMs: DURATION_MS / 2, next: (conn) => ({ method: 'POST', path: '/signin', body: signInBody(SESSION_USERS + 1 + conn) }) });
    const stats = (latencies: number[]) => {
      const sorted = [...latencies].sort((a, b) => a - b);
      return { requests: sorted.length, p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)) };
    };
    const idleStats = stats(idle.latencies);
    const floodStats = stats(flood.latencies);
    return {
      mode,
      hashWorkers,
      idle: idleStats,
      flood: { ...floodStats, signIns: signIns.completed, signInsPerSecond: round((signIns.completed / signIns.elapsedMs) * 1000, 1), signInAnswers: signIns.answers },
      p99Ratio: round(floodStats.p99Ms / idleStats.p99Ms, 1),
      signInsAlonePerSecond: round((alone.completed / alone.elapsedMs) * 1000, 1),
    };
  } finally {
    stop();
  }
}

export async function benchFlood(): Promise<FloodResult> {
  const cores = cpus().length;
  // The default leaves the event loop a core of its own: cores − 1 workers (at least one).
  const modes = [
    await runMode('Argon2 on the event loop (before)', 0),
    await runMode('Argon2 in worker threads, one per core', cores),
    await runMode('Argon2 in worker threads, cores − 1 (the default, now)', Math.max(1, cores - 1)),
  ];
  return { modes, settings: { signInsInFlight: SIGN_INS_IN_FLIGHT, durationMs: DURATION_MS, cores, hash: 'argon2id m=19456 KiB, t=2, p=1 (the defaults)' } };
}

export function floodMarkdown(r: FloodResult): string {
  const lines = [
    '## A sign-in flood against the rest of the API (`bench/flood.ts`)',
    '',
    `\`PUT /auth/mfa/info\` from one connection, first alone, then while ${r.settings.signInsInFlight} connections sign in back to back (${r.settings.hash}), ${r.settings.durationMs / 1000} s each, ` +
      `over loopback HTTP to a server process of its own per mode, on ${r.settings.cores} cores. Before the worker pool, Argon2 ran on the event loop and every other request waited behind it.`,
    '',
    '| mode | hash workers | mfa/info p50 / p99 ms alone | mfa/info p50 / p99 ms in the flood | p99 flood ÷ alone | sign-ins/s in the flood | sign-ins/s alone |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...r.modes.map((m) => `| ${m.mode} | ${m.hashWorkers} | ${m.idle.p50Ms} / ${m.idle.p99Ms} | ${m.flood.p50Ms} / ${m.flood.p99Ms} | ${m.p99Ratio} | ${m.flood.signInsPerSecond} | ${m.signInsAlonePerSecond} |`),
  ];
  const before = r.modes[0];
  const after = r.modes.at(-1);
  if (before && after) lines.push('', `The flood's p99 of \`PUT /mfa/info\`: ${before.flood.p99Ms} ms before, ${after.flood.p99Ms} ms now (${round(before.flood.p99Ms / after.flood.p99Ms, 1)} × lower).`);
  return lines.join('\n');
}
