/**
 * Steps a person takes through the kit's screens, for live stories' `play`: found by role and by
 * the English catalogue's wording (the same words the screens render), never by test id.
 */
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { Secret, TOTP } from 'otpauth';
import { createMessages, type Messages } from '../../src/ui/index.ts';
import type { LiveContext } from './backend.ts';

/** The English wording, read when a step runs (after the loader brought all of English), not when a file loads. */
export const m = { format: ((...args: Parameters<Messages['format']>) => createMessages('en').format(...args)) as Messages['format'] };
const slow = { timeout: 15_000 };

/** The current TOTP code for a base32 secret, on the backend's clock. */
export function totpNow(secret: string, live: LiveContext): string {
  return new TOTP({ secret: Secret.fromBase32(secret.replace(/\s+/g, '')), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: live.clock.now() });
}

/** Signs up (or in) with email and password on the sign-in screen. */
export async function signIn(canvasElement: HTMLElement, email: string, password: string, mode: 'signIn' | 'signUp' = 'signIn') {
  const canvas = within(canvasElement);
  await canvas.findByRole('heading', { name: m.format('signIn.title') }, slow);
  if (mode === 'signUp') await userEvent.click(canvas.getByRole('button', { name: m.format('signIn.toSignUp') }));
  await userEvent.type(canvas.getByLabelText(m.format('field.email.label')), email);
  await userEvent.type(canvas.getByLabelText(m.format('field.password.label')), password);
  await userEvent.click(canvas.getByRole('button', { name: m.format(mode === 'signUp' ? 'signUp.submit' : 'signIn.submit') }));
}

/** Sets up an authenticator on the TOTP set-up screen: reads the secret shown, types the current code. */
export async function setUpTotp(canvasElement: HTMLElement, live: LiveContext): Promise<string> {
  const canvas = within(canvasElement);
  await canvas.findByRole('heading', { name: m.format('totp.setup.title') }, slow);
  const secret = (await canvas.findByRole('group', { name: m.format('totp.secretGroups') }, slow)).textContent ?? '';
  // A complete code submits itself (no click on Verify: in a browser the screen has moved on by then).
  await userEvent.type(canvas.getByLabelText(m.format('totp.codeLabel')), totpNow(secret, live));
  // The app is confirmed as added; the person continues when ready.
  await canvas.findByRole('heading', { name: m.format('totp.added.title') }, slow);
  await userEvent.click(canvas.getByRole('button', { name: m.format('common.continue') }));
  return secret;
}

/** Types the latest code the dev outbox holds for `to` on the OTP screen. */
export async function enterEmailCode(canvasElement: HTMLElement, live: LiveContext, to: string) {
  const canvas = within(canvasElement);
  await canvas.findByRole('heading', { name: m.format('otp.email.title') }, slow);
  let code = '';
  await waitFor(async () => {
    const [latest] = await live.backend.outbox.list({ to, limit: 1 });
    code = latest?.userInputCode ?? '';
    await expect(code).not.toBe('');
  }, slow);
  // A complete code submits itself, as on the TOTP screen.
  await userEvent.type(canvas.getByLabelText(m.format('otp.codeLabel')), code);
}

/** Signs in with a code by email alone (a first factor the tenant offers): asks for the address, then the code from the outbox. */
export async function signInWithEmailCode(canvasElement: HTMLElement, live: LiveContext, email: string) {
  const canvas = within(canvasElement);
  await canvas.findByRole('heading', { name: m.format('signIn.title') }, slow);
  await userEvent.click(canvas.getByRole('button', { name: m.format('signIn.withEmailCode') }));
  await canvas.findByRole('heading', { name: m.format('otp.email.askTitle') }, slow);
  await userEvent.type(canvas.getByLabelText(m.format('field.email.label')), email);
  await userEvent.click(canvas.getByRole('button', { name: m.format('otp.sendCode') }));
  await enterEmailCode(canvasElement, live, email);
}

/** Picks a factor on the chooser. */
export async function choose(canvasElement: HTMLElement, factorName: 'factor.totp.name' | 'factor.otp-email.name') {
  const canvas = within(canvasElement);
  await canvas.findByRole('heading', { name: m.format('chooser.title') }, slow);
  // Each option is a real link (it can be opened in a new tab); a click stays in the router.
  await userEvent.click(canvas.getByRole('link', { name: m.format(factorName) }));
}

