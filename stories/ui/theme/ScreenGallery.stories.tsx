import type { ReactNode } from 'react';
import type { Meta, StoryObj } from '@storybook/react';
import { expect, within } from 'storybook/test';
import { AccessDeniedScreen, LoadingScreen } from '../../../src/ui/index.ts';
import { SEED_PASSWORD } from '../../../src/testing/index.ts';
import { themes } from '../../support/kit.tsx';
import { ThemeGallery } from '../../support/ThemeGallery.tsx';
import { messagesOf, otherClient, ScreenHost, signedInWithEmailCode, signUp } from '../../support/screenStory.tsx';
import { totpNow } from '../../support/flowSteps.ts';
import { uniqueEmail, type LiveContext } from '../../support/backend.ts';

const slow = { timeout: 15_000 };

/** Signed in with the password and an email code (seed S2 is then satisfied). */
const signedInFully = (live: LiveContext) => signedInWithEmailCode(live, 'gallery').then(() => undefined);

/** An authenticator app set up in another browser; signed in here with the password only. */
async function returningTotpUser(live: LiveContext) {
  const email = uniqueEmail('gallery-totp');
  const setup = otherClient();
  await setup.emailPassword.signUp({ email, password: SEED_PASSWORD });
  const device = await setup.totp.createDevice({ deviceName: 'Phone' });
  if (device.status !== 'OK') throw new Error(device.status);
  await setup.totp.verifyDevice({ deviceName: 'Phone', totp: totpNow(device.secret, live) });
  await live.client.emailPassword.signIn({ email, password: SEED_PASSWORD });
}

/**
 * The pre-built screens in every theme side by side (light, dark, high contrast, system), live
 * against the reference backend (seed S2, one backend for the file). Screens that only read are
 * shown: four copies of a screen share one session, so screens that create something (a TOTP
 * device, a code) are left to their own stories.
 */
const meta = {
  title: 'Theme/Screen gallery',
  component: ThemeGallery,
  args: { children: (): ReactNode => null },
  // Four copies of a screen mean four regions with the same name: intended here (see Theme/Gallery).
  parameters: {
    a11y: { config: { rules: [{ id: 'landmark-unique', enabled: false }] } },
    backend: { share: 'ScreenGallery', scenario: 'S2', prepare: async () => undefined },
  },
} satisfies Meta<typeof ThemeGallery>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The title keys the gallery checks for (none has placeholders). */
type Title = 'signIn.title' | 'chooser.title' | 'totp.verify.title' | 'ev.link.title' | 'settings.title' | 'accessDenied.title';

/** Each column shows the screen, in its own theme. */
const fourTimes = (heading: Title) => async ({ canvasElement, globals }: { canvasElement: HTMLElement; globals: Record<string, unknown> }) => {
  const m = messagesOf(globals);
  await within(canvasElement).findAllByRole('heading', { name: m.format(heading) }, slow);
  for (const theme of themes) {
    const column = within(canvasElement).getByRole('region', { name: `Theme: ${theme}` });
    await within(column).findByRole('heading', { name: m.format(heading) }, slow);
    await expect(column.querySelector('[data-fk="screen"]')).toHaveAttribute('data-fk-theme', theme);
  }
};

export const SignIn: Story = { parameters: { route: '/auth' }, args: { children: () => <ScreenHost name="SignIn" /> }, play: fourTimes('signIn.title') };
export const FactorChooser: Story = {
  parameters: { route: '/auth/mfa', backend: { prepare: (live: LiveContext) => signUp(live, 'gallery-chooser').then(() => undefined) } },
  args: { children: () => <ScreenHost name="FactorChooser" /> },
  play: fourTimes('chooser.title'),
};
export const OtpContact: Story = {
  parameters: { route: '/auth/mfa/otp-email?setup=true&stepUp=true', backend: { prepare: signedInFully } },
  args: { children: () => <ScreenHost name="OtpEmail" /> },
};
export const TotpVerify: Story = {
  parameters: { route: '/auth/mfa/totp', backend: { prepare: returningTotpUser } },
  args: { children: () => <ScreenHost name="Totp" /> },
  play: fourTimes('totp.verify.title'),
};
export const EmailLinkConfirm: Story = {
  parameters: { route: '/auth/verify-email?token=gallery-token' },
  args: { children: () => <ScreenHost name="VerifyEmail" /> },
  play: fourTimes('ev.link.title'),
};
export const MFASettings: Story = {
  parameters: { route: '/auth/settings', backend: { prepare: signedInFully } },
  args: { children: () => <ScreenHost name="Settings" /> },
  play: fourTimes('settings.title'),
};
export const AccessDenied: Story = { args: { children: () => <AccessDeniedScreen reason="NO_FACTOR_POSSIBLE" /> }, play: fourTimes('accessDenied.title') };
export const Loading: Story = { args: { children: () => <LoadingScreen delayMs={0} /> } };
