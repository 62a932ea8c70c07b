/**
 * `npm run build`: the two packages of this repository.
 * - `factorkit` (the root): the UI kit — `dist/{index,core,testing}.js`, `dist/styles.css`, declarations.
 * - `@factorkit/server` (packages/server): the reference backend — `packages/server/dist/index.js`, declarations.
 * The kit's declarations name the backend's types as `@factorkit/server` (a tsconfig path while
 * developing): the kit never imports the backend at run time.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { build } from 'vite';

const tsc = (project: string) => execFileSync('npx', ['tsc', '-p', project], { stdio: 'inherit' });

rmSync('dist', { recursive: true, force: true });
rmSync('packages/server/dist', { recursive: true, force: true });

await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
tsc('tsconfig.build.json');
// The compiler followed the path alias into src/server: those declarations belong to the other package.
rmSync('dist/server', { recursive: true, force: true });

await build({
  configFile: false,
  logLevel: 'warn',
  build: {
    target: 'es2022',
    sourcemap: true,
    outDir: 'packages/server/dist',
    emptyOutDir: false,
    lib: { entry: { index: 'src/server/index.ts' }, formats: ['es'] },
    rollupOptions: { external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') },
  },
});
tsc('tsconfig.server.build.json');
console.log('built dist/ (factorkit) and packages/server/dist/ (@factorkit/server)');
