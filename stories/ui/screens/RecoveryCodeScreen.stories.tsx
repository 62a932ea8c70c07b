import type { Meta, StoryObj } from '@storybook/react';
import { expect, userEvent, within } from 'storybook/test';
import { RecoveryCodeScreen } from '../../../src/ui/index.ts';
import { SEED_PASSWORD } from '../../../src/testing/index.ts';
import { messagesOf, otherClient, renderScreen } from '../../support/screenStory.tsx';
import { totpNow } from '../../support/flowSteps.ts';
import { uniqueEmail, type LiveContext } from '../../support/backend.ts';

const slow = { timeout: 15_000 };

/** A user with an authenticator app and recovery codes (made in another browser), signed in here with the password: the app is due. */
async function lostPhone(live: LiveContext): Promise<void> {
  const email = uniqueEmail('recovery');
  const setup = otherClient();
  if ((await setup.emailPassword.signUp({ email, password: SEED_PASSWORD })).status !== 'OK') throw new Error('sign-up');
  const device = await setup.totp.createDevice({ deviceName: 'Phone' });
  if (device.status !== 'OK') throw new Error(device.status);
  if ((await setup.totp.verifyDevice({ deviceName: 'Phone', totp: totpNow(device.secret, live) })).status !== 'OK') throw new Error('verify device');
  if ((await setup.recoveryCodes.generate()).status !== 'OK') throw new Error('recovery codes');
  if ((await live.client.emailPassword.signIn({ email, password: SEED_PASSWORD })).status !== 'OK') throw new Error('sign-in');
}

/**
 * `{basePath}/mfa/recovery-code` (seed S1): one of the saved codes finishes sign-in when the phone is
 * lost; then how many are left, and a new authenticator app set up in place.
 */
const meta = {
  title: 'Screens/RecoveryCodeScreen',
  component: RecoveryCodeScreen,
  render: renderScreen('RecoveryCode', RecoveryCodeScreen),
  parameters: { route: '/auth/mfa/recovery-code', backend: { share: 'RecoveryCodeScreen', scenario: 'S1', prepare: lostPhone } },
} satisfies Meta<typeof RecoveryCodeScreen>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The code field. */
export const EnterCode: Story = {
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    await within(canvasElement).findByLabelText(m.format('recovery.use.label'), undefined, slow);
  },
};

/** A code that is not one of the account's: said so at the field. */
export const WrongCode: Story = {
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = within(canvasElement);
    await userEvent.type(await canvas.findByLabelText(m.format('recovery.use.label'), undefined, slow), 'aaaa-bbbb-cccc');
    await userEvent.click(canvas.getByRole('button', { name: m.format('recovery.use.submit') }));
    await expect(await canvas.findByText(m.format('recovery.use.wrong'), undefined, slow)).toBeInTheDocument();
  },
};
