import type { Meta, StoryObj } from '@storybook/react';
import { SEED_PASSWORD, SeedTenants, seedScenarios } from '../../../src/testing/index.ts';
import type { LiveContext } from '../../support/backend.ts';
import { LiveFlow } from '../../support/LiveFlow.tsx';
import { storyScreens } from '../../support/screens.ts';
import { expect, userEvent, within } from 'storybook/test';
import {
  choose,
  enterEmailCode,
  expectHeadings,
  m,
  reachedHome,
  setUpTotp,
  signIn,
  signInWithEmailCode,
  turnOnTotpInSettings,
  verifyEmail,
  watchHeadings,
} from '../../support/flowSteps.ts';

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
    const trail = watchHeadings(canvasElement);
    await signIn(canvasElement, 'new-s1@example.com', SEED_PASSWORD, 'signUp');
    await setUpTotp(canvasElement, live(loaded));
    await reachedHome(canvasElement);
    await expectHeadings(trail, ['signIn.title', 'signUp.title', 'totp.setup.title', 'totp.added.title', 'Protected page']);
  },
};

/** S2: one of TOTP or an email code; the chooser lists both. */
export const S2OneOf: Story = {
  parameters: { backend: { scenario: 'S2' }, needsScreens: ['SignIn', 'FactorChooser', 'OtpEmail'] },
  play: async ({ canvasElement, loaded }) => {
    const trail = watchHeadings(canvasElement);
    await signIn(canvasElement, 'new-s2@example.com', SEED_PASSWORD, 'signUp');
    await choose(canvasElement, 'factor.otp-email.name');
    await enterEmailCode(canvasElement, live(loaded), 'new-s2@example.com');
    await reachedHome(canvasElement);
    await expectHeadings(trail, ['signIn.title', 'signUp.title', 'chooser.title', 'otp.email.title', 'Protected page']);
  },
};

/** S3: both TOTP and an email code, in any order: after the email code chosen first, straight to the authenticator app. */
export const S3BothAnyOrder: Story = {
  parameters: { backend: { scenario: 'S3' }, needsScreens: ['SignIn', 'FactorChooser', 'OtpEmail', 'Totp'] },
  play: async ({ canvasElement, loaded }) => {
    const trail = watchHeadings(canvasElement);
    await signIn(canvasElement, 'new-s3@example.com', SEED_PASSWORD, 'signUp');
    await choose(canvasElement, 'factor.otp-email.name');
    await enterEmailCode(canvasElement, live(loaded), 'new-s3@example.com');
    await setUpTotp(canvasElement, live(loaded));
    await reachedHome(canvasElement);
    // No second trip to the chooser: the one factor left opens by itself.
    await expectHeadings(trail, ['signIn.title', 'signUp.title', 'chooser.title', 'otp.email.title', 'totp.setup.title', 'totp.added.title', 'Protected page']);
  },
};

/** S4: TOTP first, then an email code, in that order. */
export const S4FixedOrder: Story = {
  parameters: { backend: { scenario: 'S4' }, needsScreens: ['SignIn', 'Totp', 'OtpEmail'] },
  play: async ({ canvasElement, loaded }) => {
    const trail = watchHeadings(canvasElement);
    await signIn(canvasElement, 'new-s4@example.com', SEED_PASSWORD, 'signUp');
    await setUpTotp(canvasElement, live(loaded));
    await enterEmailCode(canvasElement, live(loaded), 'new-s4@example.com');
    await reachedHome(canvasElement);
    await expectHeadings(trail, ['signIn.title', 'signUp.title', 'totp.setup.title', 'totp.added.title', 'otp.email.title', 'Protected page']);
  },
};

/** S6: the seeded admin must enter an email code. */
export const S6Admins: Story = {
  parameters: { backend: { scenario: 'S6' }, needsScreens: ['SignIn', 'OtpEmail'] },
  play: async ({ canvasElement, loaded }) => {
    const trail = watchHeadings(canvasElement);
    await signIn(canvasElement, 'admin@example.com', SEED_PASSWORD);
    await enterEmailCode(canvasElement, live(loaded), 'admin@example.com');
    await reachedHome(canvasElement);
    await expectHeadings(trail, ['signIn.title', 'otp.email.title', 'Protected page']);
  },
};

/** S7, tenant A: email and password only, then an email code. */
export const S7TenantA: Story = {
  parameters: { backend: { scenario: 'S7', client: { tenantId: SeedTenants.A } }, needsScreens: ['SignIn', 'OtpEmail'] },
  play: async ({ canvasElement, loaded }) => {
    const trail = watchHeadings(canvasElement);
    const canvas = within(canvasElement);
    await canvas.findByRole('heading', { name: m.format('signIn.title') }, { timeout: 15_000 });
    // The sign-in screen offers only this tenant's first factors.
    await expect(canvas.queryByRole('button', { name: m.format('signIn.withEmailCode') })).toBeNull();
    await signIn(canvasElement, 'new-s7a@example.com', SEED_PASSWORD, 'signUp');
    await enterEmailCode(canvasElement, live(loaded), 'new-s7a@example.com');
    await reachedHome(canvasElement);
    await expectHeadings(trail, ['signIn.title', 'signUp.title', 'otp.email.title', 'Protected page']);
  },
};

