/** S1–S4: second factors every user must do (one factor, one of two, both, a fixed order). */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, uniqueEmail, useScenario, Visitor } from './harness.ts';
import { choose, enterEmailCode, openProtected, reachOrders, setUpTotp, signIn, signOut, signUp, verifyTotp } from './flows.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('S1 TOTP for everyone', () => {
  it('a new user sets up TOTP after signing up, a returning one types the code, both end on the page asked for', async () => {
    await useScenario('S1');
    const v = await Visitor.open(browser, 'S1');
    const email = uniqueEmail('s1');
    await openProtected(v);
    await signUp(v, email);
    const secret = await setUpTotp(v);
    await reachOrders(v);

    await signOut(v);
    await openProtected(v);
    await signIn(v, email);
    await verifyTotp(v, secret);
    await reachOrders(v);
    expect(v.errors).toEqual([]);
    await v.close();
  });
});

describe('S2 TOTP or email code', () => {
  it('offers both; the email code alone unlocks the app', async () => {
    await useScenario('S2');
    const v = await Visitor.open(browser, 'S2-email');
    const email = uniqueEmail('s2');
    await openProtected(v);
    await signUp(v, email);
    await choose(v, ['Authenticator app', 'Code by email'], 'Code by email');
    await enterEmailCode(v, email);
    await reachOrders(v);
    await v.close();
  });

  it('offers both; TOTP alone unlocks the app', async () => {
    await useScenario('S2');
    const v = await Visitor.open(browser, 'S2-totp');
    await openProtected(v);
    await signUp(v, uniqueEmail('s2'));
    await choose(v, ['Authenticator app', 'Code by email'], 'Authenticator app');
    await setUpTotp(v);
    await reachOrders(v);
    await v.close();
  });
});

describe('S3 TOTP and email code, any order', () => {
  it('after the one chosen first, goes straight to the other', async () => {
    await useScenario('S3');
    const v = await Visitor.open(browser, 'S3');
    const email = uniqueEmail('s3');
    await openProtected(v);
    await signUp(v, email);
    await choose(v, ['Authenticator app', 'Code by email'], 'Code by email');
    await enterEmailCode(v, email);
    await setUpTotp(v);
    await reachOrders(v);
    await v.close();
  });
});

describe('S4 TOTP, then email code', () => {
  it('asks for TOTP first, then the email code, without a chooser', async () => {
    await useScenario('S4');
    const v = await Visitor.open(browser, 'S4');
    const email = uniqueEmail('s4');
    await openProtected(v);
    await signUp(v, email);
    await setUpTotp(v);
    await enterEmailCode(v, email);
    await reachOrders(v);
    await v.close();
  });
});
