/**
 * Runs before every test file. In the DOM test files, `findBy*` and `waitFor` wait up to 5 s
 * instead of Testing Library's 1 s: `npm test` runs files in parallel on a 2-core machine, and
 * a screen that renders after a backend round trip on PGlite can take over a second there. A wait
 * that fails still fails; it only fails later.
 */
if (typeof document !== 'undefined') {
  const { configure } = await import('@testing-library/dom');
  configure({ asyncUtilTimeout: 5_000 });
}

export {};
