/**
 * What users do besides the happy path: reload in the middle of a factor, sign out in another tab,
 * press back after finishing a factor, type wrong codes until locked out.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, outbox, totpNow, uniqueEmail, useScenario, Visitor, waitForMessage } from './harness.ts';
import { choose, enterEmailCode, openProtected, reachOrders, setUpTotp, signIn, signOut, signUp, verifyEmailByLink } from './flows.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** A 6-digit code that is not `code`. */
const wrong = (code: string) => code.slice(0, 5) + String((Number(code[5]) + 1) % 10);

describe('reload in the middle of a factor', () => {
  it('resumes the chooser, the email code (without sending another) and the TOTP set-up', async () => {
    await useScenario('S3');
    const v = await Visitor.open(browser, 'reload-S3');
    const email = uniqueEmail('reload');
    await openProtected(v);
    await signUp(v, email);
    await v.seeHeading('Choose how to verify');
    await v.page.reload();
    await choose(v, ['Authenticator app', 'Code by email'], 'Code by email');

    await v.seeHeading('Check your email');
    const sent = await waitForMessage(email, 'PASSWORDLESS_LOGIN');
    await v.page.reload();
    await v.seeHeading('Check your email');
    await v.reached('email code after reload');
    expect((await outbox(email)).length).toBe(1);
    await v.page.getByRole('textbox', { name: 'Verification code' }).fill(sent.userInputCode!);
  
    await v.seeHeading('Set up an authenticator app');
    await v.page.reload();
    await setUpTotp(v);
    await reachOrders(v);
    await v.close();
  });

  it('resumes the "check your inbox" step', async () => {
    await useScenario('S8');
    const v = await Visitor.open(browser, 'reload-S8');
    const email = uniqueEmail('reload-ev');
    await openProtected(v);
    await signUp(v, email);
    await v.seeHeading('Check your inbox');
    await v.page.reload();
    await verifyEmailByLink(v, email);
    await enterEmailCode(v, email);
    await reachOrders(v);
    await v.close();
  });
});

describe('tabs and history', () => {
  it('a second tab that signs out takes the first one with it', async () => {
    await useScenario('S6');
    const v = await Visitor.open(browser, 'two-tabs');
    await openProtected(v);
    await signUp(v, uniqueEmail('tabs'));
    await reachOrders(v);
    const second = await v.context.newPage();
    await second.goto('/settings');
    await second.getByRole('button', { name: 'Sign out' }).first().click();
    await second.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await v.seeHeading('Sign in');
    await v.reached('first tab signed out');
    await v.close();
  });

  it('back after finishing a factor does not open it again', async () => {
    await useScenario('S1');
    const v = await Visitor.open(browser, 'back-button');
    await v.page.goto('/');
    await v.seeHeading(/^S1:/);
    await v.page.getByRole('navigation', { name: 'Demo' }).getByRole('link', { name: 'Orders' }).click();
    await v.seeHeading('Sign in');
    await signUp(v, uniqueEmail('back'));
    await setUpTotp(v);
    await reachOrders(v);
    // The sign-in steps replaced each other in the history: back returns to the page before them.
    await v.page.goBack();
    await v.seeHeading(/^S1:/);
    expect(v.path()).toBe('/');
    await v.page.goForward();
    await v.seeHeading('Your orders');
    expect(await v.heading('Set up an authenticator app').count()).toBe(0);
    await v.reached('after back and forward');
    await v.close();
  });
});

describe('wrong codes', () => {
  it('email code: says how many attempts are left, then asks to start again', async () => {
    await useScenario('S2');
    const v = await Visitor.open(browser, 'wrong-email-code');
    const email = uniqueEmail('wrong');
    await openProtected(v);
    await signUp(v, email);
    await choose(v, ['Authenticator app', 'Code by email'], 'Code by email');
    await v.seeHeading('Check your email');
    const first = await waitForMessage(email, 'PASSWORDLESS_LOGIN');
    const field = v.page.getByRole('textbox', { name: 'Verification code' });
    await field.fill(wrong(first.userInputCode!));
      await v.page.getByText('That code is not correct. You have 4 attempts left.').waitFor();
    await v.reached('wrong email code');
    for (let i = 0; i < 4; i++) {
      await field.fill(wrong(first.userInputCode!));
          if (i < 3) await v.page.getByText(`You have ${3 - i} attempt${3 - i === 1 ? '' : 's'} left.`).waitFor();
    }
    await v.page.getByText('Too many incorrect codes. Start again to get a new code.').waitFor();
    await v.reached('email code locked');
    await v.page.getByRole('button', { name: 'Start again' }).click();
    await enterEmailCode(v, email, first.id);
    await reachOrders(v);
    await v.close();
  });

  it('TOTP: says how many attempts are left, then pauses code entry', async () => {
    await useScenario('S1');
    const v = await Visitor.open(browser, 'wrong-totp');
    const email = uniqueEmail('wrong-totp');
    await openProtected(v);
    await signUp(v, email);
    const secret = await setUpTotp(v);
    await reachOrders(v);
    await signOut(v);
    await openProtected(v);
    await signIn(v, email);
    await v.seeHeading('Enter your authentication code');
    const valid = new Set([-1, 0, 1].map((o) => totpNow(secret, o)));
    const bad = ['000000', '111111', '222222'].find((c) => !valid.has(c))!;
    const code = v.page.getByRole('textbox', { name: 'Authentication code' });
    // The backend allows 5 failures in a row and refuses the next attempt until the pause ends.
    for (let failures = 1; failures <= 4; failures++) {
      await code.fill(bad);
      const left = 5 - failures;
      await v.page.getByText(`That code is not correct. You have ${left} attempt${left === 1 ? '' : 's'} left.`).waitFor();
      if (failures === 1) await v.reached('wrong totp');
    }
    // The fifth uses the last try: the screen says at once that code entry is paused, and until when.
    await code.fill(bad);
    const alert = v.page.getByRole('alert').filter({ hasText: 'Too many attempts' });
    await alert.waitFor();
    await alert.getByText(/You can try again in \d+:\d\d/).waitFor();
    expect(await code.isDisabled()).toBe(true);
    await v.reached('totp locked');
    await v.close();
  });
});
