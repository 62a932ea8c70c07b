import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { sourceAliases } from '../scripts/sourceAliases.ts';

// Storybook's Vite config. The reference backend runs in the page for live stories: PGlite loads
// its WASM and data files by URL, so it must not be pre-bundled; `pg` (only for DATABASE_URL, never
// in a browser) and `nodemailer` (SMTP) are replaced by stubs so the bundle does not pull in Node's net/tls.
export default defineConfig({
  optimizeDeps: { exclude: ['@electric-sql/pglite'] },
  resolve: {
    alias: [...sourceAliases, { find: 'pg', replacement: fileURLToPath(new URL('./pgStub.ts', import.meta.url)) }, { find: 'nodemailer', replacement: fileURLToPath(new URL('./nodeOnlyStub.ts', import.meta.url)) }],
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
});
