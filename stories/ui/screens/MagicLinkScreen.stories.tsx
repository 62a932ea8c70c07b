import type { Meta, StoryObj } from '@storybook/react';
import { userEvent, within } from 'storybook/test';
import { MagicLinkScreen } from '../../../src/ui/index.ts';
import { SeedTenants } from '../../../src/testing/index.ts';
import { messagesOf, otherClient, renderScreen } from '../../support/screenStory.tsx';
import { uniqueEmail, type LiveContext } from '../../support/backend.ts';

const slow = { timeout: 15_000 };

/** A link asked for in another browser (seed S7, tenant C signs in with magic links); the story opens it. */
async function linkFromAnotherBrowser(live: LiveContext) {
  const email = uniqueEmail('magic');
  const asked = await otherClient({ tenantId: SeedTenants.C }).passwordless.createCode({ email });
  if (asked.status !== 'OK') throw new Error(`could not ask for a link: ${asked.status}`);
  const [mail] = await live.backend.outbox.list({ to: email, limit: 1 });
  const link = new URL(mail!.link!);
  live.route = `${link.pathname}${link.search}${link.hash}`;
}

/**
 * `{basePath}/verify`: a magic link opened. In another browser it asks first (a mail scanner opening
 * the link signs nobody in); a used or expired link says so.
 */
const meta = {
  title: 'Screens/MagicLinkScreen',
  component: MagicLinkScreen,
  render: renderScreen('MagicLink', MagicLinkScreen),
  parameters: { route: '/auth/verify', backend: { share: 'MagicLinkScreen', scenario: 'S7', client: { tenantId: SeedTenants.C }, prepare: linkFromAnotherBrowser } },
} satisfies Meta<typeof MagicLinkScreen>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Opened in a browser that did not ask for it. */
export const AskFirst: Story = {
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    await within(canvasElement).findByRole('button', { name: m.format('magicLink.confirm.action') }, slow);
  },
};

/** The click signs in, and the screen continues. */
export const SignedIn: Story = {
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: m.format('magicLink.confirm.action') }, slow));
    await canvas.findByRole('heading', { name: 'Protected page' }, slow);
  },
};

/** Used already, or expired. */
export const DeadLink: Story = {
  parameters: { route: `/auth/verify?preAuthSessionId=used&tenantId=${SeedTenants.C}#not-a-link-code`, backend: { prepare: async () => undefined } },
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: m.format('magicLink.confirm.action') }, slow));
    await canvas.findByRole('heading', { name: m.format('magicLink.invalid.title') }, slow);
  },
};
