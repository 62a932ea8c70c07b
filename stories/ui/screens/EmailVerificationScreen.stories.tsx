import type { Meta, StoryObj } from '@storybook/react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { EmailVerificationScreen } from '../../../src/ui/index.ts';
import { SEED_PASSWORD, emailVerification } from '../../../src/testing/index.ts';
import { latestMessage, messagesOf, otherClient, renderScreen, signUp } from '../../support/screenStory.tsx';
import { uniqueEmail, type LiveContext } from '../../support/backend.ts';

const slow = { timeout: 15_000 };

/** A user signed up in another browser, whose verification link this story opens, signed out. */
async function linkFromAnotherBrowser(live: LiveContext) {
  const email = uniqueEmail('ev-link');
  const there = otherClient();
  if ((await there.emailPassword.signUp({ email, password: SEED_PASSWORD })).status !== 'OK') throw new Error('sign-up');
  if ((await there.emailVerification.sendEmail()).status !== 'OK') throw new Error('send email');
  const link = new URL((await latestMessage(live, email)).link ?? '');
  live.route = `${link.pathname}${link.search}`;
}

/**
 * `{basePath}/verify-email` (seed S8: verify the address first). "Check your inbox" for the signed-in
 * user; a link opened without a session asks for a click (mail scanners open links but do not
 * click); an expired link (msw: `emailVerification.invalidToken`) offers a new one.
 */
const meta = {
  title: 'Screens/EmailVerificationScreen',
  component: EmailVerificationScreen,
  render: renderScreen('VerifyEmail', EmailVerificationScreen),
  parameters: { route: '/auth/verify-email', backend: { share: 'EmailVerificationScreen', scenario: 'S8', prepare: (live: LiveContext) => signUp(live, 'ev').then(() => undefined) } },
} satisfies Meta<typeof EmailVerificationScreen>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Signed in, not verified: the email is sent once, with a resend after a cooldown. */
export const CheckInbox: Story = {
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = within(canvasElement);
    await canvas.findByRole('heading', { name: m.format('ev.checkInbox.title') }, slow);
    const resend = await canvas.findByRole('button', { name: m.format('ev.resend') }, slow);
    // Once the email is sent, another waits for the cooldown.
    await waitFor(() => expect(resend).toBeDisabled(), slow);
  },
};

/** The link opened in another browser, without a session: a button confirms. */
export const LinkWithoutSession: Story = {
  parameters: { backend: { prepare: linkFromAnotherBrowser } },
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    await within(canvasElement).findByRole('button', { name: m.format('ev.link.confirm') }, slow);
  },
};

/** The click confirms the address. */
export const Confirmed: Story = {
  parameters: { backend: { prepare: linkFromAnotherBrowser } },
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: m.format('ev.link.confirm') }, slow));
    await canvas.findByRole('heading', { name: m.format('ev.success.title') }, slow);
  },
};

/** The link expired or was used (msw: `emailVerification.invalidToken`). */
export const InvalidLink: Story = {
  parameters: { route: '/auth/verify-email?token=expired-token', backend: { prepare: async () => undefined }, msw: { handlers: [emailVerification.invalidToken()] } },
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: m.format('ev.link.confirm') }, slow));
    await canvas.findByRole('heading', { name: m.format('ev.invalidLink.title') }, slow);
  },
};
