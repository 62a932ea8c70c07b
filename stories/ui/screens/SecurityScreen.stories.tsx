import type { Meta, StoryObj } from '@storybook/react';
import { expect, within } from 'storybook/test';
import { SecurityScreen } from '../../../src/ui/index.ts';
import { messagesOf, renderScreen, signUp } from '../../support/screenStory.tsx';
import { totpNow } from '../../support/flowSteps.ts';
import type { LiveContext } from '../../support/backend.ts';

const slow = { timeout: 15_000 };

/** Signed up here with an authenticator app and recovery codes. */
async function protectedAccount(live: LiveContext) {
  await signUp(live, 'security');
  const device = await live.client.totp.createDevice({ deviceName: 'Phone' });
  if (device.status !== 'OK') throw new Error(device.status);
  if ((await live.client.totp.verifyDevice({ deviceName: 'Phone', totp: totpNow(device.secret, live) })).status !== 'OK') throw new Error('verify device');
  if ((await live.client.recoveryCodes.generate()).status !== 'OK') throw new Error('recovery codes');
}

/**
 * `{basePath}/security` (seed S5): two-step verification (factors, apps, recovery codes, password)
 * beside the devices (sessions, trusted browsers). Two columns when the canvas is wide.
 */
const meta = {
  title: 'Screens/SecurityScreen',
  component: SecurityScreen,
  render: renderScreen('Security', SecurityScreen),
  parameters: { route: '/auth/security', layout: 'fullscreen', backend: { share: 'SecurityScreen', scenario: 'S5', prepare: protectedAccount } },
} satisfies Meta<typeof SecurityScreen>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Everything in one page. */
export const Overview: Story = {
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = within(canvasElement);
    await canvas.findByRole('heading', { name: m.format('security.title'), level: 1 }, slow);
    await canvas.findByText(m.format('recovery.remaining', { count: 10, total: 10 }), undefined, slow);
    await expect(await canvas.findByRole('heading', { name: m.format('settings.sessions.title') }, slow)).toBeInTheDocument();
  },
};
