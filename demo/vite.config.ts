import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { sourceAliases } from '../scripts/sourceAliases.ts';

// The demo app. `npm start` runs it through demo/server.ts next to the reference backend.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  server: {
    port: 3000,
    strictPort: true,
    // The demo's databases (signing keys included) live in .data/: never served, not even through /@fs/.
    fs: { deny: ['.env', '.env.*', '*.{crt,pem}', '**/.git/**', '**/.data/**', '.data'] },
    // No other origin (another localhost port included) may read what the dev server serves.
    cors: false,
  },
  resolve: { alias: sourceAliases },
  preview: { port: 3000, strictPort: true },
  // Pre-bundled up front: a dependency found mid-session would make Vite reload the page.
  optimizeDeps: {
    include: ['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime', 'react/jsx-dev-runtime', 'react-router-dom', '@tanstack/react-query', 'qrcode.react'],
  },
  build: { target: 'es2022' },
});
