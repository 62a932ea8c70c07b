import type { Meta, StoryObj } from '@storybook/react';
import { expect, fn, userEvent, within } from 'storybook/test';
import { OtpInput } from '../../../src/ui/index.ts';
import { useStoryMessages } from '../../support/kit.tsx';

function CodeInput(props: { defaultValue?: string; attemptsLeft?: number; disabled?: boolean; onComplete?: (code: string) => void }) {
  const m = useStoryMessages();
  return (
    <OtpInput
      label={m.format('otp.codeLabel')}
      description={m.format('otp.codeDescription', { length: 6 })}
      defaultValue={props.defaultValue}
      disabled={props.disabled}
      onComplete={props.onComplete}
      error={props.attemptsLeft !== undefined ? m.format('code.wrong', { count: props.attemptsLeft }) : undefined}
    />
  );
}

/** One `one-time-code` input drawn as cells: typing, pasting and autofill all land in one field. */
const meta = { title: 'Parts/OtpInput', component: CodeInput, parameters: { kitComponent: OtpInput }, args: { onComplete: fn() } } satisfies Meta<typeof CodeInput>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Typing six digits calls onComplete once; letters are dropped. */
export const Empty: Story = {
  play: async ({ canvasElement, args }) => {
    const input = within(canvasElement).getByRole('textbox');
    await userEvent.type(input, '12a3456');
    await expect(input).toHaveValue('123456');
    await expect(args.onComplete).toHaveBeenCalledTimes(1);
    await expect(args.onComplete).toHaveBeenCalledWith('123456');
  },
};
export const Partial: Story = { args: { defaultValue: '123' } };
export const WrongCode: Story = {
  args: { defaultValue: '123456', attemptsLeft: 2 },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('textbox')).toHaveAttribute('aria-invalid', 'true');
  },
};
export const Disabled: Story = { args: { defaultValue: '123456', disabled: true } };
