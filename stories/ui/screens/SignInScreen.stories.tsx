import type { Meta, StoryObj } from '@storybook/react';
import { expect, userEvent, within } from 'storybook/test';
import { SignInScreen } from '../../../src/ui/index.ts';
import { SEED_PASSWORD } from '../../../src/testing/index.ts';
import { messagesOf, renderScreen } from '../../support/screenStory.tsx';
import { uniqueEmail } from '../../support/backend.ts';

const slow = { timeout: 15_000 };

/**
 * `{basePath}`: the first factor, against the reference backend in the page (one backend for the
 * file). Email and password, or a one-time code when the tenant offers it.
 */
const meta = {
  title: 'Screens/SignInScreen',
  component: SignInScreen,
  render: renderScreen('SignIn', SignInScreen),
  parameters: {
    route: '/auth',
    backend: {
      share: 'SignInScreen',
      config: {
        mfa: { firstFactors: ['emailpassword', 'otp-email', 'otp-phone', 'thirdparty'] },
        // Providers for the buttons (not reachable from a story: clicking one shows the refusal).
        thirdParty: {
          providers: [
            { id: 'google', clients: [{ clientId: 'story' }] },
            { id: 'github', clients: [{ clientId: 'story' }] },
            { id: 'acme', name: 'Acme SSO', issuer: 'https://sso.acme.invalid', clients: [{ clientId: 'story' }] },
          ],
        },
      },
    },
  },
} satisfies Meta<typeof SignInScreen>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The form, with the other ways to sign in the backend offers. */
export const Form: Story = {
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = within(canvasElement);
    await canvas.findByRole('heading', { name: m.format('signIn.title') }, slow);
    await expect(canvas.getByRole('navigation', { name: m.format('signIn.otherMethods') })).toBeInTheDocument();
  },
};

/** Social and enterprise sign-in: a button per provider the tenant offers, then "or" and the form. */
export const SocialSignIn: Story = {
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = within(canvasElement);
    const list = await canvas.findByRole('list', { name: m.format('signIn.providersLabel') }, slow);
    for (const provider of ['Google', 'GitHub', 'Acme SSO']) await expect(within(list).getByRole('button', { name: m.format('signIn.withProvider', { provider }) })).toBeInTheDocument();
  },
};

/** Sign-up sent empty: each field says what is wrong, and a summary lists both. */
export const FieldErrors: Story = {
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = within(canvasElement);
    await canvas.findByRole('heading', { name: m.format('signIn.title') }, slow);
    await userEvent.click(canvas.getByRole('button', { name: m.format('signIn.toSignUp') }));
    await userEvent.click(await canvas.findByRole('button', { name: m.format('signUp.submit') }));
    await canvas.findByText(m.format('errorSummary.title', { count: 2 }), undefined, slow);
    await expect(canvas.getByLabelText(m.format('field.email.label'))).toHaveAttribute('aria-invalid', 'true');
  },
};

/** An address and password that do not match an account. */
export const WrongCredentials: Story = {
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = within(canvasElement);
    await canvas.findByRole('heading', { name: m.format('signIn.title') }, slow);
    await userEvent.type(canvas.getByLabelText(m.format('field.email.label')), uniqueEmail('nobody'));
    await userEvent.type(canvas.getByLabelText(m.format('field.password.label')), `${SEED_PASSWORD}-not`);
    await userEvent.click(canvas.getByRole('button', { name: m.format('signIn.submit') }));
    await canvas.findByText(m.format('fieldError.wrongCredentials'), undefined, slow);
  },
};

/** A one-time code by email as the first factor: the address, then the code. */
export const OtpFirstFactor: Story = {
  args: { defaultMode: 'otp-email' },
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = within(canvasElement);
    await canvas.findByRole('heading', { name: m.format('otp.email.askTitle') }, slow);
    await userEvent.type(canvas.getByLabelText(m.format('field.email.label')), uniqueEmail('otp-first'));
    await userEvent.click(canvas.getByRole('button', { name: m.format('otp.sendCode') }));
    await canvas.findByRole('heading', { name: m.format('otp.email.title') }, slow);
  },
};
