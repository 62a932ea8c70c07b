import type { AuthClient } from '../createAuthClient.ts';
import { refusalOf, type Refusal } from '../../protocol/refusal.ts';
import type { KeyValueStorage } from '../storage.ts';
import { otpAttemptStore } from './otpAttempts.ts';
import { createFlowStore, type FlowStore } from './store.ts';

/**
 * A magic link opened (`{websiteBasePath}/verify?preAuthSessionId=…&tenantId=…#linkCode`), as a state
 * machine: in the browser that asked for it (its attempt is in this tab's storage) it signs in at
 * once; in another browser it waits for a click, so a mail scanner that opens links signs nobody in.
 * A first factor only. Shared by the link's screen and any custom one (`useMagicLinkFlow`).
 */

export interface MagicLinkState {
  /** This browser asked for the link (its sign-in attempt is stored here). */
  sameBrowser: boolean;
  consuming: boolean;
  /** `signedIn`: a session exists, continue to the next factor; `invalid`: the link expired or was used. */
  outcome: 'signedIn' | 'invalid' | undefined;
  issue: { kind: 'refused'; refusal: Refusal } | { kind: 'failed'; error: unknown } | undefined;
}

export type MagicLinkEvent = { type: 'CONSUME_STARTED' } | { type: 'SIGNED_IN' } | { type: 'INVALID' } | { type: 'ISSUE'; issue: NonNullable<MagicLinkState['issue']> };

export function initialMagicLinkState(sameBrowser: boolean): MagicLinkState {
  return { sameBrowser, consuming: false, outcome: undefined, issue: undefined };
}

/** Transitions of an opened magic link: pure. */
export function reduceMagicLink(state: MagicLinkState, event: MagicLinkEvent): MagicLinkState {
  switch (event.type) {
    case 'CONSUME_STARTED':
      return state.consuming || state.outcome !== undefined ? state : { ...state, consuming: true, issue: undefined };
    case 'SIGNED_IN':
      return { ...state, consuming: false, outcome: 'signedIn' };
    case 'INVALID':
      return { ...state, consuming: false, outcome: 'invalid' };
    case 'ISSUE':
      return { ...state, consuming: false, issue: event.issue };
  }
}

/** What the link's screen shows, derived in one place. */
export function magicLinkView(state: MagicLinkState) {
  return {
    /** `signingIn` (at once, or after the click), `confirm` (another browser: ask first), `signedIn`, `invalid`. */
    step:
      state.outcome === 'signedIn'
        ? ('signedIn' as const)
        : state.outcome === 'invalid'
          ? ('invalid' as const)
          : state.consuming || (state.sameBrowser && state.issue === undefined)
            ? ('signingIn' as const)
            : ('confirm' as const),
  };
}

/** Reads a magic link's parts from a URL (`…/verify?preAuthSessionId=…&tenantId=…#linkCode`). */
export function magicLinkOf(url: string | URL): { preAuthSessionId: string; linkCode: string; tenantId: string | undefined } | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://link.invalid');
  } catch {
    return undefined;
  }
  const preAuthSessionId = parsed.searchParams.get('preAuthSessionId');
  const linkCode = decodeURIComponent(parsed.hash.replace(/^#/, ''));
  if (!preAuthSessionId || !linkCode) return undefined;
  return { preAuthSessionId, linkCode, tenantId: parsed.searchParams.get('tenantId') ?? undefined };
}

/** Options of {@link createMagicLinkFlow}. */
export interface MagicLinkFlowOptions {
  preAuthSessionId: string;
  linkCode: string;
  tenantId?: string;
  /** Where the sign-in attempts of this tab are kept (to recognise the browser that asked). @default none: always asks */
  storage?: KeyValueStorage;
}

/** The factors whose stored attempts may have asked for a link. */
const PASSWORDLESS_FACTORS = ['otp-email', 'otp-phone'];

/** Makes the flow of an opened magic link. */
export function createMagicLinkFlow(client: Pick<AuthClient, 'passwordless' | 'config'>, options: MagicLinkFlowOptions) {
  const stores = PASSWORDLESS_FACTORS.map((f) => otpAttemptStore(options.storage, client.config.storageKeyPrefix, f));
  const asked = stores.find((store) => store.read('')?.preAuthSessionId === options.preAuthSessionId);
  const store: FlowStore<MagicLinkState, MagicLinkEvent> = createFlowStore(reduceMagicLink, initialMagicLinkState(asked !== undefined));
  return {
    store,
    /** Uses the link (once; a second call while it runs is ignored). */
    async consume(): Promise<void> {
      if (!store.dispatch({ type: 'CONSUME_STARTED' })) return;
      try {
        const answer = await client.passwordless.consumeLink({ preAuthSessionId: options.preAuthSessionId, linkCode: options.linkCode, tenantId: options.tenantId });
        if (answer.status === 'OK') {
          // The attempt is used: "check your email" in this tab is over.
          asked?.write(undefined);
          store.dispatch({ type: 'SIGNED_IN' });
        } else if (answer.status === 'RESTART_FLOW_ERROR' || answer.status === 'EXPIRED_USER_INPUT_CODE_ERROR' || answer.status === 'INCORRECT_USER_INPUT_CODE_ERROR') {
          store.dispatch({ type: 'INVALID' });
        } else {
          store.dispatch({ type: 'ISSUE', issue: { kind: 'refused', refusal: refusalOf(answer) } });
        }
      } catch (error) {
        store.dispatch({ type: 'ISSUE', issue: { kind: 'failed', error } });
      }
    },
  };
}

export type MagicLinkFlow = ReturnType<typeof createMagicLinkFlow>;
