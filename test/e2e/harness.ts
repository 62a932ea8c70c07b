/**
 * The e2e harness: Debian's Chromium through playwright-core, the demo started by globalSetup,
 * axe-core injected into every screen reached, a screenshot of every step under test-results/e2e/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import * as OTPAuth from 'otpauth';
import { expect, inject } from 'vitest';
import type { SeedScenarioId } from '../../src/testing/seedScenarios.ts';

export const demo = inject('demo');
export const PASSWORD = 'e2e-Passw0rd';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Switches the demo's backend to a scenario (as the demo's switcher does, without the UI). */
export async function useScenario(id: SeedScenarioId): Promise<void> {
  const response = await fetch(`${demo.apiUrl}/demo/scenario`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id }) });
  expect(response.status).toBe(200);
}

let counter = 0;
/** An address nobody else in the run uses. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${++counter}@example.com`;
}

const DESKTOP = { width: 1000, height: 900 };

/**
 * Narrows the page to `width` and measures what sticks out: how far the document scrolls sideways
 * and the elements (up to five) whose box crosses either edge. The viewport stays narrow; the caller restores it.
 */
export async function overflowAt(page: Page, width: number): Promise<{ overflowBy: number; wider: string[] }> {
  await page.setViewportSize({ width, height: 700 });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return page.evaluate(() => {
    const edge = document.documentElement.clientWidth;
    const wider = [...document.querySelectorAll('body *')]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        const style = getComputedStyle(e);
        // Visually hidden text (clipped to a pixel) is not seen and does not scroll.
        return r.width > 1 && style.visibility !== 'hidden' && (r.right > edge + 0.5 || r.left < -0.5);
      })
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}${e.getAttribute('data-fk') ? `[data-fk=${e.getAttribute('data-fk')}]` : ''} ${Math.round(e.getBoundingClientRect().left)}..${Math.round(e.getBoundingClientRect().right)}`);
    return { overflowBy: document.documentElement.scrollWidth - edge, wider };
  });
}

/**
 * The kit's controls (inside its `data-fk` markup; the demo's own header is not the kit) that fail
 * WCAG 2.2's target size (2.5.8, AA): smaller than 24 × 24 CSS px, unless a 24 px circle on the
 * target's centre touches no other target and no other small target's circle (the spacing
 * exception). Links in a line of text are exempt, as the criterion says.
 */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const union = (a: DOMRect, b: DOMRect) => {
      const left = Math.min(a.left, b.left);
      const top = Math.min(a.top, b.top);
      return new DOMRect(left, top, Math.max(a.right, b.right) - left, Math.max(a.bottom, b.bottom) - top);
    };
    const targets = [...document.querySelectorAll<HTMLElement>('button, a[href], input:not([type="hidden"]), select, textarea, summary')]
      .filter((e) => getComputedStyle(e).visibility !== 'hidden')
      // A field's label takes the same clicks, so it is part of the target.
      .map((e) => ({ e, r: [...((e as HTMLInputElement).labels ?? [])].reduce((box, label) => union(box, label.getBoundingClientRect()), e.getBoundingClientRect()) }))
      .filter(({ r }) => r.width > 0 && r.height > 0);
    const small = targets.filter(({ e, r }) => (r.width < 24 || r.height < 24) && !(e.tagName === 'A' && getComputedStyle(e).display === 'inline'));
    const centre = (r: DOMRect) => ({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
    const distanceToBox = (p: { x: number; y: number }, r: DOMRect) => Math.hypot(Math.max(r.left - p.x, 0, p.x - r.right), Math.max(r.top - p.y, 0, p.y - r.bottom));
    return small
      .filter(({ e }) => e.closest('[data-fk]') !== null)
      .filter(({ e, r }) => {
        const c = centre(r);
        const crowded = targets.some((t) => t.e !== e && !t.e.contains(e) && !e.contains(t.e) && !t.e.closest('label')?.contains(e) && distanceToBox(c, t.r) < 12);
        const overlapping = small.some((t) => t.e !== e && Math.hypot(centre(t.r).x - c.x, centre(t.r).y - c.y) < 24);
        return crowded || overlapping;
      })
      .map(({ e, r }) => `${e.tagName.toLowerCase()}${e.dataset.fk ? `[data-fk=${e.dataset.fk}]` : ''} "${(e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 40)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
  });
}

