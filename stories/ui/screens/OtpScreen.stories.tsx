import type { Meta, StoryObj } from '@storybook/react';
import { http, HttpResponse } from 'msw';
import { expect, userEvent, within } from 'storybook/test';
import { OtpEmailScreen, type Messages } from '../../../src/ui/index.ts';
import { otp } from '../../../src/testing/index.ts';
import { messagesOf, renderScreen, signUp } from '../../support/screenStory.tsx';
import type { LiveContext } from '../../support/backend.ts';

const slow = { timeout: 15_000 };

/** The code step is showing (the code went to the address the backend knows). */
async function codeStep(canvasElement: HTMLElement, m: Messages) {
  const canvas = within(canvasElement);
  await canvas.findByRole('heading', { name: m.format('otp.email.title') }, slow);
  return canvas;
}

/** Types a code; the screen submits it when complete. */
async function typeCode(canvasElement: HTMLElement, m: Messages, code = '123456') {
  const canvas = await codeStep(canvasElement, m);
  await userEvent.type(canvas.getByLabelText(m.format('otp.codeLabel')), code);
  return canvas;
}

/**
 * `{basePath}/mfa/otp-email` (and `/otp-phone`, see OtpPhoneScreen): a one-time code as a second
 * factor (seed S2), for a user signed in with the password. The happy states come from the
 * reference backend; the edge states from the msw scenario handlers the tests use
 * (`otp.consumeIncorrect`, `otp.consumeExpired`, `otp.restartFlow`) in front of it.
 */
const meta = {
  title: 'Screens/OtpEmailScreen',
  component: OtpEmailScreen,
  render: renderScreen('OtpEmail', OtpEmailScreen),
  parameters: { route: '/auth/mfa/otp-email', backend: { share: 'OtpScreen', scenario: 'S2', prepare: (live: LiveContext) => signUp(live, 'otp').then(() => undefined) } },
} satisfies Meta<typeof OtpEmailScreen>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Sent to the known address at once: the code field, when it expires, and when a new one may be asked for. */
export const CodeSent: Story = {
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = await codeStep(canvasElement, m);
    await expect(canvas.getByRole('button', { name: m.format('otp.resend') })).toBeDisabled();
  },
};

/** A wrong code: how many attempts are left (msw: `otp.consumeIncorrect({ attemptsLeft: 2 })`). */
export const WrongCode: Story = {
  parameters: { msw: { handlers: [otp.consumeIncorrect({ attemptsLeft: 2 })] } },
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = await typeCode(canvasElement, m);
    await canvas.findByText(m.format('code.wrong', { count: 2 }), undefined, slow);
  },
};

/** The code expired (msw: `otp.consumeExpired`). */
export const Expired: Story = {
  parameters: { msw: { handlers: [otp.consumeExpired()] } },
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = await typeCode(canvasElement, m);
    await canvas.findByRole('alert', { name: '' }).catch(() => undefined);
    await expect((await canvas.findAllByText(m.format('code.expired'), undefined, slow)).length).toBeGreaterThan(0);
  },
};

/** Too many wrong codes ended the attempt (msw: `otp.restartFlow`): start again. */
export const RestartAfterTooMany: Story = {
  parameters: { msw: { handlers: [otp.restartFlow()] } },
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = await typeCode(canvasElement, m);
    await canvas.findByText(m.format('otp.tooManyAttempts'), undefined, slow);
    await expect(canvas.getByRole('button', { name: m.format('otp.restart') })).toBeInTheDocument();
  },
};

/** A longer cooldown: "Send a new code" waits, and says for how long. */
export const ResendCooldown: Story = {
  args: { resendCooldownSeconds: 90 },
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = await codeStep(canvasElement, m);
    await expect(canvas.getByRole('button', { name: m.format('otp.resend') })).toBeDisabled();
    await canvas.findByText(m.format('otp.resendCooldown', { seconds: 90 }));
  },
};

/** No cooldown: a new code is sent, and the screen says so. */
export const Resent: Story = {
  args: { resendCooldownSeconds: 0 },
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = await codeStep(canvasElement, m);
    await userEvent.click(canvas.getByRole('button', { name: m.format('otp.resend') }));
    await canvas.findByText(m.format('otp.resent'), undefined, slow);
  },
};

/** The code cannot be checked: the request never reaches the server. */
export const NetworkError: Story = {
  parameters: { msw: { handlers: [http.post('*/auth/signinup/code/consume', () => HttpResponse.error())] } },
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = await typeCode(canvasElement, m);
    await canvas.findByText(m.format('error.network'), undefined, slow);
  },
};
