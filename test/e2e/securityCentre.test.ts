/** The security centre in Chromium: the page itself, step-up in a dialog over a page, a password change ending the other sessions. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshTotp, openProtected, reachOrders, setUpTotp, signIn, signUp } from './flows.ts';
import { lastMessageId, launchBrowser, PASSWORD, uniqueEmail, useScenario, Visitor, waitForMessage } from './harness.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

describe('step-up in a dialog (S1: TOTP for everyone)', () => {
  it('the export page asks for a code by email in a dialog over it; Escape goes back, the code opens the page', async () => {
    await useScenario('S1');
    const email = uniqueEmail('step-up-dialog');
    const v = await Visitor.open(browser, 'step-up-dialog');
    await openProtected(v);
    await signUp(v, email);
    await setUpTotp(v);
    await reachOrders(v);

    await v.page.getByRole('link', { name: 'Export orders' }).click();
    const dialog = v.page.getByRole('dialog', { name: 'Confirm it’s you' });
    await dialog.waitFor();
    expect(await v.page.evaluate(() => (document.activeElement as HTMLElement | null)?.textContent)).toBe('Confirm it’s you');
    // The page's content waits behind the dialog until the factor is verified.
    expect(await v.page.getByRole('heading', { name: 'Export orders' }).count()).toBe(0);
    await v.reached('step-up dialog');
    await v.page.keyboard.press('Escape');
    await v.seeHeading('Your orders');

    await v.page.getByRole('link', { name: 'Export orders' }).click();
    await dialog.waitFor();
    const sent = await lastMessageId(email);
    await dialog.getByRole('button', { name: `Send a code to ${email}` }).click();
    const message = await waitForMessage(email, 'PASSWORDLESS_LOGIN', sent);
    await dialog.getByRole('textbox', { name: 'Verification code' }).fill(message.userInputCode!);
    await v.seeHeading('Export orders');
    expect(await dialog.count()).toBe(0);
    expect(v.errors).toEqual([]);
    await v.close();
  });
});

describe('the security page (S1)', () => {
  it('shows two-step verification beside the devices; a password change there ends the session in the other browser', async () => {
    await useScenario('S1');
    const email = uniqueEmail('security-page');
    const laptop = await Visitor.open(browser, 'security-laptop');
    await openProtected(laptop);
    await signUp(laptop, email);
    const secret = await setUpTotp(laptop);
    await reachOrders(laptop);
    const phone = await Visitor.open(browser, 'security-phone');
    await openProtected(phone);
    await signIn(phone, email);
    await phone.seeHeading('Enter your authentication code');
    await phone.page.getByRole('textbox', { name: 'Authentication code' }).fill(freshTotp(secret));
    await reachOrders(phone);

    await laptop.page.goto('/auth/security');
    await laptop.seeHeading('Security');
    const devices = laptop.page.getByRole('region', { name: 'Where you’re signed in' });
    await devices.getByRole('listitem').nth(1).waitFor();
    await laptop.reached('security page');
    // Side by side on a desktop: the devices card starts level with the two-step card.
    const [left, right] = await Promise.all([
      laptop.page.getByRole('region', { name: 'Two-step verification' }).boundingBox(),
      laptop.page.getByRole('region', { name: 'Your devices' }).boundingBox(),
    ]);
    expect(right!.x).toBeGreaterThan(left!.x + left!.width - 1);
    expect(Math.abs(right!.y - left!.y)).toBeLessThan(2);

    await laptop.page.getByRole('button', { name: 'Change password' }).click();
    await laptop.page.getByLabel('New password', { exact: true }).waitFor();
    // Asked unless this session proved a factor moments ago (here: the password at sign-up, before any app).
    if ((await laptop.page.getByLabel('Current password').count()) > 0) await laptop.page.getByLabel('Current password').fill(PASSWORD);
    await laptop.page.getByLabel('New password', { exact: true }).fill('a-new-password-42');
    await laptop.page.getByLabel('New password, again').fill('a-new-password-42');
    await laptop.page.getByRole('button', { name: 'Save the new password' }).click();
    await laptop.page.getByText('Your password is changed. You are signed out on your other devices.').waitFor();

    // The phone's next request is refused: back at sign-in.
    await phone.page.goto('/settings');
    await phone.seeHeading('Sign in');
    expect([...laptop.errors, ...phone.errors]).toEqual([]);
    await laptop.close();
    await phone.close();
  });
});
