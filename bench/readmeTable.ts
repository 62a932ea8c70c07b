/**
 * The README's performance table, written from bench/results/*.json between the markers
 * `<!-- bench:start -->` and `<!-- bench:end -->` (bench/run.ts calls it after every run).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const results = new URL('./results/', import.meta.url);
const read = (name: string): Json | undefined => {
  const file = new URL(`${name}.json`, results);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Json) : undefined;
};
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(0)} %`;

/** The table's Markdown, from whatever results exist. */
export function performanceTable(): string {
  const rows: string[] = [];
  const firstForm = read('first-form')?.result as Json | undefined;
  if (firstForm) {
    const { control, factorkit, supertokens } = firstForm.apps as Record<string, Json>;
    rows.push(`| Sign-in form on screen, Chromium, cold (median) | ${factorkit!.medianMs.toFixed(0)} ms, ${factorkit!.ratioToControl.toFixed(2)} × a hand-written form (${control!.medianMs.toFixed(0)} ms); no request before it | ${supertokens!.medianMs.toFixed(0)} ms, ${supertokens!.ratioToControl.toFixed(2)} × | ≤ 1.2 × |`);
    rows.push(`| JS heap after the sign-in page loads | ${(factorkit!.medianHeapBytes / 2 ** 20).toFixed(2)} MiB (hand-written: ${(control!.medianHeapBytes / 2 ** 20).toFixed(2)} MiB) | ${(supertokens!.medianHeapBytes / 2 ** 20).toFixed(2)} MiB | – |`);
    rows.push(`| Layout shift (CLS, worst run) | ${factorkit!.maxCls} | ${supertokens!.maxCls} | 0 |`);
  }
  const bundle = read('bundle')?.result as Json | undefined;
  if (bundle) {
    const fk = bundle.apps.factorkit as Json;
    const st = (bundle.apps.supertokensAll ?? bundle.apps.supertokens) as Json;
    const few = bundle.apps.supertokens as Json;
    const oneLanguage = fk.added.total.gzip - (fk.otherLanguages?.gzip ?? 0);
    const fewer = (bytes: number, of: 'initial' | 'total') => (bundle.apps.supertokensAll ? ` (${pct(bytes, few.added[of].gzip)} of the anchor without social sign-in and passkeys, ${kib(few.added[of].gzip)})` : '');
    rows.push(`| JS + CSS added on first load (gzip); anchor with the same sign-in methods | ${kib(fk.added.initial.gzip)}, ${pct(fk.added.initial.gzip, st.added.initial.gzip)} of the anchor${fewer(fk.added.initial.gzip, 'initial')} | ${kib(st.added.initial.gzip)} | ≤ 15 % |`);
    rows.push(`| Everything, on-demand code and all four languages included (gzip) | ${kib(fk.added.total.gzip)}, ${pct(fk.added.total.gzip, st.added.total.gzip)}${fewer(fk.added.total.gzip, 'total')} | ${kib(st.added.total.gzip)} | ≤ 20 % |`);
    rows.push(`| Everything a person can fetch (one language) | ${kib(oneLanguage)}, ${pct(oneLanguage, st.added.total.gzip)} | ${kib(st.added.total.gzip)} | – |`);
    if (bundle.passkeys) rows.push(`| Passkeys on first load (gzip) | ${kib(bundle.passkeys.initial.gzip)} | – | < 2 KiB |`);
  }
  const install = read('install')?.result as Json | undefined;
  if (install) rows.push(`| UI install beyond React and the router | ${(install.factorkit.bytes / 1e6).toFixed(2)} MB | ${(install.supertokensAuthReact.bytes / 1e6).toFixed(2)} MB | – |`);
  const server = read('server')?.result as Json | undefined;
  if (server) {
    const cpu = (name: string) => (server.inProcess as Json[]).filter((c) => c.case === name).sort((a, b) => b.users - a.users)[0];
    for (const name of ['PUT /mfa/info', 'TOTP verify (wrong code)']) {
      const c = cpu(name);
      if (c) rows.push(`| ${name}: server CPU per request, in process, PGlite, ${c.users.toLocaleString('en')} users | ${c.cpuMsPerRequest} ms (${c.queriesPerRequest} SQL statements) | – | ≤ 1 ms |`);
    }
  }
  const flood = read('flood')?.result as Json | undefined;
  if (flood) {
    const before = (flood.modes as Json[])[0]!;
    const now = (flood.modes as Json[]).at(-1)!;
    rows.push(`| p99 of \`PUT /mfa/info\` during a sign-in flood | ${now.flood.p99Ms} ms (${now.p99Ratio} × alone; Argon2 in worker threads) | ${before.flood.p99Ms} ms with Argon2 on the event loop | flat |`);
  }
  const processes = read('processes')?.result as Json | undefined;
  if (processes && !('skipped' in processes)) rows.push(`| \`PUT /mfa/info\` req/s with 1, 2, 4 processes on one PostgreSQL | ${(processes.rows as Json[]).map((r) => r.requestsPerSecond).join(' / ')} | – | grows with processes |`);
  const machine = (read('first-form') ?? read('bundle') ?? read('server'))?.machine as Json | undefined;
  return [
    '| measure | factorkit | supertokens-auth-react (anchor) | target |',
    '|---|---|---|---|',
    ...rows,
    '',
    `From \`npm run bench\` (every figure and how it is measured: [bench/README.md](bench/README.md))${machine ? `, on ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}` : ''}.`,
  ].join('\n');
}

/** Rewrites the table in README.md between its markers. */
export function writeReadmeTable(readme = new URL('../README.md', import.meta.url)): void {
  const text = readFileSync(readme, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error('README.md has no <!-- bench:start --> … <!-- bench:end --> markers');
  writeFileSync(readme, `${text.slice(0, a + start.length)}\n${performanceTable()}\n${text.slice(b)}`);
}
