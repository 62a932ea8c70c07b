import type { Meta, StoryObj } from '@storybook/react';
import { expect, userEvent, within } from 'storybook/test';
import { MFASettingsScreen } from '../../../../src/ui/index.ts';
import { completeEmailCode, messagesOf, renderScreen, signUp } from '../../../support/screenStory.tsx';
import { totpNow } from '../../../support/flowSteps.ts';
import type { LiveContext } from '../../../support/backend.ts';

const slow = { timeout: 15_000 };
const MINUTE = 60_000;

/** Signed up here, with an authenticator app set up and a second one never finished. */
async function withDevices(live: LiveContext) {
  await signUp(live, 'settings-devices');
  const device = await live.client.totp.createDevice({ deviceName: 'Work phone' });
  if (device.status !== 'OK') throw new Error(device.status);
  if ((await live.client.totp.verifyDevice({ deviceName: 'Work phone', totp: totpNow(device.secret, live) })).status !== 'OK') throw new Error('verify device');
  await live.client.totp.createDevice({ deviceName: 'Old tablet' });
}

/** Email codes turned on and done at sign-in, then more than five minutes pass: a change needs a fresh factor. */
async function stepUpNeeded(live: LiveContext) {
  const email = await signUp(live, 'settings-step-up');
  if ((await live.client.mfaSettings.addRequiredFactor({ factorId: 'otp-email' })).status !== 'OK') throw new Error('require otp-email');
  await completeEmailCode(live, email);
  live.clock.advance(6 * MINUTE);
}

/**
 * `{basePath}/settings` (seed S5: opt in per user): each factor with a switch, the authenticator
 * apps, and step-up before a change that weakens the account's protection.
 */
const meta = {
  title: 'Screens/settings/MFASettingsScreen',
  component: MFASettingsScreen,
  render: renderScreen('Settings', MFASettingsScreen),
  parameters: { route: '/auth/settings', backend: { share: 'MFASettingsScreen', scenario: 'S5', prepare: (live: LiveContext) => signUp(live, 'settings').then(() => undefined) } },
} satisfies Meta<typeof MFASettingsScreen>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A new user: every factor off, none required. */
export const Factors: Story = {
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = within(canvasElement);
    const toggle = await canvas.findByRole('switch', { name: m.format('settings.factorToggle', { factor: m.format('factor.otp-email.name') }) }, slow);
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
  },
};

/** Authenticator apps with the date they were added, and one whose set-up was not finished. */
export const Devices: Story = {
  parameters: { backend: { prepare: withDevices } },
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = within(canvasElement);
    await canvas.findByRole('button', { name: m.format('settings.devices.removeNamed', { name: 'Work phone' }) }, slow);
    await expect(canvas.getByText(m.format('settings.devices.unverified'))).toBeInTheDocument();
  },
};

/** Turning email codes off without a recent factor: "Confirm it's you" first, in place. */
export const StepUpPrompt: Story = {
  parameters: { backend: { prepare: stepUpNeeded } },
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = within(canvasElement);
    const toggle = await canvas.findByRole('switch', { name: m.format('settings.factorToggle', { factor: m.format('factor.otp-email.name') }) }, slow);
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    await userEvent.click(toggle);
    await canvas.findByRole('region', { name: m.format('settings.stepUp.title') }, slow);
  },
};
