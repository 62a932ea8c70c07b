import { defineConfig } from 'vitest/config';
import { sourceAliases } from './scripts/sourceAliases.ts';

export default defineConfig({
  resolve: { alias: sourceAliases },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // PGlite starts a WASM Postgres per backend: give the first one room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    setupFiles: ['test/setup.ts'],
    // Stylesheets are not loaded in tests, except as text (`styles.css?raw`: the token page reads it).
    css: { include: [/\.css\?raw$/] },
  },
});
