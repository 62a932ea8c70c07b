import type { AuthClient } from '../createAuthClient.ts';
import { refusalOf, type Refusal } from '../../protocol/refusal.ts';
import type { KeyValueStorage } from '../storage.ts';
import { createFlowStore, type FlowStore } from './store.ts';
import { ATTEMPT_TTL_MS, attemptKey, type ThirdPartyAttempt } from './thirdPartyFlow.ts';

// The way back from a social or enterprise provider (the callback screen), apart from the start
// (the sign-in form's buttons), so the sign-in page does not carry it.

/**
 * How the way back ended. `connected`: the provider now signs in to the account of this session (an
 * attempt started to connect it; back to `returnTo`); `denied`: the person said no at the provider; `providerError`: the provider
 * sent another error; `notStartedHere`: no sign-in of this tab is waiting (a forged or stale link, an
 * old tab): nothing is sent; `noEmail`: the provider gave no address; `refused`: the backend said no
 * (a provider that cannot be reached says so too); `failed`: the backend could not be reached.
 */
export type ThirdPartyCallbackOutcome =
  | { kind: 'signedIn' }
  | { kind: 'connected'; returnTo: string }
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

  /** The attempt this tab started, read once; `finish` forgets it when it is used or refused (single use). */
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
    /** The page an attempt to connect the provider came from (the way back to it), or undefined for a sign-in. */
    connectingFrom: typeof taken?.returnTo === 'string' ? taken.returnTo : undefined,
    /** Checks the way back and, when it is this tab's, signs in with the code (or connects the provider). */
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
          ...(typeof attempt.returnTo === 'string' && { connectToSession: true }),
        });
        // The code is used (or refused): the attempt is over.
        options.storage?.removeItem(key);
        if (answer.status === 'OK') return done(typeof attempt.returnTo === 'string' ? { kind: 'connected', returnTo: attempt.returnTo } : { kind: 'signedIn' });
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
