/**
 * The static Storybook in Chromium. Its theme playground: tokens changed through the story's args change the
 * screens' computed style in the light and the dark variant, and the stylesheet it offers to copy,
 * on a plain page with the kit's CSS, gives the same computed look in each theme. The playground's
 * screens run the reference backend in the page (PGlite's WASM). Its docs pages: one per screen and
 * part, with props, styling hooks and live examples. Serves the static Storybook build (CI builds it first; built here
 * when missing).
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './harness.ts';

const STATIC = 'storybook-static';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.wasm': 'application/wasm' };

let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(STATIC, 'iframe.html'))) execSync('npm run build-storybook', { stdio: 'ignore', timeout: 600_000 });
  server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    try {
      const body = await readFile(join(STATIC, path === '/' ? 'index.html' : path.replace(/^\/+/, '')));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 660_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** What a person sees of the main button, the card and the text under `scope`. */
const looks = (page: Page, scope: string) =>
  page.evaluate((root) => {
    const el = (selector: string) => getComputedStyle(document.querySelector(`${root} ${selector}`)!);
    const button = el('[data-fk="button"][data-variant="primary"]');
    const card = el('[data-fk="card"]');
    return { buttonBg: button.backgroundColor, buttonFg: button.color, buttonRadius: button.borderTopLeftRadius, cardBg: card.backgroundColor, text: card.color, font: card.fontFamily, padding: card.paddingTop };
  }, scope);

/** The sign-in screen's copy in one variant of the playground. */
const copy = (variant: 'light' | 'dark') => `[data-playground-screen="sign-in"] [data-variant-of-theme="${variant}"]`;

async function playground(args = ''): Promise<{ page: Page; css: string }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(`${base}/iframe.html?id=theme-playground--brand&viewMode=story${args ? `&args=${args}` : ''}`);
  for (const variant of ['light', 'dark'] as const) await page.waitForSelector(`${copy(variant)} [data-fk="button"][data-variant="primary"]`, { timeout: 30_000 });
  const css = (await page.getByLabel('Your stylesheet').textContent()) ?? '';
  return { page, css };
}

/** A plain page with the kit's stylesheet and `css` after it: a screen's card and button in each theme. */
async function plainPage(css: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await browser.newPage({ colorScheme });
  const kitCss = readFileSync('src/ui/theme/styles.css', 'utf8');
  const screen = (theme: string) =>
    `<div id="${theme}" data-fk-theme="${theme}"><div data-fk="screen" data-fk-theme="${theme}"><section data-fk="card"><h1 data-fk="heading">Sign in</h1>` +
    `<button data-fk="button" data-variant="primary" type="button">Sign in</button></section></div></div>`;
  await page.setContent(`<!doctype html><html><head><style>${kitCss}</style><style>${css}</style></head><body>${['light', 'dark', 'system'].map(screen).join('')}</body></html>`);
  return page;
}

