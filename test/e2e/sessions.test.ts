/** The security centre's sessions, in Chromium: two browsers of one user, one signs the other out. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, uniqueEmail, useScenario, Visitor } from './harness.ts';
import { freshTotp, ORDERS, openProtected, reachOrders, setUpTotp, signIn, signOut, signUp } from './flows.ts';

describe('Where you’re signed in (S5)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('a session signed out from another browser is signed out at its next request', async () => {
    await useScenario('S5');
    const email = uniqueEmail('sessions');
    const laptop = await Visitor.open(browser, 'sessions-laptop');
    await openProtected(laptop);
    await signUp(laptop, email);
    await reachOrders(laptop);
    const phone = await Visitor.open(browser, 'sessions-phone');
    await openProtected(phone);
    await signIn(phone, email);
    await reachOrders(phone);

    await laptop.page.goto('/settings');
    const section = laptop.page.getByRole('region', { name: 'Where you’re signed in' });
    await section.getByRole('listitem').nth(1).waitFor();
    expect(await section.getByRole('listitem').count()).toBe(2);
    expect(await section.getByRole('listitem').first().textContent()).toMatch(/^Chrome on Linux.*This device/);
    await laptop.reached('sessions');
    await section.getByRole('button', { name: /^Sign out Chrome on Linux, active / }).click();
    await section.getByText('Chrome on Linux is signed out.').waitFor();
    expect(await section.getByRole('listitem').count()).toBe(1);

    // The phone's next request (its settings page asks the API) is refused: back at sign-in, the page remembered.
    await phone.page.goto('/settings');
    await phone.seeHeading('Sign in');
    expect(new URL(phone.page.url()).searchParams.get('redirectToPath')).toBe('/settings');
    // The laptop is still signed in.
    await laptop.page.goto(ORDERS);
    await reachOrders(laptop);
    expect([...laptop.errors, ...phone.errors]).toEqual([]);
    await laptop.close();
    await phone.close();
  });
});

describe('Trusted devices (S1)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('"Don’t ask again on this device" skips the app at the next sign-in there; removing it in the settings asks again', async () => {
    await useScenario('S1');
    const email = uniqueEmail('trusted');
    const v = await Visitor.open(browser, 'trusted');
    await openProtected(v);
    await signUp(v, email);
    const secret = await setUpTotp(v);
    await reachOrders(v);
    await signOut(v);

    await openProtected(v);
    await signIn(v, email);
    await v.seeHeading('Enter your authentication code');
    await v.page.getByRole('checkbox', { name: 'Don’t ask again on this device for 30 days' }).check();
    await v.reached('totp verify, trust ticked');
    await v.page.getByRole('textbox', { name: 'Authentication code' }).fill(freshTotp(secret));
    await reachOrders(v);
    await signOut(v);

    // The password alone, in this browser.
    await openProtected(v);
    await signIn(v, email);
    await reachOrders(v);

    await v.page.goto('/settings');
    const section = v.page.getByRole('region', { name: 'Trusted devices' });
    await section.getByRole('listitem').first().waitFor();
    expect(await section.getByRole('listitem').first().textContent()).toMatch(/^Chrome on Linux.*This device/);
    await v.reached('trusted devices');
    await section.getByRole('button', { name: /^Remove Chrome on Linux, trusted until / }).click();
    await section.getByText('Chrome on Linux will be asked for the second step again.').waitFor();
    await signOut(v);
    await openProtected(v);
    await signIn(v, email);
    // Asked for the app again (the trust went with the removal).
    await v.seeHeading('Enter your authentication code');
    expect(v.errors).toEqual([]);
    await v.close();
  });
});
