import type { Meta, StoryObj } from '@storybook/react';
import { SEED_PASSWORD } from '../../../src/testing/index.ts';
import type { LiveContext } from '../../support/backend.ts';
import { LiveFlow } from '../../support/LiveFlow.tsx';
import { storyScreens } from '../../support/screens.ts';
import { userEvent, within } from 'storybook/test';
import { choose, enterEmailCode, reachedHome, setUpTotp, signIn, turnOnTotpInSettings, verifyEmail } from '../../support/flowSteps.ts';

/**
 * Click-through flows: the reference backend runs in this page (PGlite in WASM, answering through
 * msw), configured as one of the seed scenarios. The dev outbox and an authenticator sit beside the
 * screens. Each story's `play` walks the happy path; open it in Storybook to click through yourself.
 */
const meta = {
  title: 'Flows/Live (reference backend)',
  component: LiveFlow,
  args: { screens: storyScreens },
  parameters: { route: '/', layout: 'fullscreen' },
} satisfies Meta<typeof LiveFlow>;
export default meta;
type Story = StoryObj<typeof meta>;

const live = (loaded: Record<string, unknown>) => (loaded.live as LiveContext);

/** S1: every user sets up an authenticator app after the password. */
export const S1TotpForEveryone: Story = {
  parameters: { backend: { scenario: 'S1' }, needsScreens: ['SignIn', 'Totp'] },
  play: async ({ canvasElement, loaded }) => {
    await signIn(canvasElement, 'new-s1@example.com', SEED_PASSWORD, 'signUp');
    await setUpTotp(canvasElement, live(loaded));
    await reachedHome(canvasElement);
  },
};

/** S2: one of TOTP or an email code; the chooser lists both. */
export const S2OneOf: Story = {
  parameters: { backend: { scenario: 'S2' }, needsScreens: ['SignIn', 'FactorChooser', 'OtpEmail'] },
  play: async ({ canvasElement, loaded }) => {
    await signIn(canvasElement, 'new-s2@example.com', SEED_PASSWORD, 'signUp');
    await choose(canvasElement, 'factor.otp-email.name');
    await enterEmailCode(canvasElement, live(loaded), 'new-s2@example.com');
    await reachedHome(canvasElement);
  },
};

/** S4: TOTP first, then an email code, in that order. */
export const S4FixedOrder: Story = {
  parameters: { backend: { scenario: 'S4' }, needsScreens: ['SignIn', 'Totp', 'OtpEmail'] },
  play: async ({ canvasElement, loaded }) => {
    await signIn(canvasElement, 'new-s4@example.com', SEED_PASSWORD, 'signUp');
    await setUpTotp(canvasElement, live(loaded));
    await enterEmailCode(canvasElement, live(loaded), 'new-s4@example.com');
    await reachedHome(canvasElement);
  },
};

/** S6: the seeded admin must enter an email code. */
export const S6Admins: Story = {
  parameters: { backend: { scenario: 'S6' }, needsScreens: ['SignIn', 'OtpEmail'] },
  play: async ({ canvasElement, loaded }) => {
    await signIn(canvasElement, 'admin@example.com', SEED_PASSWORD);
    await enterEmailCode(canvasElement, live(loaded), 'admin@example.com');
    await reachedHome(canvasElement);
  },
};

/** S8: verify the email address (link in the outbox), then the email code. */
export const S8VerifyEmailFirst: Story = {
  parameters: { backend: { scenario: 'S8' }, needsScreens: ['SignIn', 'VerifyEmail', 'OtpEmail'] },
  play: async ({ canvasElement, loaded }) => {
    await signIn(canvasElement, 'new-s8@example.com', SEED_PASSWORD, 'signUp');
    await verifyEmail(canvasElement, live(loaded), 'new-s8@example.com');
    await enterEmailCode(canvasElement, live(loaded), 'new-s8@example.com');
    await reachedHome(canvasElement);
  },
};

/** S5: a new user gets straight in, then turns the authenticator app on in the settings; the next sign-in asks for it. */
export const S5Settings: Story = {
  parameters: { backend: { scenario: 'S5' }, needsScreens: ['SignIn', 'Settings', 'Totp'] },
  play: async ({ canvasElement, loaded }) => {
    await signIn(canvasElement, 'new-s5@example.com', SEED_PASSWORD, 'signUp');
    await reachedHome(canvasElement);
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Go to the MFA settings' }));
    await turnOnTotpInSettings(canvasElement, live(loaded));
  },
};
