/**
 * The first form in Chromium: how long after navigation the sign-in form (its password field) is on
 * screen, for a hand-written form (`control`), factorkit and supertokens-auth-react, each the bench's
 * own app built by the same Vite and served from loopback, the reference backend behind all three.
 * Every run is a fresh browser context (cold cache), the apps interleaved; per app the median and
 * the ratio to the control, the auth requests made before the form showed, the JS heap after load
 * (after a garbage collection), and the cumulative layout shift in the second after the form.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { build, type Rollup } from 'vite';
import { createBackend, serve } from '../src/server/index.ts';

const APPS = ['control', 'factorkit', 'supertokens'] as const;
type AppName = (typeof APPS)[number];
const RUNS = Number(process.env.BENCH_FIRST_FORM_RUNS ?? 41);
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--host-resolver-rules=MAP localhost 127.0.0.1'];

export interface FirstFormRun {
  formMs: number;
  requestsBeforeForm: string[];
  heapBytes: number;
  cls: number;
}

export interface FirstFormResult {
  runs: number;
  apps: Record<
    AppName,
    {
      medianMs: number;
      /** The middle half of the runs: 25th and 75th percentile. */
      quartilesMs: [number, number];
      ratioToControl: number;
      /** The ratio from the first half of the rounds alone, and from the second: how much it moves within one run. */
      halvesRatioToControl: [number, number];
      medianHeapBytes: number;
      maxCls: number;
      requestsBeforeForm: string[];
      samples: FirstFormRun[];
    }
  >;
}

/** Builds one bench app into a folder of its own, with an index.html that preloads its first-load chunks. */
async function buildApp(name: AppName, outDir: string): Promise<void> {
  const result = await build({
    configFile: false,
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"' },
    build: { outDir, emptyOutDir: true, minify: true, target: 'es2022', rollupOptions: { input: new URL(`./apps/${name}.tsx`, import.meta.url).pathname }, reportCompressedSize: false },
  });
  const output = (Array.isArray(result) ? result[0] : result) as Rollup.RollupOutput;
  const entry = output.output.find((o): o is Rollup.OutputChunk => o.type === 'chunk' && o.isEntry)!;
  const css = output.output.filter((o) => o.type === 'asset' && o.fileName.endsWith('.css')).map((o) => `<link rel="stylesheet" href="/${o.fileName}">`);
  const preload = entry.imports.map((file) => `<link rel="modulepreload" href="/${file}">`);
  writeFileSync(
    join(outDir, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop</title>${css.join('')}${preload.join('')}<script type="module" src="/${entry.fileName}"></script></head><body><div id="root"></div></body></html>`,
  );
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

/** Serves the folder `current()` names, every unknown path as its index.html (a single-page app). */
function staticServer(current: () => string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const file = join(current(), path);
    const found = path !== '/' && existsSync(file) && file.startsWith(current()) ? file : join(current(), 'index.html');
    response.writeHead(200, { 'content-type': TYPES[extname(found)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    response.end(readFileSync(found));
  });
  return new Promise((resolve) => server.listen(3000, '127.0.0.1', () => resolve(server)));
}

// In the page before any script: when the password field is first on screen (the frame that first
// lays it out), the layout shifts, and the auth requests answered before that moment.
// (A string, not a function: the TypeScript runner would wrap a function's inner ones in a helper the page lacks.)
const PROBE = `
  window.__bench = { cls: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__bench.cls += entry.value;
  }).observe({ type: 'layout-shift', buffered: true });
  // supertokens-auth-react draws in a shadow root.
  const find = (root) => root.querySelector('input[type="password"]') ?? [...root.querySelectorAll('*')].filter((e) => e.shadowRoot).map((e) => find(e.shadowRoot)).find(Boolean) ?? null;
  const check = () => {
    const field = find(document);
    // Checked in each frame's animation callbacks: the frame that first lays the field out paints it next.
    if (field && field.getBoundingClientRect().width > 0) window.__bench.formAt = performance.now();
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
`;

/** The q-quantile (0 ≤ q ≤ 1) by linear interpolation between the closest ranks. */
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low]! + (sorted[Math.min(low + 1, sorted.length - 1)]! - sorted[low]!) * (at - low);
};
const median = (values: number[]) => quantile(values, 0.5);
const round2 = (n: number) => Math.round(n * 100) / 100;

export async function benchFirstForm(): Promise<FirstFormResult> {
  const root = mkdtempSync(join(tmpdir(), 'fk-first-form-'));
  for (const name of APPS) await buildApp(name, join(root, name));
  const backend = await createBackend({ appInfo: { appName: 'bench', apiDomain: 'http://localhost:3001', websiteDomain: 'http://localhost:3000' }, totp: {}, mfa: { firstFactors: ['emailpassword'] } });
  const api = await serve(backend, { port: 3001 });
  let current = join(root, APPS[0]);
  const web = await staticServer(() => current);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const samples = Object.fromEntries(APPS.map((a) => [a, [] as FirstFormRun[]])) as Record<AppName, FirstFormRun[]>;
  try {
    // One warm-up round (Chromium's own start-up), then RUNS rounds, the order rotating each round.
    for (let round = -1; round < RUNS; round++) {
      for (let i = 0; i < APPS.length; i++) {
        const name = APPS[(i + Math.max(round, 0)) % APPS.length]!;
        current = join(root, name);
        const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
        const page = await context.newPage();
        if (process.env.BENCH_DEBUG) page.on('console', (m) => console.error(name, m.text())).on('pageerror', (e) => console.error(name, e));
        await page.addInitScript({ content: PROBE });
        await page.goto('http://localhost:3000/auth');
        await page.waitForFunction(() => (window as unknown as { __bench: { formAt?: number } }).__bench.formAt !== undefined, undefined, { timeout: 15_000 });
        await page.waitForTimeout(1000);
        const measured = await page.evaluate(() => {
          const b = (window as unknown as { __bench: { formAt: number; cls: number } }).__bench;
          const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
          // The auth requests the form waited for: answered before it showed.
          const requests = resources.filter((r) => r.name.includes(':3001/') && r.responseEnd < b.formAt).map((r) => new URL(r.name).pathname);
          return { formMs: b.formAt, cls: b.cls, requests, timeline: resources.map((r) => `${r.name.replace(/^.*\//, '')} ${Math.round(r.startTime)}–${Math.round(r.responseEnd)}`) };
        });
        if (process.env.BENCH_DEBUG) console.error(name, Math.round(measured.formMs), measured.timeline.join(', '));
        const cdp = await context.newCDPSession(page);
        await cdp.send('HeapProfiler.collectGarbage');
        const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
        await context.close();
        if (round >= 0) samples[name].push({ formMs: Math.round(measured.formMs * 10) / 10, requestsBeforeForm: measured.requests, heapBytes: usedSize, cls: Math.round(measured.cls * 10000) / 10000 });
      }
    }
  } finally {
    await browser.close();
    await new Promise((resolve) => web.close(resolve));
    await api.close();
    await backend.close();
    rmSync(root, { recursive: true, force: true });
  }
  const ms = (name: AppName, from = 0, to = RUNS) => samples[name].slice(from, to).map((s) => s.formMs);
  const control = median(ms('control'));
  const half = RUNS >> 1;
  const apps = Object.fromEntries(
    APPS.map((name) => {
      const s = samples[name];
      const medianMs = median(ms(name));
      const halves: [number, number] = [round2(median(ms(name, 0, half)) / median(ms('control', 0, half))), round2(median(ms(name, half)) / median(ms('control', half)))];
      return [name, { medianMs, quartilesMs: [quantile(ms(name), 0.25), quantile(ms(name), 0.75)], ratioToControl: round2(medianMs / control), halvesRatioToControl: halves, medianHeapBytes: median(s.map((x) => x.heapBytes)), maxCls: Math.max(...s.map((x) => x.cls)), requestsBeforeForm: [...new Set(s.flatMap((x) => x.requestsBeforeForm))], samples: s }];
    }),
  ) as FirstFormResult['apps'];
  return { runs: RUNS, apps };
}

