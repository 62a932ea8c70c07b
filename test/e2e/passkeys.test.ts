/**
 * Passkeys in Chromium with the DevTools virtual authenticator (ctap2, internal transport, resident
 * keys, user verification): sign up with a passkey, sign in with it, a refused prompt in words, a
 * passkey added in the settings and removed there.
 */
import type { Browser, CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshTotp, ORDERS, openProtected, reachOrders, setUpTotp, signIn, signOut, signUp, verifyTotp } from './flows.ts';
import { lastMessageId, launchBrowser, uniqueEmail, useScenario, Visitor, waitForMessage } from './harness.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

/**
 * Chromium's virtual authenticator answers the email field's autofill request (conditional mediation)
 * at once, as if the person had picked the passkey there; a real browser waits for the pick. Turned
 * off here where a test drives the button instead.
 */
const setAutofill = (v: Visitor, on: boolean) => v.page.evaluate((value) => localStorage.setItem('e2e:autofill', value), on ? 'on' : 'off');

/** A platform authenticator that holds passkeys and verifies the user (a fingerprint, say). */
async function virtualAuthenticator(v: Visitor): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  // Every page of the visitor asks localStorage whether autofill is on (see setAutofill).
  await v.context.addInitScript(() => {
    const pkc = window.PublicKeyCredential as unknown as { isConditionalMediationAvailable?: () => Promise<boolean> } | undefined;
    if (!pkc) return;
    const original = pkc.isConditionalMediationAvailable?.bind(pkc);
    pkc.isConditionalMediationAvailable = async () => (localStorage.getItem('e2e:autofill') === 'off' ? false : original ? original() : false);
  });
  const cdp = await v.context.newCDPSession(v.page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', ctap2Version: 'ctap2_1', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { cdp, authenticatorId };
}

