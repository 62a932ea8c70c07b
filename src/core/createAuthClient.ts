import { createEmailPasswordApi } from './api/emailPassword.ts';
import { createEmailVerificationApi } from './api/emailVerification.ts';
import { createMfaApi } from './api/mfa.ts';
import { createMfaSettingsApi, createRecoveryCodesApi } from './api/mfaSettings.ts';
import { createSessionsApi } from './api/sessions.ts';
import { createTrustedDevicesApi } from './api/trustedDevices.ts';
import { createConnectedAccountsApi } from './api/connectedAccounts.ts';
import { createWebauthnApi } from './api/webauthn.ts';
import { createMultitenancyApi } from './api/multitenancy.ts';
import { createThirdPartyApi } from './api/thirdParty.ts';
import { createPasswordlessApi } from './api/passwordless.ts';
import { createTotpApi } from './api/totp.ts';
import type { ClaimFailure, ClaimValidator } from './claims/ClaimValidator.ts';
import { ClaimIds } from '../protocol/claims.ts';
import { EmailVerificationClaim } from './claims/emailVerificationClaim.ts';
import { MultiFactorAuthClaim } from './claims/mfaClaim.ts';
import { validateClaims } from './claims/validateClaims.ts';
import { normaliseConfig, type AuthClientConfig, type ChannelLike, type LockManagerLike, type NormalisedConfig } from './config.ts';
import { AuthError } from './errors.ts';
import { resolveRedirect, type FactorScreen, type RedirectDecision } from './redirect/resolveRedirect.ts';
import type { SessionEvent } from './session/sessionEvents.ts';
import { SessionStore, type SessionSnapshot } from './session/sessionStore.ts';
import { Transport } from './session/transport.ts';
import { defaultStorage } from './storage.ts';

/** Which claims the kit checks on every protected page, and in what order. */
export interface ClaimsConfig {
  /**
   * Email verification. `REQUIRED` adds its validator to the global list, before or after MFA;
   * `OPTIONAL` only keeps the claim readable; `false` turns it off. @default learnt from the backend:
   * off until an API answers 403 for `st-ev`, then `REQUIRED` before MFA
   */
  emailVerification?: { mode: 'REQUIRED' | 'OPTIONAL'; order?: 'beforeMfa' | 'afterMfa' } | false;
  /** Check the MFA requirement for sign-in. @default true */
  mfa?: boolean;
  /** Reorder, remove or add validators (an app's own claims). Receives the defaults in order. */
  getGlobalClaimValidators?: (defaults: ClaimValidator[]) => ClaimValidator[];
}

/** {@link AuthClientConfig} plus the claim configuration. */
export interface CreateAuthClientConfig extends AuthClientConfig {
  claims?: ClaimsConfig;
}

export interface ResolveNextOptions {
  /** The factor screens the app enables. */
  factors: readonly FactorScreen[];
  /** Where the user wanted to go. */
  redirectToPath?: unknown;
  /** Per-route validators: receives the global list, returns the list to run. */
  overrideGlobalClaimValidators?: (globals: ClaimValidator[]) => ClaimValidator[];
  /** @default '/' */
  defaultPath?: string;
}

/** A BroadcastChannel between the tabs of a browser; none elsewhere (in Node an open channel keeps the process alive). */
function defaultChannel(apiDomain: string, prefix: string): ChannelLike | null {
  const browser = typeof (globalThis as { document?: unknown }).document !== 'undefined';
  return browser && typeof BroadcastChannel === 'function' ? new BroadcastChannel(`fk-session ${prefix} ${apiDomain}`) : null;
}

function defaultLocks(): LockManagerLike | null {
  const locks = (globalThis.navigator as { locks?: { request: LockManagerLike['request'] } } | undefined)?.locks;
  return locks ? { request: (name, callback) => locks.request(name, callback) } : null;
}

/**
 * Creates the framework-free auth client: session store, protocol calls, claims and redirect
 * logic. Each call makes an independent client; nothing is kept in module scope.
 */
