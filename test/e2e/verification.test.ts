/** S8–S11: email verification before or after MFA, migration from a legacy second factor, the email code as verification. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, outbox, uniqueEmail, useScenario, Visitor } from './harness.ts';
import { enterEmailCode, openProtected, reachOrders, setUpTotp, signIn, signUp, verifyEmailByLink } from './flows.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('S8 verify email, then email code', () => {
  it('asks to verify the address first, then for the email code', async () => {
    await useScenario('S8');
    const v = await Visitor.open(browser, 'S8');
    const email = uniqueEmail('s8');
    await openProtected(v);
    await signUp(v, email);
    await verifyEmailByLink(v, email);
    await enterEmailCode(v, email);
    await reachOrders(v);
    await v.close();
  });
});

describe('S9 TOTP, then verify email', () => {
  it('asks for TOTP first and the verification link last', async () => {
    await useScenario('S9');
    const v = await Visitor.open(browser, 'S9');
    const email = uniqueEmail('s9');
    await openProtected(v);
    await signUp(v, email);
    await setUpTotp(v);
    await verifyEmailByLink(v, email);
    await reachOrders(v);
    await v.close();
  });
});

describe('S10 migration from legacy MFA', () => {
  it('the legacy user is asked for a code at the old address, not to set up a new factor', async () => {
    await useScenario('S10');
    const v = await Visitor.open(browser, 'S10');
    await openProtected(v);
    await signIn(v, 'legacy@example.com', 'password123');
    await enterEmailCode(v, 'legacy@example.com');
    await reachOrders(v);
    await v.close();
  });
});

describe('S11 email code as email verification', () => {
  it('the code goes to the sign-up address and verifies it: no separate verification step', async () => {
    await useScenario('S11');
    const v = await Visitor.open(browser, 'S11');
    const email = uniqueEmail('s11');
    await openProtected(v);
    await signUp(v, email);
    await enterEmailCode(v, email);
    await reachOrders(v);
    expect((await outbox(email)).map((m) => m.type)).not.toContain('EMAIL_VERIFICATION');
    await v.close();
  });
});
