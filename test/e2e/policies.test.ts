/** S5–S7: second factors some users need (opt-in in settings, admins only, per tenant). */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastMessageId, launchBrowser, uniqueEmail, useScenario, Visitor, waitForMessage } from './harness.ts';
import { enterEmailCode, freshTotp, openProtected, reachOrders, signIn, signOut, signUp, verifyTotp } from './flows.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

async function openSettings(v: Visitor): Promise<void> {
  await v.page.getByRole('navigation', { name: 'Demo' }).getByRole('link', { name: 'Settings' }).click();
  await v.seeHeading('Two-step verification');
  await v.reached('settings');
}

describe('S5 opt-in per user', () => {
  it('nothing is asked until the user turns the email code on in settings; then the next sign-in asks for it', async () => {
    await useScenario('S5');
    const v = await Visitor.open(browser, 'S5-email');
    const email = uniqueEmail('s5-someone-with-a-long-address');
    await openProtected(v);
    await signUp(v, email);
    await reachOrders(v);
    await openSettings(v);
    const toggle = v.page.getByRole('switch', { name: 'Use Code by email at sign-in' });
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    const before0 = await lastMessageId(email);
    await toggle.click();
    // The new rule applies at once: the page asks for the code in place, saying why, and never leaves.
    const panel = v.page.getByRole('region', { name: 'Verify Code by email once to finish turning it on.' });
    await panel.waitFor();
    await v.reached('verify to finish');
    await panel.getByRole('button', { name: `Send a code to ${email}` }).click();
    const message = await waitForMessage(email, 'PASSWORDLESS_LOGIN', before0);
    await panel.getByRole('textbox', { name: 'Verification code' }).fill(message.userInputCode!);
    await v.seeHeading('Two-step verification');
    expect(v.path()).toBe('/settings');
    await v.page.getByRole('switch', { name: 'Use Code by email at sign-in', checked: true }).waitFor();
    await v.reached('email code on');

    await signOut(v);
    const before = await lastMessageId(email);
    await openProtected(v);
    await signIn(v, email);
    await enterEmailCode(v, email, before);
    await reachOrders(v);
    await v.close();
  });

  it('the user sets up an authenticator app from the settings; the next sign-in asks for its code', async () => {
    await useScenario('S5');
    const v = await Visitor.open(browser, 'S5-totp');
    const email = uniqueEmail('s5t');
    await openProtected(v);
    await signUp(v, email);
    await reachOrders(v);
    await openSettings(v);
    await v.page.getByRole('switch', { name: 'Use Authenticator app at sign-in' }).click();
    const panel = v.page.getByRole('region', { name: 'Set up an authenticator app' });
    await panel.getByLabel('Device name').fill('Laptop');
    await panel.getByRole('button', { name: 'Continue' }).click();
    const secret = ((await panel.getByRole('group', { name: 'Secret key, in groups of four characters' }).textContent()) ?? '').replace(/\s/g, '');
    await v.reached('settings totp setup');
    await panel.getByRole('textbox', { name: 'Authentication code' }).fill(freshTotp(secret));
    await v.page.getByRole('switch', { name: 'Use Authenticator app at sign-in', checked: true }).waitFor();
    await v.reached('totp on');

    await signOut(v);
    await openProtected(v);
    await signIn(v, email);
    await verifyTotp(v, secret);
    await reachOrders(v);
    await v.close();
  });
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
