import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The demo app. `npm start` runs it through demo/server.ts next to the reference backend.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  server: { port: 3000, strictPort: true },
  preview: { port: 3000, strictPort: true },
});
