import type { Meta, StoryObj } from '@storybook/react';
import { expect, within } from 'storybook/test';
import { SecurityScreen } from '../../../src/ui/index.ts';
import { messagesOf, renderScreen, signUp } from '../../support/screenStory.tsx';
import { totpNow } from '../../support/flowSteps.ts';
import type { LiveContext } from '../../support/backend.ts';
import type { ThirdPartyProviderConfig } from '../../../src/server/index.ts';
import { createRecipeUser, linkAccounts } from '../../../src/server/users.ts';

const slow = { timeout: 15_000 };

/** Signed up here with an authenticator app and recovery codes. */
async function protectedAccount(live: LiveContext) {
  await signUp(live, 'security');
  const device = await live.client.totp.createDevice({ deviceName: 'Phone' });
  if (device.status !== 'OK') throw new Error(device.status);
  if ((await live.client.totp.verifyDevice({ deviceName: 'Phone', totp: totpNow(device.secret, live) })).status !== 'OK') throw new Error('verify device');
  if ((await live.client.recoveryCodes.generate()).status !== 'OK') throw new Error('recovery codes');
}

/** A social sign-in the app offers. Its endpoints are never called: a story only lists and disconnects. */
const demoId: ThirdPartyProviderConfig = {
  id: 'demo-id',
  name: 'Demo ID',
  authorizationEndpoint: 'https://id.example.test/authorize',
  tokenEndpoint: 'https://id.example.test/token',
  userInfoEndpoint: 'https://id.example.test/userinfo',
  clients: [{ clientId: 'factorkit-stories' }],
};

/** {@link protectedAccount}, with a Demo ID login connected a minute ago (written as the backend's sign-in would). */
async function withConnectedAccount(live: LiveContext) {
  await protectedAccount(live);
  const snapshot = live.client.session.getSnapshot();
  if (snapshot.status !== 'signedIn') throw new Error('not signed in');
  const email = `${snapshot.userId.slice(0, 8)}@demo-id.example`;
  const id = await createRecipeUser(live.backend.db, { recipeId: 'thirdparty', tenantId: 'public', email, thirdParty: { id: demoId.id, userId: snapshot.userId }, now: live.clock.now() - 60_000 });
  await linkAccounts(live.backend.db, id, snapshot.userId);
}

/**
 * `{basePath}/security` (seed S5): two-step verification (factors, apps, recovery codes, password)
 * beside the devices (sessions, trusted browsers). Two columns when the canvas is wide.
 */
const meta = {
  title: 'Screens/SecurityScreen',
  component: SecurityScreen,
  render: renderScreen('Security', SecurityScreen),
  parameters: { route: '/auth/security', layout: 'fullscreen', backend: { share: 'SecurityScreen', scenario: 'S5', config: { thirdParty: { providers: [demoId] } }, prepare: protectedAccount } },
} satisfies Meta<typeof SecurityScreen>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Everything in one page. */
export const Overview: Story = {
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = within(canvasElement);
    await canvas.findByRole('heading', { name: m.format('security.title'), level: 1 }, slow);
    await canvas.findByText(m.format('recovery.remaining', { count: 10, total: 10 }), undefined, slow);
    await expect(await canvas.findByRole('heading', { name: m.format('settings.sessions.title') }, slow)).toBeInTheDocument();
  },
};

/** A social sign-in connected to the account: its address, since when, and "Disconnect". */
export const ConnectedAccount: Story = {
  parameters: { backend: { prepare: withConnectedAccount } },
  play: async ({ canvasElement, globals }) => {
    const m = messagesOf(globals);
    const canvas = within(canvasElement);
    const section = (await canvas.findByRole('heading', { name: m.format('connected.title') }, slow)).closest('section')!;
    await expect(await within(section).findByText(/@demo-id\.example/, undefined, slow)).toBeInTheDocument();
    await expect(within(section).getByRole('button', { name: new RegExp(m.format('connected.disconnect')) })).toBeInTheDocument();
  },
};
