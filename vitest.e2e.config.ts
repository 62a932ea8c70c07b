import { defineConfig } from 'vitest/config';

// `npm run test:e2e`: the demo app and the reference backend in Debian's Chromium (playwright-core).
// One demo server for the run (test/e2e/globalSetup.ts), one browser per file, files one at a time.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/globalSetup.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
