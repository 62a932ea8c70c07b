import { defineConfig } from 'vite';

// Library build: one ES module per entry point. Runtime dependencies stay external so the host
// app's bundler dedupes them.
export default defineConfig({
  build: {
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: {
        core: 'src/core/index.ts',
        server: 'src/server/index.ts',
      },
      formats: ['es'],
    },
    rollupOptions: {
      external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
    },
  },
});
