import type { Meta, StoryObj } from '@storybook/react';
import { expect, within } from 'storybook/test';
import { Alert } from '../../../src/ui/index.ts';
import type { MessageKey } from '../../../src/ui/index.ts';
import { useStoryMessages } from '../../support/kit.tsx';

function ToneAlert({ tone, title, body }: { tone: 'error' | 'warning' | 'success' | 'info'; title?: MessageKey; body?: MessageKey }) {
  const m = useStoryMessages();
  return (
    <Alert tone={tone} title={title ? m.format(title as 'error.generic') : undefined}>
      {body ? m.format(body as 'error.network') : undefined}
    </Alert>
  );
}

/** Errors are announced at once (role=alert); other tones politely (role=status). */
const meta = { title: 'Parts/Alert', component: ToneAlert, parameters: { kitComponent: Alert } } satisfies Meta<typeof ToneAlert>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Error: Story = {
  args: { tone: 'error', title: 'error.generic', body: 'error.network' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toBeInTheDocument();
  },
};
export const Warning: Story = { args: { tone: 'warning', body: 'totp.clockDrift' } };
export const Success: Story = { args: { tone: 'success', title: 'ev.success.title', body: 'ev.success.body' } };
export const Info: Story = {
  args: { tone: 'info', body: 'otp.resent' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toBeInTheDocument();
  },
};
