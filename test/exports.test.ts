import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The public API of each entry point. A change here is an API change: review it, then `vitest -u`.
const entries = {
  factorkit: { file: 'src/index.ts', load: () => import('../src/index.ts') },
  'factorkit/core': { file: 'src/core/index.ts', load: () => import('../src/core/index.ts') },
  '@factorkit/server': { file: 'src/server/index.ts', load: () => import('../src/server/index.ts') },
  'factorkit/testing': { file: 'src/testing/index.ts', load: () => import('../src/testing/index.ts') },
};

/**
 * Names listed in `export type { … }` blocks (types vanish at run time, so they are read from
 * source), following `export * from` into the indexes an entry re-exports.
 */
function typeExports(file: string): string[] {
  const url = new URL(`../${file}`, import.meta.url);
  const source = readFileSync(url, 'utf8');
  const names: string[] = [];
  for (const block of source.matchAll(/export type \{([^}]*)\}/g)) {
    for (const part of block[1]!.split(',')) {
      const name = part.trim().split(/\s+as\s+/).pop();
      if (name) names.push(name);
    }
  }
  for (const star of source.matchAll(/export \* from '([^']+)'/g)) {
    names.push(...typeExports(new URL(star[1]!, url).pathname.replace(new URL('../', import.meta.url).pathname, '')));
  }
  return names.sort();
}

describe.each(Object.entries(entries))('%s', (_name, entry) => {
  it('exports exactly these names', async () => {
    const module = await entry.load();
    expect({ values: Object.keys(module).sort(), types: typeExports(entry.file) }).toMatchSnapshot();
  });
});
