import type { AuthClient } from '../createAuthClient.ts';
import { refusalOf, type Refusal } from '../../protocol/refusal.ts';
import type { KeyValueStorage } from '../storage.ts';
import { createFlowStore, type FlowStore } from './store.ts';

/**
 * Social and enterprise sign-in, as two state machines: leaving for the provider
 * (`createThirdPartyStartFlow`: the authorisation URL, with a `state` and the PKCE verifier kept in
 * this tab) and coming back to `{websiteBasePath}/callback/{providerId}` (`createThirdPartyCallbackFlow`:
 * the `state` checked, then the code exchanged by the backend). Shared by the sign-in screen, the
 * callback screen and any custom one.
 */

/** What a tab keeps while the person is at the provider (never in a URL). */
export interface ThirdPartyAttempt {
  providerId: string;
  state: string;
  pkceCodeVerifier?: string;
  redirectURI: string;
  /** Epoch ms, this device's clock: an attempt older than ten minutes is not trusted. */
  at: number;
  /** Set when the attempt connects the provider to the signed-in account: the page to come back to. */
  returnTo?: string;
}

/** Why leaving for the provider did not happen. */
export type ThirdPartyStartIssue = { kind: 'refused'; refusal: Refusal } | { kind: 'failed'; error: unknown };

export interface ThirdPartyStartState {
  /** The provider being left for (the URL is being fetched, or the browser is on its way). */
  leavingFor: string | undefined;
  issue: { providerId: string; issue: ThirdPartyStartIssue } | undefined;
}

export type ThirdPartyStartEvent = { type: 'STARTED'; providerId: string } | { type: 'ISSUE'; providerId: string; issue: ThirdPartyStartIssue };

export const initialThirdPartyStartState: ThirdPartyStartState = Object.freeze({ leavingFor: undefined, issue: undefined });

/** Transitions of leaving for a provider: pure. */
export function reduceThirdPartyStart(state: ThirdPartyStartState, event: ThirdPartyStartEvent): ThirdPartyStartState {
  switch (event.type) {
    case 'STARTED':
      return state.leavingFor !== undefined ? state : { leavingFor: event.providerId, issue: undefined };
    case 'ISSUE':
      return { leavingFor: undefined, issue: { providerId: event.providerId, issue: event.issue } };
  }
}

/** How long a sign-in that left for a provider waits for its way back (after that it is not trusted). */
export const ATTEMPT_TTL_MS = 10 * 60_000;
/** Where the tab keeps the sign-in that left for a provider. */
export const attemptKey = (prefix: string) => `${prefix}.thirdPartyAttempt`;

/** A random `state`: 32 bytes, base64url. */
function randomState(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Options of {@link createThirdPartyStartFlow}. */
export interface ThirdPartyStartOptions {
  /** The callback URL registered at the provider for this provider id (`{origin}{websiteBasePath}/callback/{id}`). */
  redirectURI: (providerId: string) => string;
  /** Where the attempt waits for the way back: this tab's storage. */
  storage: KeyValueStorage | undefined;
  /** @default Date.now */
  now?: () => number;
}

/**
 * Makes the flow of leaving for a provider. `start` resolves with the URL to send the browser to (the
 * view navigates), or undefined when it could not (the issue is in the state).
 */
export function createThirdPartyStartFlow(client: Pick<AuthClient, 'thirdParty' | 'config'>, options: ThirdPartyStartOptions) {
  const now = options.now ?? Date.now;
  const store: FlowStore<ThirdPartyStartState, ThirdPartyStartEvent> = createFlowStore(reduceThirdPartyStart, initialThirdPartyStartState);
  return {
    store,
    /** Leaves to sign in with the provider; with `connectFrom` (the page the person is on), to connect it to the signed-in account. */
    async start(providerId: string, how: { connectFrom?: string } = {}): Promise<string | undefined> {
      if (!store.dispatch({ type: 'STARTED', providerId })) return undefined;
      const redirectURI = options.redirectURI(providerId);
      try {
        const answer = await client.thirdParty.getAuthorisationURL({ thirdPartyId: providerId, redirectURIOnProviderDashboard: redirectURI });
        if (answer.status !== 'OK') {
          store.dispatch({ type: 'ISSUE', providerId, issue: { kind: 'refused', refusal: refusalOf(answer) } });
          return undefined;
        }
        const state = randomState();
        const attempt: ThirdPartyAttempt = {
          providerId,
          state,
          redirectURI,
          at: now(),
          ...(answer.pkceCodeVerifier !== undefined && { pkceCodeVerifier: answer.pkceCodeVerifier }),
          ...(how.connectFrom !== undefined && { returnTo: how.connectFrom }),
        };
        options.storage?.setItem(attemptKey(client.config.storageKeyPrefix), JSON.stringify(attempt));
        const url = new URL(answer.urlWithQueryParams);
        url.searchParams.set('state', state);
        return url.href;
      } catch (error) {
        store.dispatch({ type: 'ISSUE', providerId, issue: { kind: 'failed', error } });
        return undefined;
      }
    },
  };
}

export type ThirdPartyStartFlow = ReturnType<typeof createThirdPartyStartFlow>;
