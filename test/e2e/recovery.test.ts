import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, totpNow, uniqueEmail, useScenario, Visitor, waitForMessage } from './harness.ts';
import { freshTotp, ORDERS, openProtected, reachOrders, setUpTotp, signIn, signOut, signUp, verifyTotp } from './flows.ts';

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
    await v.page.getByRole('button', { name: 'Sign in', exact: true }).click();
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
      await v.page.getByRole('button', { name: 'Sign in', exact: true }).click();
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

  it('the security page connects Demo ID (to the provider and back), lists it, and will not disconnect it from the browser that signed in with it', async () => {
    await useScenario('S1');
    const email = uniqueEmail('connect');
    const v = await Visitor.open(browser, 'connect');
    await openProtected(v);
    await signUp(v, email);
    const secret = await setUpTotp(v);
    await reachOrders(v);
    await v.page.goto('/auth/security');
    await v.seeHeading('Security');
    const section = v.page.locator('section', { has: v.page.getByRole('heading', { name: 'Connected accounts' }) });
    await section.getByText('No other service signs you in.').waitFor();
    await v.reached('security, nothing connected');
    await section.getByRole('button', { name: 'Connect Demo ID', exact: true }).click();
    await atProvider(v, email);
    await v.seeHeading('Security');
    expect(v.path()).toBe('/auth/security');
    await section.getByRole('listitem').filter({ hasText: 'Demo ID' }).waitFor();
    await v.reached('security, Demo ID connected');

    // Signed in with Demo ID this time: that browser may not disconnect it.
    await signOut(v);
    await openProtected(v);
    await v.page.getByRole('button', { name: 'Continue with Demo ID', exact: true }).click();
    await verifyTotp(v, secret);
    await reachOrders(v);
    await v.page.goto('/auth/security');
    await section.getByText('You signed in with it here').waitFor();
    await section.getByRole('button', { name: `Disconnect Demo ID · ${email}` }).click();
    await section.getByText('You signed in with Demo ID on this device. Sign in another way to disconnect it.').waitFor();
    await v.reached('security, disconnect refused');
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

describe('a lost authenticator app (S1): recovery codes', () => {
  it('save the codes at set-up → five wrong codes lock TOTP → a recovery code signs in → a new app is set up in place and works at the next sign-in', async () => {
    await useScenario('S1');
    const email = uniqueEmail('lost-app');
    const v = await Visitor.open(browser, 'lost-app');
    await openProtected(v);
    await signUp(v, email);
    await v.seeHeading('Set up an authenticator app');
    const secret = ((await v.page.getByRole('group', { name: 'Secret key, in groups of four characters' }).textContent()) ?? '').replace(/\s/g, '');
    await v.page.getByRole('textbox', { name: 'Authentication code' }).fill(freshTotp(secret));
    await v.seeHeading('Authenticator app added');
    await v.page.getByRole('button', { name: 'Show my recovery codes' }).click();
    const list = v.page.getByRole('list', { name: 'Your recovery codes' });
    await list.waitFor();
    await v.reached('recovery codes shown');
    const codes = await list.getByRole('listitem').allTextContents();
    expect(codes).toHaveLength(10);
    await v.page.getByRole('button', { name: 'I’ve saved my codes' }).click();
    await reachOrders(v);
    await signOut(v);

    // The phone is gone: wrong codes until code entry pauses.
    await openProtected(v);
    await signIn(v, email);
    await v.seeHeading('Enter your authentication code');
    const field = v.page.getByRole('textbox', { name: 'Authentication code' });
    const right = new Set([totpNow(secret, -1), totpNow(secret, 0), totpNow(secret, 1)]);
    const wrong = ['000000', '111111', '222222', '333333', '444444', '555555', '666666'].filter((c) => !right.has(c));
    const after = ['You have 4 attempts left.', 'You have 3 attempts left.', 'You have 2 attempts left.', 'You have 1 attempt left.'];
    for (let i = 0; i < 5; i++) {
      await field.fill(wrong[i]!);
      await (i < 4 ? v.page.getByText(`That code is not correct. ${after[i]}`).waitFor() : v.page.getByText('Too many attempts').waitFor());
    }
    await v.reached('totp locked');
    await v.page.getByRole('link', { name: 'Lost access? Use a recovery code' }).click();
    await v.seeHeading('Use a recovery code');
    await v.reached('recovery code');
    await v.page.getByRole('textbox', { name: 'Recovery code' }).fill(codes[0]!);
    await v.page.getByRole('button', { name: 'Continue' }).click();
    await v.seeHeading('You’re signed in');
    await v.page.getByText('You have 9 recovery codes left.', { exact: false }).waitFor();
    await v.reached('recovery done');
    await v.page.getByRole('button', { name: 'Set up a new authenticator app' }).click();
    await v.page.getByRole('textbox', { name: 'Device name' }).fill('New phone');
    await v.page.getByRole('button', { name: 'Continue' }).click();
    const group = v.page.getByRole('group', { name: 'Secret key, in groups of four characters' });
    await group.waitFor();
    const newSecret = ((await group.textContent()) ?? '').replace(/\s/g, '');
    await v.page.getByRole('textbox', { name: 'Authentication code' }).fill(freshTotp(newSecret));
    await v.seeHeading('Authenticator app added');
    await v.page.getByRole('button', { name: 'Continue' }).click();
    await reachOrders(v);

    // The new app signs in; the used code does not work again.
    await signOut(v);
    await openProtected(v);
    await signIn(v, email);
    await verifyTotp(v, newSecret);
    await reachOrders(v);
    expect(v.errors).toEqual([]);
    await v.close();
  });
});
