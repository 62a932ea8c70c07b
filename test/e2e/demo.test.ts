/** The demo's own pages, whatever the scenario: the dev outbox, the scenario switch, theme and language. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, launchBrowser, smallTargets, uniqueEmail, useScenario, Visitor, waitForMessage } from './harness.ts';
import { signUp } from './flows.ts';

describe('demo app', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('shows the codes the backend sent in the dev outbox, as text', async () => {
    await useScenario('S7');
    // Tenant B allows email OTP as a first factor: asking for a code puts one in the outbox.
    const email = uniqueEmail('outbox');
    const response = await fetch(`${demo.apiUrl}/auth/tenant-b/signinup/code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', rid: 'passwordless', 'fdi-version': '3.1' },
      body: JSON.stringify({ email, shouldTryLinkingWithSessionUser: false }),
    });
    expect(response.status).toBe(200);
    const message = await waitForMessage(email, 'PASSWORDLESS_LOGIN');

    const v = await Visitor.open(browser, 'demo-outbox');
    await v.page.goto('/outbox');
    await v.seeHeading('Dev outbox');
    const row = v.page.getByRole('row').filter({ hasText: email });
    await row.waitFor();
    expect(await row.textContent()).toContain(message.userInputCode);
    await v.reached('outbox');
    await v.close();
  });

  it('sends a signed-out visitor from a protected page to sign in, remembering the page and its query', async () => {
    await useScenario('S1');
    const v = await Visitor.open(browser, 'demo-protected');
    await v.page.goto('/orders?status=open');
    await v.page.waitForURL((url) => url.pathname === '/auth');
    expect(new URL(v.page.url()).searchParams.get('redirectToPath')).toBe('/orders?status=open');
    expect(await v.heading('Your orders').count()).toBe(0);
    await v.close();
  });

  it('switches the scenario from the header and starts afresh', async () => {
    await useScenario('S1');
    const v = await Visitor.open(browser, 'demo-switch');
    await v.page.goto('/');
    await v.seeHeading(/^S1:/);
    await v.reached('home S1');
    await v.page.getByRole('combobox', { name: 'Scenario', exact: true }).selectOption('S3');
    await v.seeHeading(/^S3:/);
    const info = (await (await fetch(`${demo.apiUrl}/demo/scenario`)).json()) as { id: string };
    expect(info.id).toBe('S3');
    await v.reached('home S3');
    await v.close();
  });

  it('signed in, switching the tenant signs out and the new tenant applies; the home page says sign-in is not finished mid-MFA', async () => {
    await useScenario('S7');
    const v = await Visitor.open(browser, 'demo-tenant-switch');
    const missing: string[] = [];
    v.page.on('response', (r) => {
      if (r.status() === 404) missing.push(r.url());
    });
    await v.page.goto('/');
    await v.seeHeading(/^S7:/);
    await v.page.getByRole('link', { name: 'Sign in' }).click();
    await v.seeHeading('Sign in');
    await signUp(v, uniqueEmail('tenant-switch'));
    await v.seeHeading('Check your email');
    await v.page.goto('/');
    await v.page.getByText('Your sign-in is not finished yet.').waitFor();
    expect(await v.page.getByText('You are signed in.').count()).toBe(0);
    const tenant = v.page.getByRole('combobox', { name: 'Tenant', exact: true });
    expect(await tenant.inputValue()).toBe('tenant-a');
    await tenant.selectOption('tenant-b');
    await v.page.getByText('You are signed out.').waitFor();
    expect(await v.page.getByRole('combobox', { name: 'Tenant', exact: true }).inputValue()).toBe('tenant-b');
    await v.reached('tenant B, signed out');
    // No request of the page went unanswered (the favicon included).
    expect(missing).toEqual([]);
    await v.close();
  });

  it('applies the theme and the language to the whole page, right to left in Arabic', async () => {
    await useScenario('S6');
    const v = await Visitor.open(browser, 'demo-theme-locale');
    await v.page.goto('/');
    await v.seeHeading(/^S6:/);
    for (const theme of ['light', 'dark', 'high-contrast', 'system']) {
      await v.page.getByRole('combobox', { name: 'Theme', exact: true }).selectOption(theme);
      expect(await v.page.locator('html').getAttribute('data-fk-theme')).toBe(theme);
      await v.reached(`theme ${theme}`);
    }
    await v.page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('ar');
    expect(await v.page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await v.page.locator('html').getAttribute('lang')).toBe('ar');
    await v.reached('arabic');
    // Kept across a reload.
    await v.page.reload();
    await v.seeHeading(/^S6:/);
    expect(await v.page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await v.page.locator('html').getAttribute('data-fk-theme')).toBe('system');
    await v.close();
  });

  it("the harness's target-size check finds a control too small to hit beside another, and lets a small one with room around it be", async () => {
    const v = await Visitor.open(browser, 'demo-target-size');
    await v.page.goto('/auth');
    await v.seeHeading('Sign in');
    expect(await smallTargets(v.page)).toEqual([]);
    // A 16 px button right beside "Create an account": its 24 px circle touches that button.
    const rects = await v.page.evaluate(() => {
      const crowded = Object.assign(document.createElement('button'), { type: 'button' });
      crowded.setAttribute('aria-label', 'Too close');
      Object.assign(crowded.style, { display: 'inline-block', inlineSize: '16px', blockSize: '16px', padding: '0', margin: '0', border: '0', minInlineSize: '0', minBlockSize: '0' });
      document.querySelector('[data-fk="switch-mode"] button')!.after(crowded);
      // The same size with room on every side meets the spacing exception.
      const spaced = crowded.cloneNode(true) as HTMLButtonElement;
      spaced.setAttribute('aria-label', 'Room around it');
      Object.assign(spaced.style, { display: 'block', margin: '40px auto' });
      document.querySelector('[data-fk="screen-footer"]')!.append(spaced);
      return [crowded, spaced].map((b) => `${Math.round(b.getBoundingClientRect().width)}×${Math.round(b.getBoundingClientRect().height)}`);
    });
    expect(rects).toEqual(['16×16', '16×16']);
    expect(await smallTargets(v.page)).toEqual(['button "Too close" 16×16']);
    await v.close();
  });
});
