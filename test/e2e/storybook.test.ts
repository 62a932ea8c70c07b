/**
 * Storybook's theme playground in Chromium: a token changed through the story's args changes the
 * screens' computed style, and the stylesheet it offers to copy, on a plain page with the kit's CSS,
 * gives the same computed colours. Serves the static Storybook build (CI builds it first; built here
 * when missing).
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './harness.ts';

const STATIC = 'storybook-static';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };

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

/** What a person sees of the main button, the card and the text. */
const looks = (page: Page, scope: string) =>
  page.evaluate((root) => {
    const el = (selector: string) => getComputedStyle(document.querySelector(`${root} ${selector}`)!);
    const button = el('[data-fk="button"][data-variant="primary"]');
    const card = el('[data-fk="card"]');
    return { buttonBg: button.backgroundColor, buttonFg: button.color, buttonRadius: button.borderTopLeftRadius, cardBg: card.backgroundColor, text: card.color, font: card.fontFamily };
  }, scope);

async function playground(args = ''): Promise<{ page: Page; css: string }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await page.goto(`${base}/iframe.html?id=theme-playground--brand&viewMode=story${args ? `&args=${args}` : ''}`);
  const css = (await page.getByLabel('Your stylesheet').textContent()) ?? '';
  return { page, css };
}

describe('Theme playground', () => {
  it('a token set through the args changes the screen; the copied stylesheet gives the same colours on a plain page', async () => {
    const { page: before } = await playground();
    const teal = await looks(before, '[data-testid="preview"]');
    expect(teal.buttonBg).toBe('rgb(15, 118, 110)');

    const { page, css } = await playground('color-primary:!hex(7c3aed);color-surface:!hex(fefce8)');
    expect(css).toContain('--fk-color-primary: #7c3aed;');
    const violet = await looks(page, '[data-testid="preview"]');
    expect(violet.buttonBg).toBe('rgb(124, 58, 237)');
    expect(violet.cardBg).toBe('rgb(254, 252, 232)');
    // Text on the new primary is the kit's own choice (white on this violet).
    expect(violet.buttonFg).toBe('oklch(1 0 0)');
    expect(violet).not.toEqual(teal);

    const plain = await browser.newPage();
    const kitCss = readFileSync('src/ui/theme/styles.css', 'utf8');
    await plain.setContent(
      `<!doctype html><html><head><style>${kitCss}</style><style>${css}</style></head><body>` +
        `<div id="app" data-fk-theme="light"><div data-fk="screen"><section data-fk="card"><h1 data-fk="heading">Check your email</h1>` +
        `<button data-fk="button" data-variant="primary" type="button">Verify</button></section></div></div></body></html>`,
    );
    expect(await looks(plain, '#app')).toEqual(violet);
    await Promise.all([before.close(), page.close(), plain.close()]);
  });
});
