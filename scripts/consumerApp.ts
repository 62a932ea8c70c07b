/**
 * A fresh app that uses the kit as a person following README would: both packages packed (what npm
 * would publish), installed from their tarballs into a new folder, the app's files taken from README's
 * code blocks. Shared by `npm run test:consumer` (scripts/consumer.ts) and the install-size benchmark.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');

/** Runs a command, showing its output; throws with the command line when it fails. */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): void {
  execFileSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
}

/** Builds both packages and packs them; returns the tarballs' paths. */
export function packBoth(outDir: string, { build = true }: { build?: boolean } = {}): { kit: string; server: string } {
  if (build) run('npm', ['run', 'build'], ROOT);
  mkdirSync(outDir, { recursive: true });
  const pack = (args: string[]) => {
    const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', outDir, ...args], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n');
    return join(outDir, out[out.length - 1]!);
  };
  return { kit: pack([]), server: pack(['-w', 'packages/server']) };
}

/** A fenced code block of README: its language, its `file=` target if any, its text. */
export interface ReadmeBlock {
  lang: string;
  file: string | undefined;
  code: string;
  /** 1-based line of the opening fence, for messages. */
  line: number;
}

/** Every fenced block of a Markdown text. */
export function readmeBlocks(markdown: string): ReadmeBlock[] {
  const blocks: ReadmeBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S+)(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]!);
    const file = /\bfile=(\S+)/.exec(open[2]!)?.[1];
    blocks.push({ lang: open[1]!, file, code: `${body.join('\n')}\n`, line: start + 1 });
  }
  return blocks;
}

/** The packages README's `npm install` lines name: `{ deps, devDeps }`. */
export function readmeInstalls(blocks: ReadmeBlock[]): { deps: string[]; devDeps: string[] } {
  const deps: string[] = [];
  const devDeps: string[] = [];
  for (const block of blocks.filter((b) => b.lang === 'sh')) {
    for (const command of block.code.split('\n').flatMap((line) => line.split('#')[0]!.split(/&&|;/))) {
      const words = command.trim().split(/\s+/);
      if (words[0] !== 'npm' || words[1] !== 'install' || words.length < 3) continue;
      const dev = words.includes('--save-dev') || words.includes('-D');
      (dev ? devDeps : deps).push(...words.slice(2).filter((w) => !w.startsWith('-')));
    }
  }
  return { deps, devDeps };
}

/** The version of a package installed at the repository's root (so the app installs from npm's cache). */
export function rootVersion(name: string): string {
  return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Makes an empty folder for an app. */
export function tempApp(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes a file, making its folders. */
export function write(dir: string, file: string, text: string): void {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), text);
}

/** Installs packages into `dir` from npm's cache where it can. */
export function npmInstall(dir: string, packages: string[], { dev = false }: { dev?: boolean } = {}): void {
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...(dev ? ['--save-dev'] : []), ...packages], dir);
}

/** Bytes on disk under a folder (files only, symlinks not followed). */
export function folderBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

/** The packages in an install's node_modules (scoped ones as `@scope/name`), with their bytes. */
export function installedPackages(dir: string): Map<string, number> {
  const modules = join(dir, 'node_modules');
  const found = new Map<string, number>();
  for (const entry of readdirSync(modules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    if (entry.name.startsWith('@')) {
      for (const inner of readdirSync(join(modules, entry.name), { withFileTypes: true })) {
        if (inner.isDirectory()) found.set(`${entry.name}/${inner.name}`, folderBytes(join(modules, entry.name, inner.name)));
      }
    } else {
      found.set(entry.name, folderBytes(join(modules, entry.name)));
    }
  }
  return found;
}