/** S7, tenant B: no second factor; a new account gets straight in. */
export const S7TenantB: Story = {
  parameters: { backend: { scenario: 'S7', client: { tenantId: SeedTenants.B } }, needsScreens: ['SignIn'] },
  play: async ({ canvasElement }) => {
    const trail = watchHeadings(canvasElement);
    const canvas = within(canvasElement);
    await canvas.findByRole('heading', { name: m.format('signIn.title') }, { timeout: 15_000 });
    await expect(canvas.getByRole('button', { name: m.format('signIn.withEmailCode') })).toBeVisible();
    await signIn(canvasElement, 'new-s7b@example.com', SEED_PASSWORD, 'signUp');
    await reachedHome(canvasElement);
    await expectHeadings(trail, ['signIn.title', 'signUp.title', 'Protected page']);
  },
};

/** S7, tenant B: an email code alone signs in (a first factor of this tenant), and nothing more is asked. */
export const S7TenantBEmailCodeOnly: Story = {
  parameters: { backend: { scenario: 'S7', client: { tenantId: SeedTenants.B } }, needsScreens: ['SignIn'] },
  play: async ({ canvasElement, loaded }) => {
    const trail = watchHeadings(canvasElement);
    await signInWithEmailCode(canvasElement, live(loaded), 'code-only-s7b@example.com');
    await reachedHome(canvasElement);
    await expectHeadings(trail, ['signIn.title', 'otp.email.askTitle', 'otp.email.title', 'Protected page']);
  },
};

/** S8: verify the email address (link in the outbox), then the email code. */
export const S8VerifyEmailFirst: Story = {
  parameters: { backend: { scenario: 'S8' }, needsScreens: ['SignIn', 'VerifyEmail', 'OtpEmail'] },
  play: async ({ canvasElement, loaded }) => {
    const trail = watchHeadings(canvasElement);
    await signIn(canvasElement, 'new-s8@example.com', SEED_PASSWORD, 'signUp');
    await verifyEmail(canvasElement, live(loaded), 'new-s8@example.com');
    await enterEmailCode(canvasElement, live(loaded), 'new-s8@example.com');
    await reachedHome(canvasElement);
    await expectHeadings(trail, ['signIn.title', 'signUp.title', 'ev.checkInbox.title', 'ev.success.title', 'otp.email.title', 'Protected page']);
  },
};

/** S5: a new user gets straight in, then turns the authenticator app on in the settings; the next sign-in asks for it. */
export const S5Settings: Story = {
  parameters: { backend: { scenario: 'S5' }, needsScreens: ['SignIn', 'Settings', 'Totp'] },
  play: async ({ canvasElement, loaded }) => {
    const trail = watchHeadings(canvasElement);
    await signIn(canvasElement, 'new-s5@example.com', SEED_PASSWORD, 'signUp');
    await reachedHome(canvasElement);
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Go to the MFA settings' }));
    await turnOnTotpInSettings(canvasElement, live(loaded));
    await expectHeadings(trail, ['signIn.title', 'signUp.title', 'Protected page', 'settings.title']);
  },
};

/** S9: the authenticator app first, then the email address is verified (link in the outbox), last. */
export const S9VerifyEmailLast: Story = {
  parameters: { backend: { scenario: 'S9' }, needsScreens: ['SignIn', 'Totp', 'VerifyEmail'] },
  play: async ({ canvasElement, loaded }) => {
    const trail = watchHeadings(canvasElement);
    await signIn(canvasElement, 'new-s9@example.com', SEED_PASSWORD, 'signUp');
    await setUpTotp(canvasElement, live(loaded));
    await verifyEmail(canvasElement, live(loaded), 'new-s9@example.com');
    await reachedHome(canvasElement);
    await expectHeadings(trail, ['signIn.title', 'signUp.title', 'totp.setup.title', 'totp.added.title', 'ev.checkInbox.title', 'ev.success.title', 'Protected page']);
  },
};

const [legacy] = seedScenarios.S10.accounts!;
/** S10: the seeded legacy user is asked for a code at the address of their old email-code login, not to set up a new factor. */
export const S10LegacyUser: Story = {
  parameters: { backend: { scenario: 'S10' }, needsScreens: ['SignIn', 'OtpEmail'] },
  play: async ({ canvasElement, loaded }) => {
    const trail = watchHeadings(canvasElement);
    await signIn(canvasElement, legacy!.email, legacy!.password);
    await within(canvasElement).findByText(m.format('otp.email.sentTo', { contact: legacy!.email }), {}, { timeout: 15_000 });
    await enterEmailCode(canvasElement, live(loaded), legacy!.email);
    await reachedHome(canvasElement);
    await expectHeadings(trail, ['signIn.title', 'otp.email.title', 'Protected page']);
  },
};

/** S11: the email code goes to the sign-up address and verifies it: no separate verification step, no verification email. */
export const S11CodeVerifiesEmail: Story = {
  parameters: { backend: { scenario: 'S11' }, needsScreens: ['SignIn', 'OtpEmail'] },
  play: async ({ canvasElement, loaded }) => {
    const trail = watchHeadings(canvasElement);
    const canvas = within(canvasElement);
    await signIn(canvasElement, 'new-s11@example.com', SEED_PASSWORD, 'signUp');
    await canvas.findByText(m.format('otp.email.sentTo', { contact: 'new-s11@example.com' }), {}, { timeout: 15_000 });
    // While the address is unverified the code can go nowhere else, so the screen does not offer to change it.
    await expect(canvas.queryByRole('button', { name: m.format('otp.changeEmail') })).toBeNull();
    await enterEmailCode(canvasElement, live(loaded), 'new-s11@example.com');
    await reachedHome(canvasElement);
    await expectHeadings(trail, ['signIn.title', 'signUp.title', 'otp.email.title', 'Protected page']);
    const sent = await live(loaded).backend.outbox.list({ to: 'new-s11@example.com' });
    await expect(sent.map((message) => message.type)).not.toContain('EMAIL_VERIFICATION');
  },
};
