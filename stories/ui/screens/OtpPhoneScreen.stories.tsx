import type { Meta, StoryObj } from '@storybook/react';
import { userEvent, within } from 'storybook/test';
import { OtpPhoneScreen } from '../../../src/ui/index.ts';
import { messagesOf, renderScreen, signUp } from '../../support/screenStory.tsx';
import type { LiveContext } from '../../support/backend.ts';

const slow = { timeout: 15_000 };

/**
 * `{basePath}/mfa/otp-phone`: a code by text message, for a user whose phone number the backend
 * does not know yet (set-up from the settings: `?setup=true&stepUp=true`). The stories' default
 * backend: codes by email or text message, no second factor required.
 */
const meta = {
  title: 'Screens/OtpPhoneScreen',
  component: OtpPhoneScreen,
  render: renderScreen('OtpPhone', OtpPhoneScreen),
  parameters: {
    route: '/auth/mfa/otp-phone?setup=true&stepUp=true',
    backend: { share: 'OtpPhoneScreen', prepare: (live: LiveContext) => signUp(live, 'phone').then(() => undefined) },
  },
} satisfies Meta<typeof OtpPhoneScreen>;
export default meta;
type Story = StoryObj<typeof meta>;

/** No number known: the screen asks for one. */
export const AskForContact: Story = {
  play: async ({ canvasElement, globals }) => {
    await within(canvasElement).findByRole('heading', { name: messagesOf(globals).format('otp.phone.askTitle') }, slow);
  },
};

/** A number that is not one says so under the field. */
export const InvalidNumber: Story = {
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = within(canvasElement);
    await canvas.findByRole('heading', { name: m.format('otp.phone.askTitle') }, slow);
    await userEvent.type(canvas.getByLabelText(m.format('field.phone.label')), '+1 555');
    await userEvent.click(canvas.getByRole('button', { name: m.format('otp.sendCode') }));
    await canvas.findByText(m.format('fieldError.phoneInvalid'), undefined, slow);
  },
};

/** The number given, the code sent by text message. */
export const CodeSent: Story = {
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = within(canvasElement);
    await canvas.findByRole('heading', { name: m.format('otp.phone.askTitle') }, slow);
    await userEvent.type(canvas.getByLabelText(m.format('field.phone.label')), '+1 201 555 0123');
    await userEvent.click(canvas.getByRole('button', { name: m.format('otp.sendCode') }));
    await canvas.findByRole('heading', { name: m.format('otp.phone.title') }, slow);
  },
};
