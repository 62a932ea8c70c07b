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

/** How long a sign-in at a provider may take before the way back is not trusted. */
const ATTEMPT_TTL_MS = 10 * 60_000;
const attemptKey = (prefix: string) => `${prefix}.thirdPartyAttempt`;

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
    async start(providerId: string): Promise<string | undefined> {
      if (!store.dispatch({ type: 'STARTED', providerId })) return undefined;
      const redirectURI = options.redirectURI(providerId);
      try {
        const answer = await client.thirdParty.getAuthorisationURL({ thirdPartyId: providerId, redirectURIOnProviderDashboard: redirectURI });
        if (answer.status !== 'OK') {
          store.dispatch({ type: 'ISSUE', providerId, issue: { kind: 'refused', refusal: refusalOf(answer) } });
          return undefined;
        }
        const state = randomState();
        const attempt: ThirdPartyAttempt = { providerId, state, redirectURI, at: now(), ...(answer.pkceCodeVerifier !== undefined && { pkceCodeVerifier: answer.pkceCodeVerifier }) };
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

// ------------------------------------------------------------------ the way back

/**
 * How the way back ended. `denied`: the person said no at the provider; `providerError`: the provider
 * sent another error; `notStartedHere`: no sign-in of this tab is waiting (a forged or stale link, an
 * old tab): nothing is sent; `noEmail`: the provider gave no address; `refused`: the backend said no
 * (a provider that cannot be reached says so too); `failed`: the backend could not be reached.
 */
export type ThirdPartyCallbackOutcome =
  | { kind: 'signedIn' }
  | { kind: 'denied' }
  | { kind: 'providerError'; description: string | undefined }
  | { kind: 'notStartedHere' }
  | { kind: 'noEmail' }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'failed'; error: unknown };

export interface ThirdPartyCallbackState {
  working: boolean;
  outcome: ThirdPartyCallbackOutcome | undefined;
}

export type ThirdPartyCallbackEvent = { type: 'STARTED' } | { type: 'DONE'; outcome: ThirdPartyCallbackOutcome };

export const initialThirdPartyCallbackState: ThirdPartyCallbackState = Object.freeze({ working: false, outcome: undefined });

/** Transitions of the way back: pure. A failure to reach the backend may be retried; any other outcome is final. */
export function reduceThirdPartyCallback(state: ThirdPartyCallbackState, event: ThirdPartyCallbackEvent): ThirdPartyCallbackState {
  switch (event.type) {
    case 'STARTED':
      return state.working || (state.outcome !== undefined && state.outcome.kind !== 'failed') ? state : { working: true, outcome: undefined };
    case 'DONE':
      return { working: false, outcome: event.outcome };
  }
}

/** Options of {@link createThirdPartyCallbackFlow}. */
export interface ThirdPartyCallbackOptions {
  /** The provider in the callback's path. */
  providerId: string;
  /** The callback URL's query parameters (`code`, `state`, or `error`). */
  query: Record<string, string>;
  tenantId?: string;
  storage: KeyValueStorage | undefined;
  /** @default Date.now */
  now?: () => number;
}

/** Makes the flow of the way back from a provider. */
export function createThirdPartyCallbackFlow(client: Pick<AuthClient, 'thirdParty' | 'config'>, options: ThirdPartyCallbackOptions) {
  const now = options.now ?? Date.now;
  const key = attemptKey(client.config.storageKeyPrefix);
  const store: FlowStore<ThirdPartyCallbackState, ThirdPartyCallbackEvent> = createFlowStore(reduceThirdPartyCallback, initialThirdPartyCallbackState);

  /** The attempt this tab started, read and forgotten (single use). */
  const taken = (() => {
    try {
      const raw = options.storage?.getItem(key);
      if (!raw) return undefined;
      const a = JSON.parse(raw) as Partial<ThirdPartyAttempt>;
      if (typeof a.providerId !== 'string' || typeof a.state !== 'string' || typeof a.redirectURI !== 'string' || typeof a.at !== 'number') return undefined;
      return a as ThirdPartyAttempt;
    } catch {
      return undefined;
    }
  })();
  const done = (outcome: ThirdPartyCallbackOutcome) => void store.dispatch({ type: 'DONE', outcome });

  return {
    store,
    /** Checks the way back and, when it is this tab's, signs in with the code. */
    async finish(): Promise<void> {
      if (!store.dispatch({ type: 'STARTED' })) return;
      const { query } = options;
      const attempt = taken;
      // The state must be this tab's, for this provider, and recent: anything else could be someone
      // else's code (login CSRF). Checked before anything is sent.
      if (!attempt || attempt.providerId !== options.providerId || typeof query.state !== 'string' || query.state !== attempt.state || now() - attempt.at > ATTEMPT_TTL_MS) {
        try {
          options.storage?.removeItem(key);
        } catch {
          // Nothing kept.
        }
        return done({ kind: 'notStartedHere' });
      }
      if (typeof query.error === 'string') {
        options.storage?.removeItem(key);
        return done(query.error === 'access_denied' ? { kind: 'denied' } : { kind: 'providerError', description: query.error_description });
      }
      try {
        const answer = await client.thirdParty.signInUp({
          thirdPartyId: options.providerId,
          redirectURIOnProviderDashboard: attempt.redirectURI,
          redirectURIQueryParams: query,
          pkceCodeVerifier: attempt.pkceCodeVerifier,
          tenantId: options.tenantId,
        });
        // The code is used (or refused): the attempt is over.
        options.storage?.removeItem(key);
        if (answer.status === 'OK') return done({ kind: 'signedIn' });
        if (answer.status === 'NO_EMAIL_GIVEN_BY_PROVIDER') return done({ kind: 'noEmail' });
        return done({ kind: 'refused', refusal: refusalOf(answer) });
      } catch (error) {
        // The backend could not be reached: the code may be unused, so the attempt stays for a retry.
        return done({ kind: 'failed', error });
      }
    },
  };
}

export type ThirdPartyCallbackFlow = ReturnType<typeof createThirdPartyCallbackFlow>;