export function createAuthClient(input: CreateAuthClientConfig) {
  const config: NormalisedConfig = normaliseConfig(input);
  const clock = input.now ?? Date.now;
  const fetchImpl = input.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const channel = input.channel === undefined ? defaultChannel(config.apiDomain, config.storageKeyPrefix) : input.channel;
  const storage = input.storage ?? defaultStorage();
  const store = new SessionStore(config, storage, channel, clock);
  const transport = new Transport(config, store, fetchImpl, input.locks === undefined ? defaultLocks() : input.locks);
  const trustedDevices = createTrustedDevicesApi(transport, config, storage);
  const claims = input.claims ?? {};
  // A backend that requires email verification says so in its 403s (`st-ev`). When the app did not
  // configure it, the client learns it then, so the guards send the user to verify instead of
  // leaving every API refused.
  let evLearned = false;
  if (claims.emailVerification === undefined) {
    store.onEvent((event) => {
      if (event.type === 'API_INVALID_CLAIM' && event.claimValidationErrors.some((e) => e.id === ClaimIds.EMAIL_VERIFICATION)) evLearned = true;
    });
  }

  const defaults = (): ClaimValidator[] => {
    const list: ClaimValidator[] = [];
    if (claims.mfa !== false) list.push(MultiFactorAuthClaim.validators.hasCompletedMFARequirementsForAuth());
    const ev = claims.emailVerification ?? (evLearned ? ({ mode: 'REQUIRED', order: 'beforeMfa' } as const) : undefined);
    if (ev && ev.mode === 'REQUIRED') {
      const validator = EmailVerificationClaim.validators.isVerified();
      if (ev.order === 'afterMfa') list.push(validator);
      else list.unshift(validator);
    }
    return list;
  };

  const client = {
    config,
    /** Epoch ms on the API's clock (corrected for this device's skew). */
    now: () => store.now(),
    session: {
      getSnapshot: store.getSnapshot,
      subscribe: store.subscribe,
      /** Session events from this tab and others. Returns an unsubscribe function. */
      onEvent: (listener: (event: SessionEvent) => void) => store.onEvent(listener),
      /** Whether a session exists, refreshing an expired access token first. */
      async doesSessionExist(): Promise<boolean> {
        if (store.exists() && store.isExpired()) await transport.refreshNow();
        return store.exists();
      },
      /** The access-token payload, refreshed first when expired. `undefined` without a session. */
      async getAccessTokenPayload(): Promise<Record<string, unknown> | undefined> {
        if (!(await client.session.doesSessionExist())) return undefined;
        const s = store.getSnapshot();
        return s.status === 'signedIn' ? s.payload : undefined;
      },
      /** Refreshes the session now; false when it has ended. */
      refresh: () => transport.refreshNow(),
      /** Ends the session on the server and here, and tells other tabs. */
      async signOut(): Promise<void> {
        if (!store.exists()) {
          store.emit({ type: 'SIGN_OUT' });
          return;
        }
        const response = await transport.send(transport.apiUrl('/signout', false), { method: 'POST', headers: { rid: 'session', 'content-type': 'application/json' } }, true);
        if (response.status !== 401 && !response.ok) throw new AuthError('http', `Sign-out answered ${response.status}`, response.status);
        if (store.exists()) {
          // The answer did not clear the session (a proxy dropped the header): forget it anyway.
          store.clear();
          store.emit({ type: 'SIGN_OUT' });
        }
      },
    },
    emailPassword: createEmailPasswordApi(transport),
    passwordless: createPasswordlessApi(transport),
    totp: createTotpApi(transport),
    mfa: createMfaApi(transport, store, clock),
    emailVerification: createEmailVerificationApi(transport),
    /** factorkit's settings extension: see {@link createMfaSettingsApi}. */
    mfaSettings: createMfaSettingsApi(transport),
    /** The user's sessions: list, revoke one, all others, all (factorkit's extension). */
    sessions: createSessionsApi(transport),
    /** Passkeys: the WebAuthn recipe's calls (the browser ceremony: `createPasskeyFlow`). */
    webauthn: createWebauthnApi(transport),
    /** "Don't ask again on this device": trust this browser, list, revoke (factorkit's extension). */
    trustedDevices,
    /** Recovery codes: count, a new set, use one (factorkit's extension). */
    recoveryCodes: createRecoveryCodesApi(transport),
    multitenancy: createMultitenancyApi(transport),
    thirdParty: createThirdPartyApi(transport),
    /** The social sign-ins linked to the account: list, disconnect (factorkit's extension). */
    connectedAccounts: createConnectedAccountsApi(transport),
    /**
     * `fetch` for the app's own API: on the API's origin it attaches the session, refreshes on 401
     * and reports 403 claim failures as session events; other URLs pass through untouched.
     */
    async fetch(resource: string | URL, init: RequestInit = {}): Promise<Response> {
      const url = new URL(resource.toString(), config.apiDomain);
      if (url.origin !== config.apiDomain) return fetchImpl(resource, init);
      return transport.send(url.toString(), init, store.exists());
    },
    /** The validators every protected page runs, in order. */
    getGlobalClaimValidators(): ClaimValidator[] {
      const list = defaults();
      return claims.getGlobalClaimValidators ? claims.getGlobalClaimValidators(list) : list;
    },
    /** Runs the global (or overridden) validators. `undefined` means there is no session. */
    validateClaims(options: { overrideGlobalClaimValidators?: (globals: ClaimValidator[]) => ClaimValidator[] } = {}): Promise<ClaimFailure[] | undefined> {
      const globals = client.getGlobalClaimValidators();
      return validateClaims(client, options.overrideGlobalClaimValidators ? options.overrideGlobalClaimValidators(globals) : globals);
    },
    /**
     * The shared "continue" decision: validate, fetch MFA info when the first failure is the
     * sign-in requirement, and resolve where to go.
     */
    async resolveNext(options: ResolveNextOptions): Promise<RedirectDecision> {
      await client.session.doesSessionExist();
      let failures = (await client.validateClaims(options)) ?? [];
      let mfaNext: string[] | undefined;
      const first = failures[0];
      if (first?.onFailure.kind === 'MFA' && !hasNamedFactors(first.reason)) {
        const info = await client.mfa.getInfo();
        if (info.status === 'OK') {
          mfaNext = info.factors.next;
          // Nothing pending: the requirements changed since the token was issued and the resync
          // has just marked MFA complete in the session. Check again instead of denying access.
          if (mfaNext.length === 0) failures = (await client.validateClaims(options)) ?? [];
        }
      }
      return resolveRedirect({
        sessionExists: store.exists(),
        failures,
        mfaNext,
        factors: options.factors,
        websiteBasePath: config.websiteBasePath,
        redirectToPath: options.redirectToPath,
        defaultPath: options.defaultPath,
      });
    },
    /** Closes the channel the client opened itself (a channel passed in stays open). */
    destroy(): void {
      if (input.channel === undefined) channel?.close();
    },
  };
  return client;
}

function hasNamedFactors(reason: unknown): boolean {
  return typeof reason === 'object' && reason !== null && Array.isArray((reason as { factorIds?: unknown }).factorIds);
}

/** The client made by {@link createAuthClient}. */
export type AuthClient = ReturnType<typeof createAuthClient>;
export type { SessionSnapshot };
