import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readmeBlocks, ROOT } from '../scripts/consumerApp.ts';

/**
 * README's code runs in `npm run test:consumer` (a fresh app made from its blocks); these checks are
 * the cheap ones that keep it honest between runs of that.
 */
const readme = readFileSync(`${ROOT}/README.md`, 'utf8');
const blocks = readmeBlocks(readme);

describe('README', () => {
  it('shows the custom screen the demo and its story run, character for character', () => {
    const shown = blocks.find((b) => b.file === 'src/MyTotpScreen.tsx');
    expect(shown?.code).toBe(readFileSync(`${ROOT}/demo/src/MyTotpScreen.tsx`, 'utf8'));
  });

  it('imports only entries the packages export', () => {
    const imports = new Set(blocks.flatMap((b) => [...b.code.matchAll(/from '((?:@factorkit\/|factorkit)[^']*)'/g)].map((m) => m[1]!)));
    const entries = (dir: string, name: string) => Object.keys((JSON.parse(readFileSync(`${ROOT}/${dir}package.json`, 'utf8')) as { exports: Record<string, unknown> }).exports).map((e) => (e === '.' ? name : `${name}${e.slice(1)}`));
    const exported = [...entries('', 'factorkit'), ...entries('packages/server/', '@factorkit/server')];
    expect(imports.size).toBeGreaterThan(3);
    for (const name of imports) expect(exported, name).toContain(name);
  });

  it('links only to files that exist in the repository', () => {
    const links = [...readme.matchAll(/\]\(((?!https?:|#)[^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(existsSync(`${ROOT}/${link.split('#')[0]}`), link).toBe(true);
  });
});
