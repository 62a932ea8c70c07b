import type { Meta, StoryObj } from '@storybook/react';
import { expect, fn, userEvent, within } from 'storybook/test';
import { Button } from '../../../src/ui/index.ts';
import { useStoryMessages } from '../../support/kit.tsx';

/** The kit's only button: primary, secondary, link; submitting keeps focus and ignores clicks. */
const meta = {
  title: 'Parts/Button',
  component: Button,
  args: { onClick: fn() },
  render: function Render(args) {
    const m = useStoryMessages();
    return <Button {...args}>{args.children ?? m.format('common.continue')}</Button>;
  },
} satisfies Meta<typeof Button>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Primary: Story = {
  play: async ({ canvasElement, args }) => {
    await userEvent.click(within(canvasElement).getByRole('button'));
    await expect(args.onClick).toHaveBeenCalledTimes(1);
  },
};
export const Secondary: Story = { args: { variant: 'secondary' } };
export const Link: Story = { args: { variant: 'link' } };
export const Disabled: Story = { args: { disabled: true } };

/** A request is in flight: busy, still focusable, clicks ignored. */
export const Submitting: Story = {
  args: { submitting: true },
  play: async ({ canvasElement, args }) => {
    const button = within(canvasElement).getByRole('button');
    await expect(button).toHaveAttribute('aria-busy', 'true');
    await userEvent.click(button);
    await expect(args.onClick).not.toHaveBeenCalled();
  },
};
