/**
 * `npm run test:consumer`: README, followed to the letter by a program. Packs both packages, makes a
 * fresh Vite + React + TypeScript app in a temporary folder (what `npm create vite -- --template
 * react-ts` gives), installs what README's `npm install` lines name (the kit and the server from
 * their tarballs), writes every `file=` code block of README where it says and every other ts/tsx
 * block as a module of its own, then: type-checks strictly, builds, runs README's component test,
 * and in Chromium signs up against README's backend (email link from the dev outbox, an
 * authenticator app, the page asked for, the theme README sets, under the Content Security Policy
 * README's vite.config.ts sets, which must refuse nothing), then runs README's Node script.
 * Nothing of the app is copied from anywhere but README.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { Secret, TOTP } from 'otpauth';
import { createMessages } from '../src/ui/messages/createMessages.ts';
import { loadLocale } from '../src/ui/messages/locales.ts';
import { packBoth, readmeBlocks, readmeInstalls, ROOT, rootVersion, run, tempApp, write } from './consumerApp.ts';

// All of English (the messages after the sign-in form are a chunk of their own).
await loadLocale('en');
const m = createMessages('en');
const WEB = 'http://localhost:5173';
const API = 'http://localhost:3001';
const keep = process.argv.includes('--keep');
const started: ChildProcess[] = [];
const step = (text: string) => console.log(`\n▶ ${text}`);

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: 'localhost' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function start(command: string, args: string[], cwd: string, name: string): ChildProcess {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout!.on('data', (d: Buffer) => process.stdout.write(`[${name}] ${d}`));
  child.stderr!.on('data', (d: Buffer) => process.stderr.write(`[${name}] ${d}`));
  started.push(child);
  return child;
}

function stopAll(): void {
  for (const child of started) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
}

async function main() {
  for (const port of [3001, 5173]) {
    if (await portInUse(port)) throw new Error(`Port ${port} is in use; README's app needs it (stop \`npm start\` or whatever holds it).`);
  }
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks = readmeBlocks(readme);
  const installs = readmeInstalls(blocks);
  const app = tempApp('factorkit-consumer-');
  console.log(`the app: ${app}`);

  step('pack both packages');
  const tarballs = packBoth(join(app, '.packs'));

  step("scaffold: what create-vite's react-ts template gives");
  // The versions this repository tests with (from npm's cache); the template's React plugin from the registry.
  const pinned = (name: string) => (name === 'factorkit' ? tarballs.kit : name === '@factorkit/server' ? tarballs.server : name === '@vitejs/plugin-react' ? name : `${name}@${rootVersion(name)}`);
  const deps = ['react', 'react-dom', ...installs.deps];
  const devDeps = ['vite', '@vitejs/plugin-react', 'typescript', '@types/react', '@types/react-dom', '@types/node', ...installs.devDeps];
  write(app, 'vite.config.ts', "import { defineConfig } from 'vite';\nimport react from '@vitejs/plugin-react';\n\nexport default defineConfig({\n  plugins: [react()],\n});\n");
  write(app, 'package.json', JSON.stringify({ name: 'my-app', private: true, version: '0.0.0', type: 'module' }, null, 2));
  write(app, 'index.html', '<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="UTF-8" />\n    <meta name="viewport" content="width=device-width, initial-scale=1.0" />\n    <title>My app</title>\n  </head>\n  <body>\n    <div id="root"></div>\n    <script type="module" src="/src/main.tsx"></script>\n  </body>\n</html>\n');
  write(
    app,
    'tsconfig.json',
    JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2022', 'DOM', 'DOM.Iterable'],
          module: 'ESNext',
          moduleResolution: 'bundler',
          allowImportingTsExtensions: true,
          isolatedModules: true,
          moduleDetection: 'force',
          noEmit: true,
          jsx: 'react-jsx',
          types: ['vite/client', 'node'],
          strict: true,
          noUnusedLocals: true,
          noUnusedParameters: true,
          noFallthroughCasesInSwitch: true,
          noUncheckedSideEffectImports: true,
          noUncheckedIndexedAccess: true,
          exactOptionalPropertyTypes: true,
          skipLibCheck: false,
        },
        include: ['src', 'scripts', 'snippets', 'server.ts', 'vite.config.ts'],
      },
      null,
      2,
    ),
  );
  console.log(`dependencies: ${deps.join(' ')}\ndevDependencies: ${devDeps.join(' ')}`);

  step("README's code blocks");
  let snippet = 0;
  for (const block of blocks) {
    if (block.file) {
      write(app, block.file, block.code);
      console.log(`README line ${block.line} → ${block.file}`);
    } else if (block.lang === 'ts' || block.lang === 'tsx') {
      const file = `snippets/readme-${++snippet}.${block.lang}`;
      write(app, file, block.code);
      console.log(`README line ${block.line} → ${file} (type-checked only)`);
    }
  }

  step('npm install (from the tarballs and npm\'s cache)');
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...deps.map(pinned)], app);
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', '--save-dev', ...devDeps.map(pinned)], app);

  step('type-check strictly (tsc, skipLibCheck off: the kit\'s declarations are checked too)');
  run('npx', ['tsc', '-p', '.'], app);

  step('build (vite build)');
  run('npx', ['vite', 'build', '--logLevel', 'warn'], app);

  step("README's component test (vitest, msw, factorkit/testing)");
  run('npx', ['vitest', 'run'], app);

  step("README's backend (npx tsx server.ts) and the built app (vite preview on :5173)");
  start('npx', ['tsx', 'server.ts'], app, 'server');
  start('npx', ['vite', 'preview', '--port', '5173', '--strictPort'], app, 'web');
  await waitFor('the API', async () => ((await fetch(`${API}/auth/jwt/jwks.json`)).ok ? true : undefined));
  await waitFor('the app', async () => ((await fetch(WEB)).ok ? true : undefined));

  step('Chromium: sign up, confirm the email, set up an authenticator app, reach the page asked for');
  const shots = join(ROOT, 'test-results', 'consumer');
  mkdirSync(shots, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const email = `readme-${Date.now().toString(36)}@example.com`;
  const password = 'readme-Passw0rd';
  try {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors: Error[] = [];
    page.on('pageerror', (e) => errors.push(e));
    // README's vite.config.ts serves the build under a strict Content Security Policy: it must refuse nothing.
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|requires 'Trusted\w+' assignment/.test(message.text())) errors.push(new Error(`${message.text()} (${page.url()})`));
    });
    let shot = 0;
    const snap = (name: string) => page.screenshot({ path: join(shots, `${String(++shot).padStart(2, '0')}-${name}.png`), fullPage: true });

    const first = await page.goto(`${WEB}/orders`);
    if (!first?.headers()['content-security-policy']?.includes("script-src 'self'")) throw new Error(`README's vite.config.ts did not put the Content Security Policy on the page: ${JSON.stringify(first?.headers())}`);
    await page.getByRole('heading', { name: m.format('signIn.title') }).waitFor();
    await page.getByRole('button', { name: m.format('signIn.toSignUp') }).click();
    await page.getByLabel(m.format('field.email.label')).fill(email);
    await page.getByLabel(m.format('field.password.label'), { exact: true }).fill(password);
    await page.mouse.move(0, 0); // not hovering the button (its hover colour is a mix)
    const primary = await page.getByRole('button', { name: m.format('signUp.submit') }).evaluate(async (b) => {
      await Promise.all(b.getAnimations().map((a) => a.finished)); // the hover colour fading out
      return getComputedStyle(b).backgroundColor;
    });
    if (primary !== 'rgb(15, 118, 110)') throw new Error(`README's theme.css (--fk-color-primary on :root) did not reach the button: ${primary}`);
    await snap('sign-up');
    await page.getByRole('button', { name: m.format('signUp.submit') }).click();

    await page.getByRole('heading', { name: m.format('ev.checkInbox.title') }).waitFor({ timeout: 30_000 });
    await snap('check-inbox');
    const link = await waitFor('the verification link in the dev outbox', async () => {
      const answer = (await (await fetch(`${API}/auth/dev/outbox?to=${encodeURIComponent(email)}`)).json()) as { messages: { link?: string }[] };
      return answer.messages.find((x) => x.link)?.link;
    });
    await page.goto(link);
    await page.getByRole('heading', { name: m.format('ev.success.title') }).waitFor({ timeout: 30_000 });
    await snap('email-confirmed');
    await page.getByRole('button', { name: m.format('common.continue') }).click();

    await page.getByRole('heading', { name: m.format('totp.setup.title') }).waitFor({ timeout: 30_000 });
    const secret = (await page.getByRole('group', { name: m.format('totp.secretGroups') }).textContent()) ?? '';
    // The QR code's module loads on demand: it must arrive and draw.
    await page.getByRole('img', { name: m.format('totp.qrLabel') }).locator('path').first().waitFor();
    await snap('totp-setup');
    const code = new TOTP({ secret: Secret.fromBase32(secret.replace(/\s+/g, '')), algorithm: 'SHA1', digits: 6, period: 30 }).generate();
    // On a phone the set-up is two steps: the QR code, then the code.
    await page.getByRole('button', { name: m.format('totp.setup.next') }).click();
    await page.getByLabel(m.format('totp.codeLabel')).fill(code);
    await page.getByRole('heading', { name: m.format('totp.added.title') }).waitFor({ timeout: 30_000 });
    await snap('totp-added');
    await page.getByRole('button', { name: m.format('common.continue') }).click();

    await page.getByRole('heading', { name: 'Your orders' }).waitFor({ timeout: 30_000 });
    if (new URL(page.url()).pathname !== '/orders') throw new Error(`Ended at ${page.url()}, not /orders`);
    await snap('orders');
    await page.getByRole('link', { name: 'Security settings' }).click();
    await page.getByRole('heading', { name: m.format('settings.title') }).waitFor({ timeout: 30_000 });
    await snap('settings');
    if (errors.length > 0) throw new Error(`Errors in the page: ${errors.map((e) => e.message).join('; ')}`);
  } finally {
    await browser.close();
  }

  step("README's Node script (factorkit/core, no React): it signs in and exits on its own");
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'scripts/whoami.ts', email, password], { cwd: app, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error('scripts/whoami.ts did not exit within 60 s'))), 60_000);
    child.on('exit', (code) => (clearTimeout(timer), code === 0 ? resolve(out) : reject(new Error(`scripts/whoami.ts exited with ${code}: ${out}`))));
  });
  console.log(output.trim());
  if (!output.includes('Signed in; still to do: totp')) throw new Error(`Unexpected output of scripts/whoami.ts: ${output}`);

  console.log(`\n✔ README works as written (screenshots in test-results/consumer/)`);
  if (!keep) rmSync(app, { recursive: true, force: true });
}

main()
  .then(() => {
    stopAll();
    process.exit(0);
  })
  .catch((error: unknown) => {
    console.error(error);
    stopAll();
    process.exit(1);
  });
