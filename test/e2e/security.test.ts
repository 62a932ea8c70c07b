/**
 * Attacks that need a real browser (test/security has the rest, over HTTP): an open redirect through
 * dot segments (finding 5), a form on another origin of the same site posting with the user's
 * cookies (finding 6), and the strict Content Security Policy every e2e flow runs under.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from './flows.ts';
import { demo, launchBrowser, uniqueEmail, useScenario, Visitor } from './harness.ts';

describe('attacks in the browser', () => {
  let browser: Browser;
  let attacker: Server;
  let attackerOrigin: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    // The attacker's page, on another localhost port: the same site as the demo, so SameSite=Lax
    // cookies go along with a form POST to the API.
    attacker = createServer((req, res) => {
      const target = new URL(req.url ?? '/', 'http://x').searchParams.get('target') ?? '';
      res.setHeader('content-type', 'text/html; charset=utf-8');
      // A simple request (text/plain, no custom header): no CORS preflight, and the browser adds the cookies.
      const body = JSON.stringify(JSON.stringify({ factorId: 'otp-email' }));
      res.end(`<!doctype html><title>Win a prize</title><script>fetch(${JSON.stringify(target)}, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: ${body} })</script>`);
    });
    await new Promise<void>((done) => attacker.listen(0, '127.0.0.1', done));
    attackerOrigin = `http://localhost:${(attacker.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await browser.close();
    await new Promise((done) => attacker.close(done));
  });

  it('finding 5: a dot-segment redirect path never takes the user off the site, after sign-up or when already signed in', async () => {
    await useScenario('S5');
    const v = await Visitor.open(browser, 'security-redirect');
    await v.page.goto(`/auth?redirectToPath=${encodeURIComponent('/.//evil.example/steal')}`);
    await v.seeHeading('Sign in');
    await signUp(v, uniqueEmail('redirect'));
    await v.page.waitForURL((url) => url.pathname !== '/auth');
    expect(new URL(v.page.url()).origin).toBe(demo.webUrl);
    // Signed in, opening the sign-in page with a hostile path: no navigation away without a click.
    for (const hostile of ['/%2e//evil.example', '/a/..//evil.example']) {
      await v.page.goto(`/auth?redirectToPath=${encodeURIComponent(hostile)}`);
      await v.page.waitForURL((url) => url.pathname !== '/auth');
      expect(new URL(v.page.url()).origin).toBe(demo.webUrl);
    }
    await v.close();
  });

  it('finding 6: a page on another port of the same site cannot turn a factor on or sign the user out with the cookies', async () => {
    await useScenario('S5');
    const v = await Visitor.open(browser, 'security-csrf');
    await v.page.goto('/auth');
    await v.seeHeading('Sign in');
    const email = uniqueEmail('csrf');
    await signUp(v, email);
    await v.page.waitForURL((url) => url.pathname !== '/auth');
    const cookies = await v.context.cookies(demo.apiUrl);
    expect(cookies.map((c) => c.name)).toContain('sAccessToken');

    for (const path of ['/auth/fk/mfa/settings/required-factors/add', '/auth/signout']) {
      const page = await v.context.newPage();
      const answered = page.waitForResponse((r) => r.url().startsWith(`${demo.apiUrl}${path}`));
      await page.goto(`${attackerOrigin}/?target=${encodeURIComponent(`${demo.apiUrl}${path}`)}`);
      expect((await answered).status()).toBe(403);
      await page.close();
    }
    // Still signed in, and nothing was turned on.
    await v.page.goto('/settings');
    await v.page.getByRole('switch', { name: 'Use Code by email at sign-in' }).waitFor();
    expect(await v.page.getByRole('switch', { name: 'Use Code by email at sign-in' }).getAttribute('aria-checked')).toBe('false');
    await v.close();
  });

  it('the demo runs under a strict Content Security Policy: injected HTML, script and style are refused, and the harness sees it', async () => {
    const v = await Visitor.open(browser, 'security-csp');
    const response = await v.page.goto('/auth');
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await v.seeHeading('Sign in');
    // What an injection (a field rendered as HTML somewhere) would try: none of it runs or applies.
    const outcome = await v.page.evaluate(async () => {
      let html = 'accepted';
      try {
        document.body.insertAdjacentHTML('beforeend', '<img src="x" onerror="window.__injected = 1">');
      } catch (error) {
        html = (error as Error).message;
      }
      const script = document.createElement('script');
      script.append(document.createTextNode('window.__injected = 2'));
      document.body.append(script);
      const style = document.createElement('style');
      style.append(document.createTextNode('body { outline: 7px solid red }'));
      document.head.append(style);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { html, ran: (window as { __injected?: number }).__injected ?? 0, styled: getComputedStyle(document.body).outlineWidth === '7px' };
    });
    expect(outcome).toMatchObject({ ran: 0, styled: false });
    expect(outcome.html).toMatch(/TrustedHTML/);
    // And the harness, which checks every step of every e2e flow, saw all three.
    await expect.poll(() => v.cspViolations.join('\n')).toMatch(/TrustedHTML[\s\S]*TrustedScript[\s\S]*style-src/);
    await v.close();
  });
});
