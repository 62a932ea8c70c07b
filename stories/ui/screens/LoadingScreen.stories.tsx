import type { Meta, StoryObj } from '@storybook/react';
import { expect, within } from 'storybook/test';
import { LoadingScreen } from '../../../src/ui/index.ts';
import { messagesOf } from '../../support/screenStory.tsx';

/** What a screen shows while it waits: nothing for `delayMs` (no flash for fast loads), then a spinner. */
const meta = { title: 'Screens/LoadingScreen', component: LoadingScreen } satisfies Meta<typeof LoadingScreen>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The spinner at once. */
export const Spinner: Story = {
  args: { delayMs: 0 },
  play: async ({ canvasElement, globals }) => {
    await expect(await within(canvasElement).findByText(messagesOf(globals).format('common.loading'))).toBeInTheDocument();
  },
};
/** The default: an empty live region first, the spinner after 300 ms. */
export const Delayed: Story = {
  play: async ({ canvasElement, globals }) => {
    await within(canvasElement).findByText(messagesOf(globals).format('common.loading'));
  },
};