describe('Theme playground', () => {
  it('tokens set through the args change the screens in both variants; the copied stylesheet gives the same look on a plain page', async () => {
    const { page: before } = await playground();
    const teal = { light: await looks(before, copy('light')), dark: await looks(before, copy('dark')) };
    expect(teal.light.buttonBg).toBe('rgb(15, 118, 110)');
    expect(teal.dark.buttonBg).toBe('rgb(94, 234, 212)');

    const { page, css } = await playground('light-color-primary:!hex(7c3aed);light-color-surface:!hex(fefce8);dark-color-primary:!hex(c4b5fd);radius-md:999px;space-scale:1.5');
    expect(css).toContain('--fk-color-primary: #7c3aed;');
    expect(css).toContain('--fk-radius-md: 999px;');
    const violet = { light: await looks(page, copy('light')), dark: await looks(page, copy('dark')) };
    expect(violet.light.buttonBg).toBe('rgb(124, 58, 237)');
    expect(violet.light.cardBg).toBe('rgb(254, 252, 232)');
    expect(violet.dark.buttonBg).toBe('rgb(196, 181, 253)');
    // Text on the new primary is the kit's own choice: white on this violet, black on the light one.
    expect(violet.light.buttonFg).toBe('oklch(1 0 0)');
    expect(violet.dark.buttonFg).toBe('oklch(0 0 0)');
    expect(violet.light.buttonRadius).toBe('999px');
    expect(violet.light.padding).not.toBe(teal.light.padding);
    expect(violet.light).not.toEqual(teal.light);
    // For people: the violet brand in both variants, saved with the e2e's other screenshots.
    mkdirSync('test-results/e2e/storybook', { recursive: true });
    await page.locator('[data-playground-screen="sign-in"]').screenshot({ path: 'test-results/e2e/storybook/playground-violet-light-dark.png' });

    // The stylesheet as copied, on a page with nothing but the kit's CSS: the same computed look in
    // each theme, and `system` follows the OS to the matching variant.
    const plainLight = await plainPage(css, 'light');
    expect(await looks(plainLight, '#light')).toEqual(violet.light);
    expect(await looks(plainLight, '#dark')).toEqual(violet.dark);
    expect(await looks(plainLight, '#system')).toEqual(violet.light);
    const plainDark = await plainPage(css, 'dark');
    expect(await looks(plainDark, '#system')).toEqual(violet.dark);
    await Promise.all([before.close(), page.close(), plainLight.close(), plainDark.close()]);
  });
});

describe('Docs pages', () => {
  it('every screen and part has one', () => {
    const index = JSON.parse(readFileSync(join(STATIC, 'index.json'), 'utf8')) as { entries: Record<string, { type: string; title: string }> };
    const entries = Object.values(index.entries);
    const titles = new Set(entries.filter((e) => /^(Screens|Parts)\//.test(e.title)).map((e) => e.title));
    expect(titles.size).toBeGreaterThan(25);
    for (const title of titles) expect(entries.some((e) => e.title === title && e.type === 'docs'), title).toBe(true);
  });

  it("a part's page: what it is for, its props with defaults, its styling hooks and tokens, live examples", async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/iframe.html?id=parts-button--docs&viewMode=docs`);
    await page.getByRole('heading', { name: 'Button', level: 1 }).waitFor();
    await expect(page.getByText("The kit's only button").isVisible()).resolves.toBe(true);
    const variant = page.getByRole('row').filter({ hasText: /^variant/ });
    await expect(variant.textContent()).resolves.toContain("'primary'");
    const hooks = page.getByRole('table', { name: 'Styling hooks' });
    const button = hooks.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '[data-fk="button"]' }) });
    const text = (await button.textContent()) ?? '';
    for (const hook of ['data-state="submitting"', 'data-variant="secondary"', 'data-disabled', '--fk-button-bg', '--fk-button-radius']) expect(text).toContain(hook);
    // The stories below, each rendered live (one after another: the count grows while they render).
    await expect.poll(() => page.getByRole('button', { name: 'Continue' }).count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(5);
    await page.close();
  });

  it("a screen's page renders it live on the reference backend and lists the parts it is made of", async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/iframe.html?id=screens-signinscreen--docs&viewMode=docs`);
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor({ timeout: 30_000 });
    const hooks = page.getByRole('table', { name: 'Styling hooks' });
    await hooks.getByRole('rowheader', { name: '[data-fk="card"]' }).waitFor();
    await expect(hooks.getByRole('rowheader', { name: '[data-fk="input"]' }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Social Sign In' }).getAttribute('href')).resolves.toBe('./?path=/story/screens-signinscreen--social-sign-in');
    await page.close();
  });
});

describe('README', () => {
  it('links only Storybook pages that exist', () => {
    const index = JSON.parse(readFileSync(join(STATIC, 'index.json'), 'utf8')) as { entries: Record<string, unknown> };
    const linked = [...readFileSync('README.md', 'utf8').matchAll(/localhost:6006\/\?path=\/(?:docs|story)\/([\w-]+)/g)].map((m) => m[1]!);
    expect(linked.length).toBeGreaterThanOrEqual(7);
    expect(linked.filter((id) => !(id in index.entries))).toEqual([]);
  });
});
