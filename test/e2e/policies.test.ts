/** S5–S7: second factors some users need (opt-in in settings, admins only, per tenant). */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { launchBrowser, uniqueEmail, useScenario, Visitor } from './harness.ts';
import { enterEmailCode, openProtected, reachOrders, signIn, signUp } from './flows.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('S6 email code for admins only', () => {
  it('the seeded admin enters an email code', async () => {
    await useScenario('S6');
    const v = await Visitor.open(browser, 'S6-admin');
    await openProtected(v);
    await signIn(v, 'admin@example.com', 'password123');
    await enterEmailCode(v, 'admin@example.com');
    await reachOrders(v);
    await v.close();
  });

  it('a new user gets straight in', async () => {
    await useScenario('S6');
    const v = await Visitor.open(browser, 'S6-user');
    await openProtected(v);
    await signUp(v, uniqueEmail('s6'));
    await reachOrders(v);
    await v.close();
  });
});

describe('S7 per tenant', () => {
  it('tenant A: email and password, then an email code', async () => {
    await useScenario('S7');
    const v = await Visitor.open(browser, 'S7-tenant-a');
    await v.page.goto('/');
    await v.page.getByRole('combobox', { name: 'Tenant', exact: true }).selectOption('tenant-a');
    await v.seeHeading(/^S7:/);
    const email = uniqueEmail('s7a');
    await openProtected(v);
    await signUp(v, email);
    await enterEmailCode(v, email);
    await reachOrders(v);
    await v.close();
  });

  it('tenant B: email and password, nothing more', async () => {
    await useScenario('S7');
    const v = await Visitor.open(browser, 'S7-tenant-b');
    await v.page.goto('/');
    await v.page.getByRole('combobox', { name: 'Tenant', exact: true }).selectOption('tenant-b');
    await v.seeHeading(/^S7:/);
    await openProtected(v);
    await signUp(v, uniqueEmail('s7b'));
    await reachOrders(v);
    await v.close();
  });
});
