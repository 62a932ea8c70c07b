import type { Meta, StoryObj } from '@storybook/react';
import { expect, userEvent, within } from 'storybook/test';
import { TotpScreen, type Messages } from '../../../src/ui/index.ts';
import { SEED_PASSWORD, totp } from '../../../src/testing/index.ts';
import { messagesOf, otherClient, renderScreen, signUp } from '../../support/screenStory.tsx';
import { totpNow } from '../../support/flowSteps.ts';
import { uniqueEmail, type LiveContext } from '../../support/backend.ts';

const slow = { timeout: 15_000 };

/** The set-up step is showing (QR code and secret); types a code there. */
async function typeSetupCode(canvasElement: HTMLElement, m: Messages, code = '123456') {
  const canvas = within(canvasElement);
  await canvas.findByRole('heading', { name: m.format('totp.setup.title') }, slow);
  await canvas.findByRole('group', { name: m.format('totp.secretGroups') }, slow);
  await userEvent.type(canvas.getByLabelText(m.format('totp.codeLabel')), code);
  return canvas;
}

/** A user with an authenticator app set up (in another browser), signed in here with the password only. */
async function returningUser(live: LiveContext) {
  const email = uniqueEmail('totp-returning');
  const setup = otherClient();
  if ((await setup.emailPassword.signUp({ email, password: SEED_PASSWORD })).status !== 'OK') throw new Error('sign-up');
  const device = await setup.totp.createDevice({ deviceName: 'Phone' });
  if (device.status !== 'OK') throw new Error(device.status);
  if ((await setup.totp.verifyDevice({ deviceName: 'Phone', totp: totpNow(device.secret, live) })).status !== 'OK') throw new Error('verify device');
  if ((await live.client.emailPassword.signIn({ email, password: SEED_PASSWORD })).status !== 'OK') throw new Error('sign-in');
}

/**
 * `{basePath}/mfa/totp` (seed S1: everyone needs an authenticator app). Set-up and verify come from
 * the reference backend; wrong codes and the lockout from the msw scenario handlers
 * (`totp.invalid`, `totp.limitReached`) in front of it.
 */
const meta = {
  title: 'Screens/TotpScreen',
  component: TotpScreen,
  render: renderScreen('Totp', TotpScreen),
  parameters: { route: '/auth/mfa/totp', backend: { share: 'TotpScreen', scenario: 'S1', prepare: (live: LiveContext) => signUp(live, 'totp').then(() => undefined) } },
} satisfies Meta<typeof TotpScreen>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A new user: QR code, the secret in groups with a copy button, a link for this phone, then the first code. */
export const Setup: Story = {
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = within(canvasElement);
    await canvas.findByRole('group', { name: m.format('totp.secretGroups') }, slow);
    await expect(await canvas.findByRole('img', { name: m.format('totp.qrLabel') }, slow)).toBeInTheDocument();
  },
};

/** A returning user: the code from the app. */
export const Verify: Story = {
  parameters: { backend: { prepare: returningUser } },
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    await within(canvasElement).findByRole('heading', { name: m.format('totp.verify.title') }, slow);
  },
};

/** A wrong code: how many tries are left before code entry pauses (msw: `totp.invalid`). */
export const InvalidCode: Story = {
  parameters: { msw: { handlers: totp.invalid({ failed: 1, max: 5 }) } },
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = await typeSetupCode(canvasElement, m);
    await canvas.findByText(m.format('code.wrong', { count: 4 }), undefined, slow);
  },
};

/** Repeated wrong codes: a hint about the phone's clock (msw: `totp.invalid`). */
export const ClockDriftHint: Story = {
  parameters: { msw: { handlers: totp.invalid({ failed: 2, max: 5 }) } },
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = await typeSetupCode(canvasElement, m);
    await canvas.findByText(m.format('code.wrong', { count: 3 }), undefined, slow);
    await userEvent.type(canvas.getByLabelText(m.format('totp.codeLabel')), '654321');
    await canvas.findByText(m.format('totp.clockDrift'), undefined, slow);
  },
};

/** Too many wrong codes: the code field paused under a countdown, which opens again by itself (msw: `totp.limitReached`, 90 s). */
export const Locked: Story = {
  parameters: { msw: { handlers: totp.limitReached({ retryAfterMs: 90_000 }) } },
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = await typeSetupCode(canvasElement, m);
    await canvas.findByText(m.format('code.locked.title'), undefined, slow);
    await expect(canvas.getByLabelText(m.format('totp.codeLabel'))).toBeDisabled();
  },
};
