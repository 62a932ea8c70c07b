import type { Meta, StoryObj } from '@storybook/react';
import { within } from 'storybook/test';
import { ThirdPartyCallbackScreen } from '../../../src/ui/index.ts';
import { thirdParty } from '../../../src/testing/index.ts';
import { messagesOf, renderScreen } from '../../support/screenStory.tsx';
import type { LiveContext } from '../../support/backend.ts';

const slow = { timeout: 15_000 };

/** This tab left for the provider (the state and verifier it kept), so the way back is its own. */
function leftFor(providerId: string, state = 'story-state') {
  return async (live: LiveContext) => {
    sessionStorage.setItem(`${live.client.config.storageKeyPrefix}.thirdPartyAttempt`, JSON.stringify({ providerId, state, redirectURI: `${window.location.origin}/auth/callback/${providerId}`, at: Date.now() }));
  };
}

/**
 * `{basePath}/callback/{providerId}`: the way back from a social or enterprise provider, and each of
 * its refusals in words a person can act on.
 */
const meta = {
  title: 'Screens/ThirdPartyCallbackScreen',
  component: ThirdPartyCallbackScreen,
  render: renderScreen('ThirdPartyCallback', ThirdPartyCallbackScreen),
  parameters: { route: '/auth/callback/acme?error=access_denied&state=story-state', backend: { share: 'ThirdPartyCallbackScreen', prepare: leftFor('acme') } },
} satisfies Meta<typeof ThirdPartyCallbackScreen>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The person said no at the provider. */
export const Cancelled: Story = {
  play: async ({ canvasElement, globals }) => {
    await within(canvasElement).findByRole('heading', { name: messagesOf(globals).format('thirdParty.denied.title') }, slow);
  },
};

/** The provider gave no email address (msw: `thirdParty.noEmail`). */
export const NoEmail: Story = {
  parameters: { route: '/auth/callback/acme?code=c&state=story-state', msw: { handlers: [thirdParty.noEmail()] } },
  play: async ({ canvasElement, globals }) => {
    await within(canvasElement).findByRole('heading', { name: messagesOf(globals).format('thirdParty.noEmail.title', { provider: 'acme' }) }, slow);
  },
};

/** The provider could not be reached (msw: `thirdParty.providerDown`). */
export const ProviderDown: Story = {
  parameters: { route: '/auth/callback/acme?code=c&state=story-state', msw: { handlers: thirdParty.providerDown({ provider: 'Acme' }) } },
  play: async ({ canvasElement, globals }) => {
    await within(canvasElement).findByRole('heading', { name: messagesOf(globals).format('thirdParty.failed.title') }, slow);
  },
};

/** A way back this tab did not start (a link someone sent): nothing is sent. */
export const NotStartedHere: Story = {
  parameters: { route: '/auth/callback/acme?code=stolen&state=forged' },
  play: async ({ canvasElement, globals }) => {
    await within(canvasElement).findByRole('heading', { name: messagesOf(globals).format('thirdParty.notStartedHere.title') }, slow);
  },
};
