/**
 * Screenshots of the pre-built screens in light, dark and Arabic (RTL), for a human to look at:
 * `npx tsx scripts/screenshots.ts` writes PNGs under test-results/screens/ (ignored by git).
 * Runs the reference backend (in-memory PGlite) and a Vite dev server for a bare harness app,
 * then drives Debian's Chromium through playwright-core.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { createServer } from 'vite';
import { createBackend, serve } from '../src/server/index.ts';
import { totpCode } from '../test/server/helpers.ts';

const API_PORT = Number(process.env.API_PORT ?? 4311);
const WEB_PORT = Number(process.env.WEB_PORT ?? 4312);
const out = fileURLToPath(new URL('../test-results/screens/', import.meta.url));
mkdirSync(out, { recursive: true });

const backend = await createBackend({
  appInfo: { appName: 'factorkit', apiDomain: `http://localhost:${API_PORT}`, websiteDomain: `http://localhost:${WEB_PORT}` },
  database: { kind: 'memory' },
  passwordless: { contactMethod: 'EMAIL_OR_PHONE', flowType: 'USER_INPUT_CODE' },
  totp: {},
  emailVerification: { mode: 'OPTIONAL' },
  passwordHashing: { memorySize: 256, iterations: 1 },
  devMode: true,
  mfa: { override: { functions: (o) => ({ ...o, getMFARequirementsForAuth: () => [{ oneOf: ['totp', 'otp-email'] }] }) } },
});
const api = await serve(backend, { port: API_PORT, hostname: 'localhost' });
const vite = await createServer({
  root: fileURLToPath(new URL('./screenshot-harness/', import.meta.url)),
  server: { port: WEB_PORT, strictPort: true, host: 'localhost' },
  logLevel: 'warn',
  optimizeDeps: { include: ['react', 'react-dom', 'react-dom/client', 'react/jsx-dev-runtime', 'react-router-dom', '@tanstack/react-query', 'qrcode.react', 'libphonenumber-js/min'] },
});
await vite.listen();
const web = `http://localhost:${WEB_PORT}`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const variants = [
  { name: 'light', theme: 'light', locale: 'en' },
  { name: 'dark', theme: 'dark', locale: 'en' },
  { name: 'rtl', theme: 'light', locale: 'ar' },
] as const;

let n = 0;
async function shot(page: Page, variant: string, name: string) {
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${out}${name}-${variant}.png`, fullPage: true });
  console.log(`${name}-${variant}.png`);
}

try {
  for (const v of variants) {
    const context = await browser.newContext({ viewport: { width: 560, height: 900 }, deviceScaleFactor: 1 });
    await context.addInitScript((s) => Object.assign(window, { __fk: s }), { api: api.url.replace('127.0.0.1', 'localhost'), theme: v.theme, locale: v.locale });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('pageerror', e.message));
    await page.goto(`${web}/auth?redirectToPath=%2Forders`);
    await page.locator('h1').waitFor();
    await shot(page, v.name, '01-sign-in');
    // Sign up with bad input first, to see the errors.
    await page.locator('[data-fk="switch-mode"] button').click();
    await page.locator('button[type="submit"]').click();
    await page.locator('[data-fk="field-error"]').first().waitFor();
    await shot(page, v.name, '02-sign-up-errors');
    const email = `shot${++n}-${Date.now()}@example.com`;
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill('password123');
    await page.locator('button[type="submit"]').click();
    await page.locator('[data-fk="factor-list"]').waitFor();
    await shot(page, v.name, '03-chooser');
    await page.locator('a[data-factor="totp"]').click();
    await page.locator('[data-fk="qr"][data-state="ready"]').waitFor();
    await shot(page, v.name, '04-totp-setup');
    for (let i = 0; i < 2; i++) {
      await page.locator('input[name="totp"]').fill('000000');
      await page.locator('[data-fk="field-error"]').waitFor();
      await page.waitForTimeout(200);
    }
    await shot(page, v.name, '05-totp-wrong-code');
    for (let i = 0; i < 6 && (await page.locator('[data-locked]').count()) === 0; i++) {
      await page.locator('input[name="totp"]').fill('000000').catch(() => undefined);
      await page.waitForTimeout(400);
    }
    await page.locator('[data-fk="countdown"]').waitFor();
    await shot(page, v.name, '06-totp-locked');
    await page.goto(`${web}/auth/mfa/otp-email?redirectToPath=%2Forders`);
    await page.locator('input[name="code"]').waitFor();
    await shot(page, v.name, '07-otp-code');
    await page.locator('input[name="code"]').fill('000000');
    await page.locator('[data-fk="field-error"]').waitFor();
    await shot(page, v.name, '08-otp-wrong-code');
    await page.goto(`${web}/auth/mfa/otp-phone?setup=true&stepUp=true`);
    await page.locator('input[name="contact"]').waitFor();
    await shot(page, v.name, '09-otp-phone-contact');
    await page.goto(`${web}/auth/verify-email`);
    await page.locator('[data-fk="resend"]').waitFor();
    await shot(page, v.name, '10-check-inbox');
    await context.close();

    const signedOut = await browser.newContext({ viewport: { width: 560, height: 900 } });
    await signedOut.addInitScript((s) => Object.assign(window, { __fk: s }), { api: api.url.replace('127.0.0.1', 'localhost'), theme: v.theme, locale: v.locale });
    const p2 = await signedOut.newPage();
    await p2.goto(`${web}/auth/verify-email?token=not-a-real-token`);
    await p2.locator('h1').waitFor();
    await shot(p2, v.name, '11-link-confirm');
    await p2.locator('button').first().click();
    await p2.locator('h1', { hasText: /./ }).waitFor();
    await shot(p2, v.name, '12-link-invalid');
    await signedOut.close();

    // The MFA settings of a user who set up an authenticator app.
    const settingsContext = await browser.newContext({ viewport: { width: 560, height: 900 }, deviceScaleFactor: 1 });
    await settingsContext.addInitScript((s) => Object.assign(window, { __fk: s }), { api: api.url.replace('127.0.0.1', 'localhost'), theme: v.theme, locale: v.locale });
    const p3 = await settingsContext.newPage();
    await p3.goto(`${web}/auth?redirectToPath=%2Fauth%2Fsettings`);
    await p3.locator('[data-fk="switch-mode"] button').click();
    await p3.locator('input[name="email"]').fill(`settings${++n}-${Date.now()}@example.com`);
    await p3.locator('input[name="password"]').fill('password123');
    await p3.locator('button[type="submit"]').click();
    await p3.locator('a[data-factor="totp"]').click();
    const secret = ((await p3.locator('[data-fk="secret-value"]').textContent()) ?? '').replace(/\s/g, '');
    await p3.locator('input[name="totp"]').fill(totpCode(secret));
    await p3.locator('[data-fk-screen="mfa-settings"] [data-fk="settings-device"]').waitFor();
    await shot(p3, v.name, '13-settings');
    await settingsContext.close();
  }
} finally {
  await browser.close();
  await vite.close();
  await api.close();
  await backend.close();
}