describe('passkeys (S1: TOTP for everyone)', () => {
  it('sign up with a passkey → TOTP → the page; “Sign in with a passkey” (a failed fingerprint is said so) → TOTP → the page; then the email field’s autofill signs in', async () => {
    await useScenario('S1');
    const email = uniqueEmail('passkey');
    const v = await Visitor.open(browser, 'passkey-signup');
    const { cdp, authenticatorId } = await virtualAuthenticator(v);
    await openProtected(v);
    await v.seeHeading('Sign in');
    await v.page.getByRole('button', { name: 'Create an account' }).click();
    await v.page.getByLabel('Email address').fill(email);
    await v.reached('sign-up with passkey offered');
    await v.page.getByRole('button', { name: 'Sign up with a passkey instead' }).click();
    const secret = await setUpTotp(v);
    await reachOrders(v);
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]!.isResidentCredential).toBe(true);
    await setAutofill(v, false);
    await signOut(v);

    await openProtected(v);
    await v.seeHeading('Sign in');
    // The fingerprint does not match: the browser refuses, the screen says what to do.
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: false });
    await v.page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await v.page.getByText('The passkey request was cancelled or timed out. Try again when you’re ready.').waitFor();
    await v.reached('passkey refused');
    await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: true });
    await v.page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await verifyTotp(v, secret);
    await reachOrders(v);

    // Autofill: the sign-in page starts a quiet passkey request; picking the passkey (the virtual
    // authenticator picks at once) signs in, and sign-in asks for the app next.
    await signOut(v);
    await setAutofill(v, true);
    // Not openProtected: its checks of the sign-in page would race the autofill that leaves it.
    await v.page.goto(ORDERS);
    await v.seeHeading('Enter your authentication code');
    expect(v.errors).toEqual([]);
    await v.close();
  });

  it('a password account adds a passkey in the settings, signs in with it, and removes it; then it no longer signs in', async () => {
    await useScenario('S1');
    const email = uniqueEmail('passkey-settings');
    const v = await Visitor.open(browser, 'passkey-settings');
    await virtualAuthenticator(v);
    await openProtected(v);
    await setAutofill(v, false);
    await signUp(v, email);
    const secret = await setUpTotp(v);
    await reachOrders(v);
    await v.page.goto('/settings');
    const section = v.page.getByRole('region', { name: 'Passkeys' });
    await section.getByText('No passkeys yet.').waitFor();
    await section.getByRole('button', { name: 'Add a passkey' }).click();
    await section.getByRole('listitem').first().waitFor();
    await v.reached('passkey added');
    await signOut(v);

    await openProtected(v);
    await v.seeHeading('Sign in');
    await v.page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await v.seeHeading('Enter your authentication code');
    await v.page.getByRole('textbox', { name: 'Authentication code' }).fill(freshTotp(secret));
    await reachOrders(v);
    await v.page.goto('/settings');
    await section.getByRole('button', { name: /^Remove Passkey, added / }).click();
    await section.getByText('No passkeys yet.').waitFor();
    await signOut(v);

    await openProtected(v);
    await v.seeHeading('Sign in');
    await v.page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await v.page.getByText('That passkey isn’t known here, or it couldn’t be checked. Try again or sign in another way.').waitFor();
    expect(v.errors).toEqual([]);
    await v.close();
  });

  it('lost passkey: “Lost your passkey?” → a link by email → a new passkey on this device → it signs in (no password anywhere)', async () => {
    await useScenario('S1');
    const email = uniqueEmail('passkey-lost');
    const v = await Visitor.open(browser, 'passkey-lost');
    const { cdp, authenticatorId } = await virtualAuthenticator(v);
    await openProtected(v);
    await setAutofill(v, false);
    await v.page.getByRole('button', { name: 'Create an account' }).click();
    await v.page.getByLabel('Email address').fill(email);
    await v.page.getByRole('button', { name: 'Sign up with a passkey instead' }).click();
    await setUpTotp(v);
    await reachOrders(v);
    await signOut(v);
    // The phone with the passkey is gone.
    await cdp.send('WebAuthn.clearCredentials', { authenticatorId });

    await openProtected(v);
    await v.seeHeading('Sign in');
    await v.page.getByRole('link', { name: 'Lost your passkey?' }).click();
    await v.seeHeading('Lost your passkey?');
    await v.reached('passkey recovery ask');
    const before = await lastMessageId(email);
    await v.page.getByLabel('Email address').fill(email);
    await v.page.getByRole('button', { name: 'Email me a link' }).click();
    await v.seeHeading('Check your email');
    const message = await waitForMessage(email, 'WEBAUTHN_RECOVER_ACCOUNT', before);
    await v.page.goto(message.link!);
    await v.seeHeading('Make a new passkey');
    expect(new URL(v.page.url()).searchParams.has('token')).toBe(false);
    await v.reached('passkey recovery make');
    await v.page.getByRole('button', { name: 'Make a new passkey' }).click();
    await v.seeHeading('Your new passkey is ready');
    expect((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials).toHaveLength(1);
    await v.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await v.seeHeading('Sign in');
    await v.page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await v.seeHeading('Enter your authentication code');
    expect(v.errors).toEqual([]);
    await v.close();
  });
});

describe('a passkey as the second factor (S5: opt in per user)', () => {
  it('after a password: add a passkey in the settings, turn it on, and the next sign-in asks for it after the password', async () => {
    await useScenario('S5');
    const email = uniqueEmail('passkey-second');
    const v = await Visitor.open(browser, 'passkey-second');
    await virtualAuthenticator(v);
    await openProtected(v);
    await setAutofill(v, false);
    await signUp(v, email);
    await reachOrders(v);
    await v.page.goto('/settings');
    const section = v.page.getByRole('region', { name: 'Passkeys' });
    await section.getByRole('button', { name: 'Add a passkey' }).click();
    await section.getByRole('listitem').first().waitFor();
    await v.page.getByRole('switch', { name: 'Use Passkey at sign-in' }).click();
    // Adding the passkey completed it in this session: turning it on asks nothing more here.
    await v.page.getByRole('switch', { name: 'Use Passkey at sign-in', checked: true }).waitFor();
    await v.reached('passkey turned on');
    await signOut(v);

    await openProtected(v);
    await signIn(v, email);
    await v.seeHeading('Use your passkey');
    await v.reached('passkey second factor');
    await v.page.getByRole('button', { name: 'Use your passkey' }).click();
    await reachOrders(v);
    expect(v.errors).toEqual([]);
    await v.close();
  });
});
