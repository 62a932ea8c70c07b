import { fileURLToPath } from 'node:url';

/**
 * `factorkit`, `factorkit/core` and `factorkit/testing` resolved to the sources, for code in this
 * repository written as an app writes it (the demo's custom screen, which README shows verbatim).
 * tsconfig.json has the same `paths`.
 */
export const sourceAliases = [
  { find: /^factorkit$/, replacement: fileURLToPath(new URL('../src/index.ts', import.meta.url)) },
  { find: /^factorkit\/core$/, replacement: fileURLToPath(new URL('../src/core/index.ts', import.meta.url)) },
  { find: /^factorkit\/testing$/, replacement: fileURLToPath(new URL('../src/testing/index.ts', import.meta.url)) },
  { find: /^factorkit\/styles\.css$/, replacement: fileURLToPath(new URL('../src/ui/theme/styles.css', import.meta.url)) },
];
