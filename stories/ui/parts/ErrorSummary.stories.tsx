import type { Meta, StoryObj } from '@storybook/react';
import { expect, userEvent, within } from 'storybook/test';
import { ErrorSummary, TextField } from '../../../src/ui/index.ts';
import { useStoryMessages } from '../../support/kit.tsx';

function SignUpErrors() {
  const m = useStoryMessages();
  return (
    <>
      <ErrorSummary
        title={m.format('errorSummary.title', { count: 2 })}
        errors={[
          { fieldId: 'story-email', message: m.format('fieldError.emailInvalid') },
          { fieldId: 'story-password', message: m.format('fieldError.passwordTooWeak') },
        ]}
      />
      <TextField id="story-email" label={m.format('field.email.label')} type="email" error={m.format('fieldError.emailInvalid')} />
      <TextField id="story-password" label={m.format('field.password.label')} type="password" error={m.format('fieldError.passwordTooWeak')} />
    </>
  );
}

/** The list of a form's errors, focused after a failed submit; each links to its field. */
const meta = { title: 'Parts/ErrorSummary', component: SignUpErrors } satisfies Meta<typeof SignUpErrors>;
export default meta;
type Story = StoryObj<typeof meta>;

export const TwoErrors: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('alert')).toHaveFocus();
    await userEvent.click(canvas.getAllByRole('link')[1]!);
    await expect(canvasElement.querySelector('#story-password')).toHaveFocus();
  },
};
