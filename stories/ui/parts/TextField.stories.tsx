import type { Meta, StoryObj } from '@storybook/react';
import { expect, userEvent, within } from 'storybook/test';
import { TextField } from '../../../src/ui/index.ts';
import { useStoryMessages } from '../../support/kit.tsx';

function EmailField(props: { invalid?: boolean; disabled?: boolean; defaultValue?: string }) {
  const m = useStoryMessages();
  return (
    <TextField
      label={m.format('field.email.label')}
      type="email"
      autoComplete="email"
      name="email"
      defaultValue={props.defaultValue}
      disabled={props.disabled}
      error={props.invalid ? m.format('fieldError.emailInvalid') : undefined}
    />
  );
}

function PasswordField() {
  const m = useStoryMessages();
  return <TextField label={m.format('field.password.label')} type="password" autoComplete="new-password" description={m.format('field.password.description')} />;
}

/** A labelled input with optional description and error, both tied to it by aria-describedby. */
const meta = { title: 'Parts/TextField', component: EmailField, parameters: { kitComponent: TextField } } satisfies Meta<typeof EmailField>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = {
  play: async ({ canvasElement }) => {
    const input = within(canvasElement).getByRole('textbox');
    await userEvent.type(input, 'alice@example.com');
    await expect(input).toHaveValue('alice@example.com');
  },
};
export const Invalid: Story = {
  args: { invalid: true, defaultValue: 'alice@' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('textbox')).toHaveAttribute('aria-invalid', 'true');
  },
};
export const Disabled: Story = { args: { disabled: true, defaultValue: 'alice@example.com' } };
export const WithDescription: Story = { render: () => <PasswordField /> };
