import type { Meta, StoryObj } from '@storybook/react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { PhoneField } from '../../../src/ui/index.ts';
import { useStoryMessages } from '../../support/kit.tsx';

function Phone(props: { defaultValue?: string; defaultCountry?: string }) {
  const m = useStoryMessages();
  return (
    <PhoneField
      label={m.format('field.phone.label')}
      description={m.format('field.phone.description')}
      invalidMessage={m.format('fieldError.phoneInvalid')}
      defaultValue={props.defaultValue}
      defaultCountry={props.defaultCountry}
    />
  );
}

/** A phone number field: the number plans (a table generated from libphonenumber-js) load on first use; an error waits for blur. */
const meta = { title: 'Parts/PhoneField', component: Phone, parameters: { kitComponent: PhoneField } } satisfies Meta<typeof Phone>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = {};

/** A number too short to be real: the error appears when the field loses focus, not while typing. */
export const InvalidAfterBlur: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const input = canvas.getByRole('textbox');
    await userEvent.type(input, '+1 55');
    await expect(input).not.toHaveAttribute('aria-invalid');
    await userEvent.tab();
    await waitFor(() => expect(input).toHaveAttribute('aria-invalid', 'true'));
  },
};

export const ValidInternational: Story = { args: { defaultValue: '+33 6 12 34 56 78' } };