/** The Markdown section of bench/README.md. */
export function firstFormMarkdown(result: FirstFormResult): string {
  const label: Record<AppName, string> = { control: 'hand-written form (control)', factorkit: 'factorkit', supertokens: 'supertokens-auth-react' };
  const rows = APPS.map((name) => {
    const a = result.apps[name];
    return `| ${label[name]} | ${a.medianMs.toFixed(1)} | ${a.quartilesMs.map((q) => q.toFixed(0)).join('–')} | ${a.ratioToControl.toFixed(2)} × | ${a.requestsBeforeForm.map((r) => `\`${r}\``).join(', ') || 'none'} | ${(a.medianHeapBytes / 2 ** 20).toFixed(2)} MiB | ${a.maxCls} |`;
  });
  const fk = result.apps.factorkit;
  return [
    '## The first form (Chromium)',
    '',
    `How long after navigation the sign-in form's password field is on screen: each bench app (\`bench/apps/control.tsx\`, \`factorkit.tsx\` with \`firstFactors\` in its config, \`supertokens.tsx\`) built by the same Vite, served from loopback with the reference backend behind it, opened at \`/auth\` in a fresh Chromium context (cold cache) ${result.runs} times each, the apps interleaved (\`bench/firstForm.ts\`). Heap: JS heap in use after load and a garbage collection. CLS: the largest cumulative layout shift of any run, up to a second after the form showed.`,
    '',
    '| app | median ms to the form | middle half of the runs (ms) | ÷ control | auth requests answered before the form | JS heap (median) | CLS (worst run) |',
    '|---|---:|---:|---:|---|---:|---:|',
    ...rows,
    '',
    `factorkit's form shows in ${fk.ratioToControl.toFixed(2)} × the control's time (target ≤ 1.2 ×); supertokens-auth-react's in ${result.apps.supertokens.ratioToControl.toFixed(2)} ×. From the first and the second half of the rounds alone, factorkit's ratio is ${fk.halvesRatioToControl.map((r) => `${r.toFixed(2)} ×`).join(' and ')}: a run's times spread widely (the middle half of the control's runs spans ${result.apps.control.quartilesMs.map((q) => q.toFixed(0)).join('–')} ms), so a ratio moves by several hundredths between runs.`,
  ].join('\n');
}