/**
 * Records the screen titles (level-1 headings) the flow shows, in order, from now on: what a person
 * clicking through sees one after another. `seen()` lists each title once per time it appeared.
 * Call `stop()` when the flow is over.
 */
export function watchHeadings(canvasElement: HTMLElement) {
  const seen: string[] = [];
  const record = () => {
    for (const heading of canvasElement.querySelectorAll('h1')) {
      const text = heading.textContent?.trim() ?? '';
      if (text !== '' && seen.at(-1) !== text) seen.push(text);
    }
  };
  record();
  const observer = new MutationObserver(record);
  observer.observe(canvasElement, { childList: true, subtree: true, characterData: true });
  return {
    seen: () => [...seen],
    stop: () => observer.disconnect(),
  };
}

/** A screen's title: its key in the message catalogue, or the story's protected page. */
export type ScreenTitle =
  | 'signIn.title'
  | 'signUp.title'
  | 'chooser.title'
  | 'totp.setup.title'
  | 'totp.added.title'
  | 'totp.verify.title'
  | 'otp.email.askTitle'
  | 'otp.email.title'
  | 'ev.checkInbox.title'
  | 'ev.success.title'
  | 'accessDenied.title'
  | 'settings.title'
  | 'Protected page';

/** The flow showed exactly these screen titles, in this order, and nothing in between. */
export async function expectHeadings(trail: ReturnType<typeof watchHeadings>, titles: readonly ScreenTitle[]) {
  trail.stop();
  await expect(trail.seen()).toEqual(titles.map((key) => (key === 'Protected page' ? key : m.format(key))));
}

/** The flow reached the app's protected page. */
export async function reachedHome(canvasElement: HTMLElement) {
  await within(canvasElement).findByRole('heading', { name: 'Protected page' }, slow);
}

/** Opens the latest link the dev outbox shows (the email opened in this browser). */
export async function openOutboxLink(canvasElement: HTMLElement, live: LiveContext, to: string) {
  const canvas = within(canvasElement);
  let path = '';
  await waitFor(async () => {
    const [latest] = await live.backend.outbox.list({ to, limit: 1 });
    path = latest?.link ? new URL(latest.link).pathname + new URL(latest.link).search : '';
    await expect(path).not.toBe('');
  }, slow);
  const outbox = canvas.getByRole('region', { name: 'Dev outbox' });
  await userEvent.click(await within(outbox).findByRole('link', { name: path }, slow));
}

/** Verifies the email address: "check your inbox", the link from the outbox, then Continue. */
export async function verifyEmail(canvasElement: HTMLElement, live: LiveContext, to: string) {
  const canvas = within(canvasElement);
  await canvas.findByRole('heading', { name: m.format('ev.checkInbox.title') }, slow);
  await openOutboxLink(canvasElement, live, to);
  await canvas.findByRole('heading', { name: m.format('ev.success.title') }, slow);
  await userEvent.click(canvas.getByRole('button', { name: m.format('common.continue') }));
}

/** On the settings screen, turns the authenticator app on: sets it up in place (name, secret, code). */
export async function turnOnTotpInSettings(canvasElement: HTMLElement, live: LiveContext) {
  const canvas = within(canvasElement);
  const toggle = await canvas.findByRole('switch', { name: m.format('settings.factorToggle', { factor: m.format('factor.totp.name') }) }, slow);
  await userEvent.click(toggle);
  const panel = within(await canvas.findByRole('region', { name: m.format('totp.setup.title') }, slow));
  await userEvent.type(panel.getByLabelText(m.format('totp.deviceNameLabel')), 'Story phone');
  await userEvent.click(panel.getByRole('button', { name: m.format('common.continue') }));
  const secret = (await panel.findByRole('group', { name: m.format('totp.secretGroups') }, slow)).textContent ?? '';
  await userEvent.type(panel.getByLabelText(m.format('totp.codeLabel')), totpNow(secret, live));
  await waitFor(async () => {
    const on = await canvas.findByRole('switch', { name: m.format('settings.factorToggle', { factor: m.format('factor.totp.name') }) });
    await expect(on).toHaveAttribute('aria-checked', 'true');
  }, slow);
}