/** A user's browsing session: a fresh context (own cookies and storage), a page, numbered steps. */
export class Visitor {
  private step = 0;
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly folder: string,
  ) {}

  static async open(browser: Browser, name: string): Promise<Visitor> {
    const context = await browser.newContext({ baseURL: demo.webUrl, viewport: DESKTOP });
    const page = await context.newPage();
    const folder = `test-results/e2e/${name.replace(/[^\w.-]+/g, '-')}`;
    mkdirSync(folder, { recursive: true });
    const visitor = new Visitor(context, page, folder);
    page.on('pageerror', (error) => visitor.errors.push(error));
    // Chromium reports each thing the Content Security Policy refused (Trusted Types included) as a console error.
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|requires 'Trusted\w+' assignment/.test(message.text())) visitor.cspViolations.push(`${message.text()} (${page.url()})`);
    });
    return visitor;
  }

  /** Uncaught errors in the page. */
  readonly errors: Error[] = [];
  /** What the demo's Content Security Policy refused (demo/preview.ts): nothing, on every screen. */
  readonly cspViolations: string[] = [];

  async close(): Promise<void> {
    await this.context.close();
  }

  /**
   * One step the user reached: waits for `ready` (a heading, usually), runs axe (zero violations),
   * checks that it fits a 320 px phone without scrolling sideways, that the kit's targets are big
   * enough to hit at both widths, and that the Content Security Policy refused nothing so far, and
   * saves a screenshot at each width.
   */
  async reached(label: string, ready?: () => Promise<unknown>): Promise<void> {
    await ready?.();
    await this.page.waitForLoadState('domcontentloaded');
    await this.page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    const file = `${this.folder}/${String(++this.step).padStart(2, '0')}-${label.replace(/[^\w.-]+/g, '-')}`;
    await this.page.screenshot({ path: `${file}.png`, fullPage: true });
    const violations = await axeViolations(this.page);
    expect(violations, `axe on "${label}" (${this.page.url()}):\n${violations.join('\n')}`).toEqual([]);
    const smallAtDesktop = await smallTargets(this.page);
    const overflow = await overflowAt(this.page, 320);
    const smallOnPhone = await smallTargets(this.page);
    await this.page.screenshot({ path: `${file}-320.png`, fullPage: true });
    await this.page.setViewportSize(DESKTOP);
    expect(overflow, `"${label}" (${this.page.url()}) scrolls sideways at 320 px`).toEqual({ overflowBy: 0, wider: [] });
    expect({ desktop: smallAtDesktop, phone: smallOnPhone }, `targets too small to hit on "${label}" (${this.page.url()})`).toEqual({ desktop: [], phone: [] });
    expect(this.cspViolations, `the Content Security Policy refused something by "${label}"`).toEqual([]);
  }

  /** The visible heading of level 1. */
  heading(name: string | RegExp) {
    return this.page.getByRole('heading', { level: 1, name });
  }

  /** Waits for the level-1 heading; on a timeout saves `failure.png` and says where the user is instead. */
  async seeHeading(name: string | RegExp, timeout = 15_000): Promise<void> {
    try {
      await this.heading(name).waitFor({ state: 'visible', timeout });
    } catch (error) {
      await this.page.screenshot({ path: `${this.folder}/failure.png`, fullPage: true }).catch(() => undefined);
      const headings = await this.page.getByRole('heading', { level: 1 }).allTextContents().catch(() => []);
      const errors = this.errors.length > 0 ? `; errors in the page: ${this.errors.map((e) => e.message).join(' | ')}` : '';
      throw new Error(`Expected heading ${String(name)} at ${this.page.url()}; the page shows ${JSON.stringify(headings)}${errors}`, { cause: error });
    }
  }

  /** The current path and query. */
  path(): string {
    const url = new URL(this.page.url());
    return url.pathname + url.search;
  }
}

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[];
}

/**
 * axe findings judged not to be failures, each narrowed to the elements it concerns.
 * FactorOption's visible label is the factor's name, and its accessible name is exactly that; the
 * line under it is its accessible description. axe's `label-content-name-mismatch` (an experimental
 * rule, seen only with layout) wants the description inside the name too. WCAG 2.5.3 asks that the
 * name contain the visible label, which it does: a voice-control user says "Authenticator app", and a
 * screen reader says the name, the role, then the description.
 */
const KNOWN: { rule: string; selector: string }[] = [{ rule: 'label-content-name-mismatch', selector: '[data-fk="factor-option"]' }];

/** axe-core's violations on the page as it is now, in a readable shape. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through DevTools: a <script> tag of its own would be inline, which the demo's policy refuses.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = (await page.evaluate(() => (window as unknown as { axe: { run(options: object): Promise<unknown> } }).axe.run({ resultTypes: ['violations'] }))) as AxeResult;
  const found: string[] = [];
  for (const v of result.violations) {
    for (const n of v.nodes) {
      const selector = n.target[0]!;
      const known = KNOWN.filter((k) => k.rule === v.id).map((k) => k.selector);
      if (known.length > 0 && (await page.evaluate(([s, ks]) => ks.some((k) => document.querySelector(s)?.matches(k)), [selector, known] as const))) continue;
      found.push(`${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(n.target)}`);
    }
  }
  return found;
}

/** One message of the dev outbox. */
export interface OutboxMessage {
  id: number;
  to: string;
  type: 'PASSWORDLESS_LOGIN' | 'EMAIL_VERIFICATION' | 'PASSWORD_RESET' | 'WEBAUTHN_RECOVER_ACCOUNT' | 'SECURITY_NOTICE';
  userInputCode?: string;
  link?: string;
}

export async function outbox(to?: string): Promise<OutboxMessage[]> {
  const response = await fetch(`${demo.apiUrl}/auth/dev/outbox${to ? `?to=${encodeURIComponent(to)}` : ''}`);
  return ((await response.json()) as { messages: OutboxMessage[] }).messages;
}

/** The newest message to `to` of a type, waiting for it (after `afterId` when given). */
export async function waitForMessage(to: string, type: OutboxMessage['type'], afterId = 0): Promise<OutboxMessage> {
  for (let i = 0; i < 100; i++) {
    const found = (await outbox(to)).find((m) => m.type === type && m.id > afterId);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`No ${type} message to ${to} in the outbox`);
}

/** The newest message id for `to` (0 when none), to wait for the next one. */
export async function lastMessageId(to: string): Promise<number> {
  return (await outbox(to))[0]?.id ?? 0;
}

/** The TOTP code an authenticator app would show now for a base32 secret. */
export function totpNow(secret: string, offsetPeriods = 0): string {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret.replace(/\s+/g, '')), digits: 6, period: 30, algorithm: 'SHA1' });
  return totp.generate({ timestamp: Date.now() + offsetPeriods * 30_000 });
}

