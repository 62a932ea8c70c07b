/**
 * The steps users take through the kit's screens, in the words the screens show (the English
 * catalogue). Each step checks the screen with axe and saves a screenshot.
 */
import { expect } from 'vitest';
import { PASSWORD, totpNow, waitForMessage, type Visitor } from './harness.ts';

/** The protected page the flows start from; its query proves the return to the page asked for. */
export const ORDERS = '/orders?status=open';

/** Opens a protected page signed out: the kit sends the user to sign in. */
export async function openProtected(v: Visitor, path = ORDERS): Promise<void> {
  await v.page.goto(path);
  await v.seeHeading('Sign in');
  expect(new URL(v.page.url()).pathname).toBe('/auth');
  // The caret lands in the first field once the form is on screen: typing needs no click first.
  await expect.poll(() => v.page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('email');
  await v.reached('sign in');
}

/** From the sign-in screen: creates an account. */
export async function signUp(v: Visitor, email: string, password = PASSWORD): Promise<void> {
  await v.page.getByRole('link', { name: 'Create an account' }).or(v.page.getByRole('button', { name: 'Create an account' })).first().click();
  await v.seeHeading('Create an account');
  await v.page.getByLabel('Email address').fill(email);
  await v.page.getByLabel('Password', { exact: true }).fill(password);
  await v.reached('sign up');
  await v.page.getByRole('button', { name: 'Sign up', exact: true }).click();
}

/** Signs out from the page's first "Sign out" button and waits until it is done (sign-in shows). */
export async function signOut(v: Visitor): Promise<void> {
  await v.page.getByRole('button', { name: 'Sign out' }).first().click();
  await v.seeHeading('Sign in');
}

/** From the sign-in screen: signs in. */
export async function signIn(v: Visitor, email: string, password = PASSWORD): Promise<void> {
  await v.page.getByLabel('Email address').fill(email);
  await v.page.getByLabel('Password', { exact: true }).fill(password);
  await v.page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Ends on the protected page the user first asked for. */
export async function reachOrders(v: Visitor, path = ORDERS): Promise<void> {
  await v.seeHeading('Your orders');
  expect(v.path()).toBe(path);
  await v.reached('orders');
}

/** The chooser lists exactly these factors (by their names); picks `pick`. */
export async function choose(v: Visitor, names: string[], pick: string): Promise<void> {
  await v.seeHeading('Choose how to verify');
  const list = v.page.getByRole('list', { name: 'Verification methods' });
  for (const name of ['Authenticator app', 'Code by email', 'Code by text message']) {
    expect(await list.getByText(name, { exact: true }).count(), `chooser option ${name}`).toBe(names.includes(name) ? 1 : 0);
  }
  await v.reached('chooser');
  await list.getByText(pick, { exact: true }).click();
}

const usedCodes = new Map<string, Set<string>>();
/** A TOTP code not used before for this secret (the backend refuses a replay), within the skew. */
export function freshTotp(secret: string): string {
  const used = usedCodes.get(secret) ?? new Set<string>();
  usedCodes.set(secret, used);
  for (const offset of [0, 1]) {
    const code = totpNow(secret, offset);
    if (!used.has(code)) {
      used.add(code);
      return code;
    }
  }
  throw new Error('Both TOTP codes in the window were used; wait for the next period');
}

/** The TOTP set-up screen: reads the secret shown, types the code an app would show. Returns the secret. */
export async function setUpTotp(v: Visitor): Promise<string> {
  await v.seeHeading('Set up an authenticator app');
  const secret = (await v.page.getByRole('group', { name: 'Secret key, in groups of four characters' }).textContent()) ?? '';
  expect(secret.replace(/\s/g, '')).toMatch(/^[A-Z2-7]+$/);
  await v.reached('totp setup');
  await v.page.getByRole('textbox', { name: 'Authentication code' }).fill(freshTotp(secret));
  await v.seeHeading('Authenticator app added');
  await v.reached('totp added');
  await v.page.getByRole('button', { name: 'Continue' }).click();
  return secret;
}

/** The TOTP verify screen of a user who set up an app. */
export async function verifyTotp(v: Visitor, secret: string): Promise<void> {
  await v.seeHeading('Enter your authentication code');
  await v.reached('totp verify');
  await v.page.getByRole('textbox', { name: 'Authentication code' }).fill(freshTotp(secret));
}

/** The email OTP screen when the kit sent the code by itself to the known address. */
export async function enterEmailCode(v: Visitor, email: string, afterId = 0): Promise<void> {
  await v.seeHeading('Check your email');
  const message = await waitForMessage(email, 'PASSWORDLESS_LOGIN', afterId);
  await v.reached('email code');
  await v.page.getByRole('textbox', { name: 'Verification code' }).fill(message.userInputCode!);
}

/** The "check your inbox" screen, then the link from the outbox, opened in the same tab. */
export async function verifyEmailByLink(v: Visitor, email: string): Promise<void> {
  await v.seeHeading('Check your inbox');
  await v.reached('check inbox');
  const message = await waitForMessage(email, 'EMAIL_VERIFICATION');
  expect(message.link).toContain('/auth/verify-email?');
  await v.page.goto(message.link!);
  await v.seeHeading('Email address confirmed');
  await v.reached('email confirmed');
  await v.page.getByRole('button', { name: 'Continue' }).or(v.page.getByRole('link', { name: 'Continue' })).first().click();
}
