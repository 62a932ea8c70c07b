import { useState, type FormEvent } from 'react';
import type { Meta, StoryObj } from '@storybook/react';
import { expect, userEvent, within } from 'storybook/test';
import { Button, ErrorSummary, TextField } from '../../../src/ui/index.ts';
import { useStoryMessages } from '../../support/kit.tsx';

/** A sign-up form whose submit always fails with two field errors, as a backend would answer. */
function SignUpErrors() {
  const m = useStoryMessages();
  const [submitted, setSubmitted] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
  };
  const emailError = submitted ? m.format('fieldError.emailInvalid') : undefined;
  const passwordError = submitted ? m.format('fieldError.passwordTooWeak') : undefined;
  return (
    <form noValidate onSubmit={submit}>
      <ErrorSummary
        title={m.format('errorSummary.title', { count: 2 })}
        errors={
          submitted
            ? [
                { fieldId: 'story-email', message: emailError },
                { fieldId: 'story-password', message: passwordError },
              ]
            : []
        }
      />
      <TextField id="story-email" label={m.format('field.email.label')} type="email" error={emailError} />
      <TextField id="story-password" label={m.format('field.password.label')} type="password" error={passwordError} />
      <Button type="submit">{m.format('signUp.submit')}</Button>
    </form>
  );
}

/** The list of a form's errors, focused after a failed submit; each links to its field. */
const meta = { title: 'Parts/ErrorSummary', component: SignUpErrors, parameters: { kitComponent: ErrorSummary } } satisfies Meta<typeof SignUpErrors>;
export default meta;
type Story = StoryObj<typeof meta>;

export const TwoErrors: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button'));
    await expect(await canvas.findByRole('alert')).toHaveFocus();
    await userEvent.click(canvas.getAllByRole('link')[1]!);
    await expect(canvasElement.querySelector('#story-password')).toHaveFocus();
  },
};
