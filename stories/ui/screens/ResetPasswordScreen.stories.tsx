import type { Meta, StoryObj } from '@storybook/react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { ResetPasswordScreen } from '../../../src/ui/index.ts';
import { SEED_PASSWORD } from '../../../src/testing/index.ts';
import { messagesOf, otherClient, renderScreen } from '../../support/screenStory.tsx';
import { uniqueEmail, type LiveContext } from '../../support/backend.ts';

const slow = { timeout: 15_000 };

/** A user who asked for a reset link in another browser; the story opens the link. */
async function resetLink(live: LiveContext) {
  const email = uniqueEmail('reset');
  const there = otherClient();
  if ((await there.emailPassword.signUp({ email, password: SEED_PASSWORD })).status !== 'OK') throw new Error('sign-up');
  await there.emailPassword.sendPasswordResetEmail({ email });
  const link = await waitFor(async () => {
    const [mail] = (await live.backend.outbox.list({ to: email })).filter((x) => x.type === 'PASSWORD_RESET');
    if (!mail?.link) throw new Error('no link yet');
    return new URL(mail.link);
  }, slow);
  live.route = `${link.pathname}${link.search}`;
}

/**
 * `{basePath}/reset-password`: ask for a link (the same answer for any address), "check your email"
 * with a resend after a cooldown; from the link, the new password twice; a dead link offers a new one.
 */
const meta = {
  title: 'Screens/ResetPasswordScreen',
  component: ResetPasswordScreen,
  render: renderScreen('ResetPassword', ResetPasswordScreen),
  args: { resendCooldownSeconds: 30 },
  parameters: { route: '/auth/reset-password', backend: { share: 'ResetPasswordScreen', scenario: 'S1', prepare: async () => undefined } },
} satisfies Meta<typeof ResetPasswordScreen>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The form: the account's address. */
export const AskForLink: Story = {
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    await within(canvasElement).findByRole('heading', { name: m.format('reset.request.title') }, slow);
  },
};

/** Sent: where it went, and a resend once the cooldown is over. */
export const CheckYourEmail: Story = {
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText(m.format('field.email.label'), undefined, slow), 'someone@example.com');
    await userEvent.click(canvas.getByRole('button', { name: m.format('reset.request.submit') }));
    await canvas.findByRole('heading', { name: m.format('reset.sent.title') }, slow);
    await expect(canvas.getByRole('button', { name: m.format('reset.sent.resend') })).toBeDisabled();
  },
};

/** From the link: the new password twice; different ones are caught before anything is sent. */
export const NewPassword: Story = {
  parameters: { backend: { prepare: resetLink } },
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText(m.format('field.newPassword.label'), undefined, slow), 'new-password-9');
    await userEvent.type(canvas.getByLabelText(m.format('field.confirmPassword.label')), 'new-password-8');
    await userEvent.click(canvas.getByRole('button', { name: m.format('reset.form.submit') }));
    await canvas.findByText(m.format('fieldError.passwordMismatch'), undefined, slow);
  },
};

/** Saved: every session ended; sign in with the new password. */
export const Changed: Story = {
  parameters: { backend: { prepare: resetLink } },
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText(m.format('field.newPassword.label'), undefined, slow), 'new-password-9');
    await userEvent.type(canvas.getByLabelText(m.format('field.confirmPassword.label')), 'new-password-9');
    await userEvent.click(canvas.getByRole('button', { name: m.format('reset.form.submit') }));
    await canvas.findByRole('heading', { name: m.format('reset.done.title') }, slow);
  },
};

/** A used or expired link. */
export const DeadLink: Story = {
  parameters: { route: '/auth/reset-password?token=used-token' },
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText(m.format('field.newPassword.label'), undefined, slow), 'new-password-9');
    await userEvent.type(canvas.getByLabelText(m.format('field.confirmPassword.label')), 'new-password-9');
    await userEvent.click(canvas.getByRole('button', { name: m.format('reset.form.submit') }));
    await canvas.findByRole('heading', { name: m.format('reset.invalid.title') }, slow);
  },
};
