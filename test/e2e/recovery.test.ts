import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, uniqueEmail, useScenario, Visitor, waitForMessage } from './harness.ts';
import { ORDERS, openProtected, reachOrders, setUpTotp, signIn, signUp, verifyTotp } from './flows.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

describe('a forgotten password (S1: TOTP for everyone)', () => {
  it('“Forgot your password?” → the link → a new password → sign in with it and TOTP → the page asked for; the old session is over', async () => {
    await useScenario('S1');
    const email = uniqueEmail('reset');
    // Another browser where the user is signed in already.
    const before = await Visitor.open(browser, 'reset-other-browser');
    await openProtected(before);
    await signUp(before, email);
    const secret = await setUpTotp(before);
    await reachOrders(before);

    const v = await Visitor.open(browser, 'reset');
    await openProtected(v);
    await v.page.getByRole('link', { name: 'Forgot your password?' }).click();
    await v.seeHeading('Reset your password');
    await v.reached('reset request');
    await v.page.getByLabel('Email address').fill(email);
    await v.page.getByRole('button', { name: 'Send the link' }).click();
    await v.seeHeading('Check your email');
    await v.reached('reset sent');
    const message = await waitForMessage(email, 'PASSWORD_RESET');
    expect(message.link).toContain('/auth/reset-password?token=');
    await v.page.goto(message.link!);
    await v.seeHeading('Choose a new password');
    // The token does not stay in the address bar.
    expect(new URL(v.page.url()).searchParams.has('token')).toBe(false);
    await v.page.getByLabel('New password', { exact: true }).fill('brand-new-Passw0rd');
    await v.page.getByLabel('New password, again').fill('brand-new-Passw0rd');
    await v.reached('reset form');
    await v.page.getByRole('button', { name: 'Save the new password' }).click();
    await v.seeHeading('Your password is changed');
    await v.reached('reset done');
    await v.page.getByRole('button', { name: 'Sign in' }).click();
    await v.seeHeading('Sign in');
    await signIn(v, email, 'brand-new-Passw0rd');
    await verifyTotp(v, secret);
    // The page first asked for, although the link opened a fresh page.
    await reachOrders(v);

    // The other browser's session ended with the reset: the next request it makes (its settings
    // page) is refused, and it asks to sign in again. (A page that makes no request trusts its access
    // token until it expires, as with any SuperTokens session.)
    await before.page.getByRole('link', { name: 'Settings' }).click();
    await before.seeHeading('Sign in');
    expect(v.errors).toEqual([]);
    await v.close();
    await before.close();
  });
});

describe('magic links (S7, tenant C)', () => {
  async function inTenantC(name: string): Promise<Visitor> {
    const v = await Visitor.open(browser, name);
    await v.page.goto('/');
    await v.page.getByRole('combobox', { name: 'Tenant', exact: true }).selectOption('tenant-c');
    await v.seeHeading(/^S7:/);
    return v;
  }

  async function askForLink(v: Visitor, email: string): Promise<string> {
    await openProtected(v);
    await v.page.getByRole('button', { name: 'Sign in with a link by email' }).click();
    await v.seeHeading('Get a sign-in link by email');
    await v.page.getByLabel('Email address').fill(email);
    await v.page.getByRole('button', { name: 'Send the link' }).click();
    await v.seeHeading('Check your email');
    await v.reached('link sent');
    const message = await waitForMessage(email, 'PASSWORDLESS_LOGIN');
    expect(message.userInputCode).toBeUndefined();
    expect(message.link).toMatch(/\/auth\/verify\?preAuthSessionId=.+&tenantId=tenant-c#.+/);
    return message.link!;
  }

  it('same browser: the link signs in at once and lands on the page asked for, its secret gone from the address bar', async () => {
    await useScenario('S7');
    const v = await inTenantC('magic-link-same-browser');
    const email = uniqueEmail('magic');
    const link = await askForLink(v, email);
    await v.page.goto(link);
    await reachOrders(v);
    expect(v.page.url()).not.toContain('#');
    expect(v.errors).toEqual([]);
    await v.close();
  });

  it('another browser: it asks first (a mail scanner signs nobody in), then signs in; the link works once', async () => {
    await useScenario('S7');
    const asker = await inTenantC('magic-link-asker');
    const email = uniqueEmail('magic-other');
    const link = await askForLink(asker, email);
    await asker.close();

    const v = await inTenantC('magic-link-other-browser');
    await v.page.goto(link);
    await v.seeHeading('Sign in on this device?');
    await v.reached('confirm');
    await v.page.getByRole('button', { name: 'Continue signing in' }).click();
    await v.seeHeading(/^S7:/);
    expect(v.path()).not.toBe(ORDERS);
    await v.page.goto(link);
    await v.page.getByRole('button', { name: 'Continue signing in' }).click();
    await v.seeHeading('This sign-in link no longer works');
    await v.reached('dead link');
    await v.close();
  });
});
