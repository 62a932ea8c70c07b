/**
 * `npm run bench [-- <name>...]`: runs the benchmarks (all, or the named ones), writes each result to
 * bench/results/<name>.json and its Markdown section to bench/results/<name>.md, then rebuilds
 * bench/README.md from every section on disk. Add a benchmark by adding an entry to BENCHES.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { execFileSync } from 'node:child_process';
import { benchBundles, bundleMarkdown } from './bundle.ts';
import { benchFirstForm, firstFormMarkdown } from './firstForm.ts';
import { benchFlood, floodMarkdown } from './flood.ts';
import { benchInstall, installMarkdown } from './install.ts';
import { benchProcesses, processesMarkdown } from './processes.ts';
import { writeReadmeTable } from './readmeTable.ts';
import { benchServer, serverMarkdown } from './server.ts';

interface Bench {
  name: string;
  run(): Promise<{ json: unknown; markdown: string }>;
}

const app = (name: string) => new URL(`./apps/${name}.tsx`, import.meta.url).pathname;

const BENCHES: Bench[] = [
  {
    name: 'flows',
    async run() {
      // Real screens in jsdom against the in-process backend; the test file writes the raw counts.
      execFileSync('npx', ['vitest', 'run', '--config', 'bench/flows/vitest.config.ts'], { stdio: 'inherit' });
      const raw = JSON.parse(readFileSync(new URL('./results/flows.raw.json', import.meta.url), 'utf8')) as FlowCounts;
      return { json: raw, markdown: flowsMarkdown(raw) };
    },
  },
  {
    name: 'bundle',
    async run() {
      const result = await benchBundles({ base: app('base'), factorkit: app('factorkit'), supertokensAll: app('supertokensAll'), supertokens: app('supertokens') });
      return { json: result, markdown: bundleMarkdown(result) };
    },
  },
  {
    name: 'first-form',
    async run() {
      const result = await benchFirstForm();
      return { json: result, markdown: firstFormMarkdown(result) };
    },
  },
  {
    name: 'install',
    async run() {
      const result = await benchInstall();
      return { json: result, markdown: installMarkdown(result) };
    },
  },
  {
    name: 'server',
    async run() {
      const result = await benchServer();
      return { json: result, markdown: serverMarkdown(result) };
    },
  },
  {
    name: 'processes',
    async run() {
      const result = await benchProcesses();
      return { json: result, markdown: processesMarkdown(result) };
    },
  },
  {
    name: 'flood',
    async run() {
      const result = await benchFlood();
      return { json: result, markdown: floodMarkdown(result) };
    },
  },
];

interface FlowCounts {
  completeSessionOpensProtectedPage: { requests: string[] };
  signInWithTotp: { requests: string[] };
  signInWithEmailOtp: { requests: string[] };
  otpRendersPerKeystroke: { perKeystroke: number[] };
}

function flowsMarkdown(raw: FlowCounts): string {
  const row = (what: string, requests: string[], target: string) => `| ${what} | ${requests.length} | ${target} | ${requests.map((r) => `\`${r}\``).join(', ') || '–'} |`;
  return [
    '## Requests and renders',
    '',
    'The pre-built screens in jsdom, driven by Testing Library, against the reference backend in-process (`bench/flows/flows.bench.test.tsx`). Auth requests counted from the first user action to the protected page rendering.',
    '',
    '| flow | auth requests | target | requests |',
    '|---|---|---|---|',
    row('open a protected page with a complete session', raw.completeSessionOpensProtectedPage.requests, '0'),
    row('sign-in + TOTP, to the protected page', raw.signInWithTotp.requests, '≤ 3'),
    row('sign-in + email OTP, to the protected page', raw.signInWithEmailOtp.requests, '–'),
    '',
    `React commits of the whole app per digit typed into the OTP screen: ${raw.otpRendersPerKeystroke.perKeystroke.join(', ')} (one commit per digit after the first).`,
  ].join('\n');
}

const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !BENCHES.some((b) => b.name === w));
if (unknown.length > 0) throw new Error(`unknown bench: ${unknown.join(', ')} (have: ${BENCHES.map((b) => b.name).join(', ')})`);

const machine = {
  date: new Date().toISOString(),
  cpu: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  os: `${platform()} ${release()}`,
  node: process.version,
};

for (const bench of BENCHES.filter((b) => wanted.length === 0 || wanted.includes(b.name))) {
  process.stderr.write(`bench: ${bench.name}\n`);
  const { json, markdown } = await bench.run();
  writeFileSync(new URL(`${bench.name}.json`, dir), `${JSON.stringify({ machine, result: json }, null, 2)}\n`);
  const stamp = `_Measured ${machine.date.slice(0, 10)} on ${machine.cpu}, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}._`;
  writeFileSync(new URL(`${bench.name}.md`, dir), `${markdown}\n\n${stamp}\n`);
}

const sections = BENCHES.map((b) => new URL(`${b.name}.md`, dir))
  .filter((u) => existsSync(u))
  .map((u) => readFileSync(u, 'utf8').trim());
writeFileSync(
  new URL('./README.md', import.meta.url),
  `# Benchmarks\n\nGenerated by \`npm run bench\` (\`bench/run.ts\`); raw figures in \`bench/results/*.json\`. Do not edit by hand.\n\n${sections.join('\n\n')}\n`,
);
writeReadmeTable();
// Some benches leave handles behind (a database pool's idle timer, a hash worker): the figures are written, so end here.
process.exit(0);
