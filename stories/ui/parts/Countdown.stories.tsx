import type { Meta, StoryObj } from '@storybook/react';
import { expect, within } from 'storybook/test';
import { Countdown } from '../../../src/ui/index.ts';
import { useStoryMessages } from '../../support/kit.tsx';

function ResendCooldown({ seconds }: { seconds: number }) {
  const m = useStoryMessages();
  return <Countdown endsAt={Date.now() + seconds * 1000} format={(s) => m.format('otp.resendCooldown', { seconds: s })} />;
}

function CodeExpiry({ seconds }: { seconds: number }) {
  const m = useStoryMessages();
  return <Countdown endsAt={Date.now() + seconds * 1000} format={(s) => m.format('otp.expiresIn', { time: m.formatDuration(s) })} />;
}

function Lockout({ seconds }: { seconds: number }) {
  const m = useStoryMessages();
  return <Countdown endsAt={Date.now() + seconds * 1000} format={(s) => m.format('code.locked.countdown', { time: m.formatDuration(s) })} />;
}

/** A ticking text that follows the clock; announced politely at a few chosen moments only. */
const meta = { title: 'Parts/Countdown', component: ResendCooldown, parameters: { kitComponent: Countdown }, args: { seconds: 30 } } satisfies Meta<typeof ResendCooldown>;
export default meta;
type Story = StoryObj<typeof meta>;

export const ResendIn30Seconds: Story = {
  play: async ({ canvasElement }) => {
    // Two moments may straddle a second boundary: check the shape, not the exact number.
    await expect(canvasElement.querySelector('[data-fk="countdown"]')).toHaveAttribute('data-state', 'running');
  },
};
export const CodeExpiresIn15Minutes: Story = { render: () => <CodeExpiry seconds={900} /> };
export const LockedFor5Minutes: Story = { render: () => <Lockout seconds={300} /> };
export const Done: Story = {
  args: { seconds: 0 },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText(/0/)).toBeInTheDocument();
    await expect(canvasElement.querySelector('[data-fk="countdown"]')).toHaveAttribute('data-state', 'done');
  },
};
