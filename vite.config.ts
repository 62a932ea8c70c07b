import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';

// Library build of `factorkit` (the UI kit): one ES module per entry point. Runtime dependencies stay
// external so the host app's bundler dedupes them. The reference backend is its own package
// (`@factorkit/server`, packages/server), built by scripts/build.ts with the same settings.
export default defineConfig({
  plugins: [
    {
      // The theme ships as one plain stylesheet (`factorkit/styles.css`), copied as-is: it is already
      // wrapped in `@layer fk` and has no imports to resolve.
      name: 'factorkit-styles',
      generateBundle() {
        this.emitFile({ type: 'asset', fileName: 'styles.css', source: readFileSync('src/ui/theme/styles.css', 'utf8') });
      },
    },
  ],
  build: {
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: {
        index: 'src/index.ts',
        core: 'src/core/index.ts',
        testing: 'src/testing/index.ts',
      },
      formats: ['es'],
    },
    rollupOptions: {
      external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
      output: {
        // The React entry runs in the browser: Next.js's App Router must not render it on the server.
        banner: (chunk) => (chunk.isEntry && chunk.name === 'index' ? "'use client';" : ''),
      },
    },
  },
});
