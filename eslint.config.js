import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Layers import one way: protocol <- core <- react <- ui; the server (its own package) shares only protocol.
const layer = (files, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

export default tseslint.config(
  { ignores: ['dist/**', 'packages/*/dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'storybook-static/**', '.storybook/public/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Tests read loosely-typed JSON bodies.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  layer(['src/core/**'], [
    { group: ['**/react/**', '**/ui/**', '**/server/**', '**/testing/**'], message: 'src/core must not import the layers above it.' },
    { group: ['react', 'react-dom', 'react-router-dom', '@tanstack/*'], message: 'src/core is framework-free.' },
  ]),
  layer(['src/react/**'], [
    { group: ['**/ui/**', '**/server/**', '**/testing/**'], message: 'src/react may import only src/core.' },
    { group: ['react-router-dom', 'react-router'], message: 'Only the router module (src/react/routes.tsx, useNavigation.ts) imports react-router-dom.' },
  ]),
  // The router module: the same layer rule, without the router restriction.
  layer(['src/react/routes.tsx', 'src/react/useNavigation.ts'], [
    { group: ['**/ui/**', '**/server/**', '**/testing/**'], message: 'src/react may import only src/core.' },
  ]),
  layer(['src/ui/**'], [
    { group: ['**/server/**', '**/testing/**'], message: 'src/ui may import only src/core and src/react.' },
  ]),
  layer(['src/server/**'], [
    { group: ['**/core/**', '**/react/**', '**/ui/**', '**/testing/**'], message: 'src/server (the @factorkit/server package) shares only src/protocol with the kit.' },
    { group: ['react', 'react-dom', 'react-router-dom', 'factorkit', 'factorkit/*'], message: 'src/server has no React and does not depend on the kit.' },
  ]),
  layer(['src/protocol/**'], [
    { group: ['**/core/**', '**/react/**', '**/ui/**', '**/server/**', '**/testing/**'], message: 'src/protocol is shared by the kit and the backend: it imports neither.' },
    { group: ['*'], message: 'src/protocol has no dependencies.' },
  ]),
  layer(['src/testing/**'], [
    { group: ['**/server/**'], message: 'src/testing names the backend as `@factorkit/server` (types only): the kit never imports the backend at run time.' },
  ]),
);
