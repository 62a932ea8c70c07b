import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, uniqueEmail, useScenario, Visitor, waitForMessage } from './harness.ts';
import { ORDERS, openProtected, reachOrders, setUpTotp, signIn, signOut, signUp, verifyTotp } from './flows.ts';

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

describe('social sign-in through a real OpenID provider (S1)', () => {
  /** On the provider's own page: type an address and sign in, or cancel. */
  async function atProvider(v: Visitor, email: string | null): Promise<void> {
    await v.page.waitForURL((url) => url.pathname.startsWith('/interaction/'));
    await v.page.getByRole('heading', { level: 1 }).waitFor();
    if (email === null) await v.page.getByRole('button', { name: 'Cancel' }).click();
    else {
      await v.page.getByLabel('Email address').fill(email);
      await v.page.getByRole('button', { name: 'Sign in' }).click();
    }
  }

  it('“Continue with Demo ID” → the provider’s page → back, then TOTP → the page asked for; the next time, the same account', async () => {
    await useScenario('S1');
    const email = uniqueEmail('social');
    const v = await Visitor.open(browser, 'social');
    await openProtected(v);
    await v.page.getByRole('button', { name: 'Continue with Demo ID', exact: true }).click();
    await atProvider(v, email);
    const secret = await setUpTotp(v);
    await reachOrders(v);
    await signOut(v);

    await openProtected(v);
    await v.page.getByRole('button', { name: 'Continue with Demo ID', exact: true }).click();
    // The provider remembers the person (its own session): straight back, as with a real provider.
    await verifyTotp(v, secret);
    await reachOrders(v);
    expect(v.errors).toEqual([]);
    await v.close();
  });

  it('the provider’s refusals, in words a person can act on', async () => {
    await useScenario('S1');
    const v = await Visitor.open(browser, 'social-errors');
    await openProtected(v);
    await v.page.getByRole('button', { name: 'Continue with Demo ID', exact: true }).click();
    await atProvider(v, null);
    await v.seeHeading('Sign-in cancelled');
    await v.reached('cancelled');
    await v.page.getByRole('link', { name: 'Back to sign in' }).click();
    await v.seeHeading('Sign in');

    await v.page.getByRole('button', { name: 'Continue with Demo ID (no email)' }).click();
    await atProvider(v, uniqueEmail('no-email'));
    await v.seeHeading('No email address from Demo ID (no email)');
    await v.reached('no email');

    // A way back this tab did not start (a link someone sent): nothing is sent to the backend.
    await v.page.goto('/auth/callback/demo-id?code=someone-elses-code&state=not-ours');
    await v.seeHeading('This sign-in did not start here');
    await v.reached('not started here');
    await v.close();
  });
});
