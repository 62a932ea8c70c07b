/**
 * What installing the kit costs an app, and what it offers: the packed kit installed next to its
 * peers in a fresh folder (the bytes and packages beyond React's peers), the same for
 * supertokens-auth-react (the kit it replaces) and for the reference backend, and the names each
 * entry of the kit exports (values and types), read from its sources by the TypeScript compiler.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { installedPackages, npmInstall, packBoth, ROOT, rootVersion, tempApp, write } from '../scripts/consumerApp.ts';

const PEERS = ['react', 'react-dom', '@tanstack/react-query', 'react-router-dom'];

export interface InstallCost {
  /** Bytes on disk in node_modules beyond what the peers alone install. */
  bytes: number;
  /** Packages beyond the peers', with their bytes, largest first. */
  packages: { name: string; bytes: number }[];
}

export interface InstallResult {
  factorkit: InstallCost;
  supertokensAuthReact: InstallCost & { version: string };
  server: InstallCost;
  exports: Record<string, { values: number; types: number }>;
}

/** Installs `packages` (besides the peers) into a fresh folder and measures what they add. */
function installCost(packages: string[], peers: Map<string, number>): InstallCost {
  const dir = tempApp('factorkit-install-');
  try {
    write(dir, 'package.json', '{ "name": "install-bench", "private": true, "type": "module" }\n');
    npmInstall(dir, [...PEERS.map((p) => `${p}@${rootVersion(p)}`), ...packages]);
    const added = [...installedPackages(dir)].filter(([name]) => !peers.has(name)).map(([name, bytes]) => ({ name, bytes }));
    added.sort((a, b) => b.bytes - a.bytes);
    return { bytes: added.reduce((n, p) => n + p.bytes, 0), packages: added };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function peersAlone(): Map<string, number> {
  const dir = tempApp('factorkit-install-');
  try {
    write(dir, 'package.json', '{ "name": "install-bench", "private": true, "type": "module" }\n');
    npmInstall(dir, PEERS.map((p) => `${p}@${rootVersion(p)}`));
    return installedPackages(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The names an entry exports, split into values and types. */
function exportsOf(entries: Record<string, string>): InstallResult['exports'] {
  const files = Object.values(entries).map((f) => join(ROOT, f));
  const program = ts.createProgram(files, { allowImportingTsExtensions: true, noEmit: true, jsx: ts.JsxEmit.ReactJSX, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const out: InstallResult['exports'] = {};
  for (const [name, file] of Object.entries(entries)) {
    const source = program.getSourceFile(join(ROOT, file))!;
    const symbols = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!);
    let values = 0;
    let types = 0;
    for (const s of symbols) {
      const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
      if (target.flags & ts.SymbolFlags.Value) values++;
      else types++;
    }
    out[name] = { values, types };
  }
  return out;
}

export async function benchInstall(): Promise<InstallResult> {
  const packs = packBoth(tempApp('factorkit-packs-'));
  const peers = peersAlone();
  const supertokensVersion = rootVersion('supertokens-auth-react');
  return {
    factorkit: installCost([packs.kit], peers),
    supertokensAuthReact: { ...installCost([`supertokens-auth-react@${supertokensVersion}`, `supertokens-web-js@${rootVersion('supertokens-web-js')}`], peers), version: supertokensVersion },
    server: installCost([packs.server], peers),
    exports: exportsOf({ factorkit: 'src/index.ts', 'factorkit/core': 'src/core/index.ts', 'factorkit/testing': 'src/testing/index.ts', '@factorkit/server': 'src/server/index.ts' }),
  };
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;
const kb = (bytes: number) => `${Math.round(bytes / 1024)} KiB`;

export function installMarkdown(r: InstallResult): string {
  const list = (c: InstallCost) => c.packages.map((p) => `${p.name} ${kb(p.bytes)}`).join(', ');
  return [
    '## Install size and exports',
    '',
    `Each package packed (as npm would publish it) and installed with its peers (${PEERS.join(', ')}) into a fresh folder; the figure is node_modules beyond what the peers alone install (\`bench/install.ts\`).`,
    '',
    '| install | beyond the peers | packages |',
    '|---|---|---|',
    `| \`factorkit\` (the UI kit) | ${mb(r.factorkit.bytes)} | ${r.factorkit.packages.length}: ${list(r.factorkit)} |`,
    `| \`supertokens-auth-react@${r.supertokensAuthReact.version}\` + \`supertokens-web-js\` | ${mb(r.supertokensAuthReact.bytes)} | ${r.supertokensAuthReact.packages.length} |`,
    `| \`@factorkit/server\` (the reference backend, server side only) | ${mb(r.server.bytes)} | ${r.server.packages.length} |`,
    '',
    `factorkit installs ${(r.factorkit.bytes / r.supertokensAuthReact.bytes).toFixed(2)} × the bytes of supertokens-auth-react + supertokens-web-js.`,
    '',
    '| entry | values | types |',
    '|---|---|---|',
    ...Object.entries(r.exports).map(([name, e]) => `| \`${name}\` | ${e.values} | ${e.types} |`),
  ].join('\n');
}
