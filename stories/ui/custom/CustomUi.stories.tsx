import type { Meta, StoryObj } from '@storybook/react';
import { expect, userEvent, within } from 'storybook/test';
import { SEED_PASSWORD } from '../../../src/testing/index.ts';
import { MyTotpScreen } from '../../../demo/src/MyTotpScreen.tsx';
import type { LiveContext } from '../../support/backend.ts';
import { reachedHome, signIn, totpNow } from '../../support/flowSteps.ts';
import { LiveFlow } from '../../support/LiveFlow.tsx';
import { storyScreens } from '../../support/screens.ts';

/**
 * README's "Custom UI": the TOTP step rebuilt from the kit's hooks and parts (demo/src/MyTotpScreen.tsx,
 * the file README shows), in place of the pre-built one, against the reference backend (seed S1).
 */
const meta = {
  title: 'Custom UI/MyTotpScreen (README)',
  component: LiveFlow,
  args: { screens: { ...storyScreens, Totp: MyTotpScreen } },
  parameters: { route: '/', layout: 'fullscreen', backend: { scenario: 'S1' }, needsScreens: ['SignIn'] },
} satisfies Meta<typeof LiveFlow>;
export default meta;
type Story = StoryObj<typeof meta>;

const slow = { timeout: 15_000 };

/** Sign up, then set up an authenticator on the custom screen: a wrong code first, then the right one. */
export const SetUpWithTheCustomScreen: Story = {
  play: async ({ canvasElement, loaded }) => {
    const live = loaded.live as LiveContext;
    const canvas = within(canvasElement);
    await signIn(canvasElement, 'custom-ui@example.com', SEED_PASSWORD, 'signUp');
    await canvas.findByRole('heading', { name: 'Add an authenticator app' }, slow);
    await userEvent.click(canvas.getByText('Can’t scan it?'));
    const secret = canvas.getByRole('group', { name: 'Key, in groups of four' }).textContent ?? '';
    const right = totpNow(secret, live);
    await userEvent.type(canvas.getByLabelText('6-digit code'), right === '000000' ? '111111' : '000000');
    await expect(await canvas.findByText('That code did not work. 4 tries left.', undefined, slow)).toBeTruthy();
    await userEvent.type(canvas.getByLabelText('6-digit code'), right);
    await reachedHome(canvasElement);
  },
};
