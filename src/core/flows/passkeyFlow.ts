import type { AuthClient } from '../createAuthClient.ts';
import type { PasskeyBrowser, PasskeyIssue } from './passkeyTypes.ts';
import { typedEmailProblem } from './contact.ts';
import { createFlowStore, type FlowStore } from './store.ts';
import { isAuthError } from '../errors.ts';

export type { PasskeyBrowser, PasskeyIssue } from './passkeyTypes.ts';

/**
 * Passkeys as a state machine: sign in (discoverable, no email typed), sign up with a typed email, add
 * one to the signed-in user, and the browser's refusals in words a person can act on. The
 * ceremonies and the browser half (`passkeyCeremonies.ts` with `@simplewebauthn/browser`, ~4 KiB)
 * load only when one starts. Shared by the
 * pre-built screens and any custom one (`usePasskeyFlow`).
 */

export interface PasskeyState {
  busy: 'signIn' | 'signUp' | 'add' | 'recover' | undefined;
  issue: PasskeyIssue | undefined;
  /** The last ceremony finished (signed in, signed up, or added). */
  done: boolean;
}

export type PasskeyEvent = { type: 'STARTED'; what: NonNullable<PasskeyState['busy']> } | { type: 'DONE' } | { type: 'ISSUE'; issue: PasskeyIssue } | { type: 'RESET' };

export const initialPasskeyState: PasskeyState = Object.freeze({ busy: undefined, issue: undefined, done: false });

/** Transitions: pure. One ceremony at a time (the browser shows one prompt). */
export function reducePasskey(state: PasskeyState, event: PasskeyEvent): PasskeyState {
  switch (event.type) {
    case 'STARTED':
      return state.busy !== undefined ? state : { busy: event.what, issue: undefined, done: false };
    case 'DONE':
      return { busy: undefined, issue: undefined, done: true };
    case 'ISSUE':
      return { busy: undefined, issue: event.issue, done: false };
    case 'RESET':
      return state.busy !== undefined ? state : initialPasskeyState;
  }
}

/** The browser's refusal, read: its `name` (a DOMException's, or SimpleWebAuthn's `WebAuthnError`). */
export function passkeyIssueOf(error: unknown): PasskeyIssue {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'NotAllowedError' || name === 'AbortError') return { kind: 'cancelled' };
  if (name === 'InvalidStateError') return { kind: 'alreadyRegistered' };
  if (name === 'SecurityError') return { kind: 'insecure' };
  if (name === 'NotSupportedError') return { kind: 'unsupported' };
  return { kind: 'failed', error };
}

/** Whether this browser can use passkeys at all (without loading anything). */
export function passkeysSupported(): boolean {
  return typeof globalThis.PublicKeyCredential === 'function';
}

/** Whether the browser offers passkeys in the email field's autofill (conditional mediation), asked without loading anything. */
export async function passkeyAutofillSupported(): Promise<boolean> {
  const pkc = globalThis.PublicKeyCredential as { isConditionalMediationAvailable?: () => Promise<boolean> } | undefined;
  try {
    return typeof pkc?.isConditionalMediationAvailable === 'function' && (await pkc.isConditionalMediationAvailable());
  } catch {
    return false;
  }
}

/** Options of {@link createPasskeyFlow}. */
export interface PasskeyFlowOptions {
  /** @default `@simplewebauthn/browser`, loaded with the ceremonies */
  browser?: () => Promise<PasskeyBrowser>;
}

// The ceremonies and `@simplewebauthn/browser` are one chunk, fetched when the first one starts.
const loadCeremonies = () => import('./passkeyCeremonies.ts');

/** Makes the passkey flow: its store and the ceremonies. */
export function createPasskeyFlow(client: Pick<AuthClient, 'webauthn'>, options: PasskeyFlowOptions = {}) {
  const store: FlowStore<PasskeyState, PasskeyEvent> = createFlowStore(reducePasskey, initialPasskeyState);
  type Ceremonies = Awaited<ReturnType<typeof loadCeremonies>>;

  /** Runs one ceremony: `STARTED`, the work, then `DONE` or the issue. Returns whether it finished. */
  const run = async (what: NonNullable<PasskeyState['busy']>, work: (ceremonies: Ceremonies, b: PasskeyBrowser) => Promise<PasskeyIssue | undefined>): Promise<boolean> => {
    if (!passkeysSupported()) return void store.dispatch({ type: 'ISSUE', issue: { kind: 'unsupported' } }), false;
    if (!store.dispatch({ type: 'STARTED', what })) return false;
    try {
      const ceremonies = await loadCeremonies();
      const b = options.browser ? await options.browser() : ceremonies.browser;
      if (!b.browserSupportsWebAuthn()) return void store.dispatch({ type: 'ISSUE', issue: { kind: 'unsupported' } }), false;
      const issue = await work(ceremonies, b);
      store.dispatch(issue ? { type: 'ISSUE', issue } : { type: 'DONE' });
      return issue === undefined;
    } catch (error) {
      store.dispatch({ type: 'ISSUE', issue: isAuthError(error) ? { kind: 'failed', error } : passkeyIssueOf(error) });
      return false;
    }
  };

  return {
    store,
    /**
     * Signs in with a passkey the browser offers (no email needed); `asSecondFactor`: completes
     * `webauthn` in this session; `autofill`: waits for the person to pick a passkey in the email
     * field's autofill (the field needs `autocomplete="username webauthn"`; another ceremony cancels it).
     */
    signIn: (input: { asSecondFactor?: boolean; autofill?: boolean } = {}) => run('signIn', (c, b) => c.signIn(client, b, input)),
    /** A new account with a passkey for the typed address. */
    signUp: (typedEmail: string) => {
      const problem = typedEmailProblem(typedEmail.trim());
      if (problem) return Promise.resolve(void store.dispatch({ type: 'ISSUE', issue: { kind: problem === 'required' ? 'emailRequired' : 'emailInvalid' } })).then(() => false);
      return run('signUp', (c, b) => c.signUp(client, b, typedEmail.trim()));
    },
    /**
     * Adds a passkey to the signed-in user: to their passkey login (`recipeUserId`) when they have
     * one, else as a new passkey login linked to the account. Needs step-up (`issue.kind === 'stepUp'`).
     */
    add: (input: { email: string; recipeUserId?: string }) => run('add', (c, b) => c.add(client, b, input)),
    /** A new passkey for the account an emailed recovery link names (the person then signs in with it). */
    recover: (input: { token: string; tenantId?: string }) => run('recover', (c, b) => c.recover(client, b, input)),
    /** Clears the last issue. */
    reset: () => store.dispatch({ type: 'RESET' }),
  };
}

export type PasskeyFlow = ReturnType<typeof createPasskeyFlow>;
