import { defineConfig } from 'vitest/config';

// The flow benchmark (request and render counts), run by `npm run bench -- flows`, not by `npm test`.
export default defineConfig({
  test: { include: ['bench/flows/*.bench.test.tsx'], testTimeout: 60_000, hookTimeout: 60_000, pool: 'forks' },
});
