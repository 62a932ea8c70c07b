import type { Meta, StoryObj } from '@storybook/react';
import { within } from 'storybook/test';
import { AccessDeniedScreen } from '../../../src/ui/index.ts';
import { messagesOf } from '../../support/screenStory.tsx';

/** Access denied, with the reason in words and the ways out (no session here: only "Go back"). */
const meta = { title: 'Screens/AccessDeniedScreen', component: AccessDeniedScreen } satisfies Meta<typeof AccessDeniedScreen>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Sign-in cannot finish: no factor the policy asks for is possible. */
export const NoFactorPossible: Story = {
  args: { reason: 'NO_FACTOR_POSSIBLE' },
  play: async ({ canvasElement, globals }) => {
    await within(canvasElement).findByText(messagesOf(globals).format('accessDenied.noFactor'));
  },
};
/** Signed in, but nothing to re-verify with. */
export const NoFactorAvailable: Story = { args: { reason: 'NO_FACTOR_AVAILABLE' } };
/** A claim the page needs is not met (the default). */
export const Forbidden: Story = { args: { reason: 'CLAIM_FAILED' } };
/** The app's own explanation. */
export const CustomMessage: Story = { args: { message: 'Your organisation has paused sign-ins for maintenance until 18:00.' } };
