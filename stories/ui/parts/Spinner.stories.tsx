import type { Meta, StoryObj } from '@storybook/react';
import { expect, within } from 'storybook/test';
import { DelayedFallback, LiveRegion, Spinner } from '../../../src/ui/index.ts';
import { useStoryMessages } from '../../support/kit.tsx';

function Loading({ showLabel }: { showLabel?: boolean }) {
  const m = useStoryMessages();
  return <Spinner label={m.format('common.loading')} showLabel={showLabel} />;
}

/** Loading indicators: a named spinner, a fallback that appears only after a delay, a live region. */
const meta = { title: 'Parts/Spinner', component: Loading, parameters: { kitComponent: Spinner } } satisfies Meta<typeof Loading>;
export default meta;
type Story = StoryObj<typeof meta>;

export const LabelForScreenReaders: Story = {
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent(/\S/);
  },
};
export const VisibleLabel: Story = { args: { showLabel: true } };

/** What screens show while loading: nothing for a moment, then a spinner (no flash on fast answers). */
export const DelayedFallbackShown: Story = {
  render: function Render() {
    const m = useStoryMessages();
    return <DelayedFallback delayMs={0} label={m.format('common.loading')} showLabel />;
  },
};

/** A polite live region with visible text (normally visually hidden). */
export const LiveRegionVisible: Story = {
  render: function Render() {
    const m = useStoryMessages();
    return <LiveRegion hidden={false}>{m.format('otp.resent')}</LiveRegion>;
  },
};
