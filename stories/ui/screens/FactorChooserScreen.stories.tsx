import type { Meta, StoryObj } from '@storybook/react';
import { expect, within } from 'storybook/test';
import { DEFAULT_FACTOR_SCREENS } from '../../../src/core/index.ts';
import { FactorChooserScreen } from '../../../src/ui/index.ts';
import { mfaInfo, network } from '../../../src/testing/index.ts';
import { messagesOf, renderScreen, signUp } from '../../support/screenStory.tsx';
import type { LiveContext } from '../../support/backend.ts';

const slow = { timeout: 15_000 };
const signedUp = { prepare: (live: LiveContext) => signUp(live, 'chooser').then(() => undefined) };

/**
 * `{basePath}/mfa`: the factors the user may use next (seed S2: an authenticator app or a code by
 * email), a user signed in with the password. One backend for the file.
 */
const meta = {
  title: 'Screens/FactorChooserScreen',
  component: FactorChooserScreen,
  render: renderScreen('FactorChooser', FactorChooserScreen),
  parameters: { route: '/auth/mfa', backend: { share: 'FactorChooserScreen', scenario: 'S2', ...signedUp } },
} satisfies Meta<typeof FactorChooserScreen>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Both factors of the policy, each with its name, description and icon. */
export const List: Story = {
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = within(canvasElement);
    const list = await canvas.findByRole('list', { name: m.format('chooser.listLabel') }, slow);
    await expect(within(list).getByRole('link', { name: m.format('factor.totp.name') })).toBeInTheDocument();
    await expect(within(list).getByRole('link', { name: m.format('factor.otp-email.name') })).toBeInTheDocument();
  },
};

/** A factor of the app's own, registered in `<AuthProvider factors>` (here asked for with `?n=`). */
export const CustomFactor: Story = {
  parameters: {
    route: '/auth/mfa?n=totp,acme-key',
    provider: { factors: [...DEFAULT_FACTOR_SCREENS, { id: 'acme-key', path: '/mfa/acme', label: 'Acme security key', description: 'Touch your Acme key.' }] },
  },
  play: async ({ canvasElement, globals }) => {
    const list = await within(canvasElement).findByRole('list', { name: messagesOf(globals).format('chooser.listLabel') }, slow);
    await expect(within(list).getByRole('link', { name: 'Acme security key' })).toBeInTheDocument();
  },
};

/** Sign-in waits for a factor the app does not offer: access denied, with the reason (msw: `mfaInfo.noFactorPossible`). */
export const NoFactorPossible: Story = {
  parameters: { msw: { handlers: [mfaInfo.noFactorPossible()] } },
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    await within(canvasElement).findByRole('heading', { name: m.format('accessDenied.title') }, slow);
    await within(canvasElement).findByText(m.format('accessDenied.noFactor'));
  },
};

/** MFA info is slow to come (msw: `network.slow`): a spinner after a short delay, never a blank page. */
export const Loading: Story = {
  parameters: { msw: { handlers: [network.slow({ ms: 10 * 60_000 })] } },
  play: async ({ canvasElement, globals }) => {
    await within(canvasElement).findByText(messagesOf(globals).format('common.loading'), undefined, slow);
  },
};
