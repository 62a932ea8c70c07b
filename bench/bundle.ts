/**
 * Bundle size: each benchmark app built by the same Vite, minified, every emitted JS chunk
 * compressed with gzip and brotli. A kit's cost is its app minus the base app.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'vite';

export interface Size {
  raw: number;
  gzip: number;
  brotli: number;
}

function sizeOf(files: string[]): Size {
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const bytes = readFileSync(file);
    total.raw += bytes.length;
    total.gzip += gzipSync(bytes, { level: 9 }).length;
    total.brotli += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return total;
}

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile() && /\.(js|css)$/.test(f));
}

/** Builds one entry as an app (code-split chunks included) and measures everything it emits. */
export async function buildAndMeasure(entry: string): Promise<Size> {
  const outDir = mkdtempSync(join(tmpdir(), 'fk-bench-'));
  try {
    await build({
      configFile: false,
      logLevel: 'error',
      define: { 'process.env.NODE_ENV': '"production"' },
      build: { outDir, emptyOutDir: true, minify: true, target: 'es2022', rollupOptions: { input: entry }, write: true, reportCompressedSize: false },
    });
    return sizeOf(jsFiles(outDir));
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export const minus = (a: Size, b: Size): Size => ({ raw: a.raw - b.raw, gzip: a.gzip - b.gzip, brotli: a.brotli - b.brotli });

/** Builds each named app and reports absolute sizes and what each adds over `base`. */
export async function benchBundles(apps: Record<string, string>): Promise<Record<string, { total: Size; added: Size }>> {
  const totals: Record<string, Size> = {};
  for (const [name, entry] of Object.entries(apps)) totals[name] = await buildAndMeasure(entry);
  const base = totals.base!;
  return Object.fromEntries(Object.entries(totals).map(([name, total]) => [name, { total, added: minus(total, base) }]));
}
