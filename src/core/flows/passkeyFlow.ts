import type { AuthClient } from '../createAuthClient.ts';
import { refusalOf, type Refusal } from '../../protocol/refusal.ts';
import { stepUpFactorsOf } from './codeOutcome.ts';
import { typedEmailProblem } from './contact.ts';
import { createFlowStore, type FlowStore } from './store.ts';
import { isAuthError } from '../errors.ts';

/**
 * Passkeys as a state machine: sign in (discoverable, no email typed), sign up with a typed email, add
 * one to the signed-in user, and the browser's refusals in words a person can act on. The browser
 * half (`@simplewebauthn/browser`, ~4 KiB) is loaded only when a ceremony starts. Shared by the
 * pre-built screens and any custom one (`usePasskeyFlow`).
 */

/** Why a passkey ceremony did not finish. */
export type PasskeyIssue =
  /** The person cancelled, or the browser's prompt timed out (browsers do not tell which). */
  | { kind: 'cancelled' }
  /** This device already holds a passkey for the account. */
  | { kind: 'alreadyRegistered' }
  /** No WebAuthn in this browser. */
  | { kind: 'unsupported' }
  /** Not a secure (https or localhost) page, or another site's relying party. */
  | { kind: 'insecure' }
  /** The backend did not accept the passkey (unknown, or it failed the checks). */
  | { kind: 'wrong' }
  /** Sign-up: the address has a passkey account already. */
  | { kind: 'emailTaken' }
  | { kind: 'emailInvalid' | 'emailRequired' }
  /** A recovery link that expired or was used. */
  | { kind: 'linkInvalid' }
  /** Adding or removing needs a factor verified just now. */
  | { kind: 'stepUp'; factors: string[] }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'failed'; error: unknown };

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

/** What the flow needs of the browser: `@simplewebauthn/browser`'s three functions. */
export interface PasskeyBrowser {
  browserSupportsWebAuthn(): boolean;
  startRegistration(input: { optionsJSON: never }): Promise<Record<string, unknown>>;
  startAuthentication(input: { optionsJSON: never; useBrowserAutofill?: boolean }): Promise<Record<string, unknown>>;
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
  /** @default a dynamic import of `@simplewebauthn/browser` */
  browser?: () => Promise<PasskeyBrowser>;
}

const loadBrowser = () => import('@simplewebauthn/browser') as unknown as Promise<PasskeyBrowser>;

/** Makes the passkey flow: its store and the ceremonies. */
export function createPasskeyFlow(client: Pick<AuthClient, 'webauthn'>, options: PasskeyFlowOptions = {}) {
  const store: FlowStore<PasskeyState, PasskeyEvent> = createFlowStore(reducePasskey, initialPasskeyState);
  const browser = options.browser ?? loadBrowser;

  const answer = (result: { status: string; claimValidationErrors?: unknown }): PasskeyIssue | undefined => {
    switch (result.status) {
      case 'OK':
        return undefined;
      case 'INVALID_CREDENTIALS_ERROR':
      case 'INVALID_AUTHENTICATOR_ERROR':
      case 'OPTIONS_NOT_FOUND_ERROR':
      case 'CREDENTIAL_NOT_FOUND_ERROR':
        return { kind: 'wrong' };
      case 'EMAIL_ALREADY_EXISTS_ERROR':
        return { kind: 'emailTaken' };
      case 'INVALID_EMAIL_ERROR':
        return { kind: 'emailInvalid' };
      case 'RECOVER_ACCOUNT_TOKEN_INVALID_ERROR':
        return { kind: 'linkInvalid' };
      default: {
        const factors = stepUpFactorsOf(result);
        return factors ? { kind: 'stepUp', factors } : { kind: 'refused', refusal: refusalOf(result as { status: string }) };
      }
    }
  };

  /** Runs one ceremony: `STARTED`, the work, then `DONE` or the issue. Returns whether it finished. */
  const run = async (what: NonNullable<PasskeyState['busy']>, work: (b: PasskeyBrowser) => Promise<PasskeyIssue | undefined>): Promise<boolean> => {
    if (!passkeysSupported()) return void store.dispatch({ type: 'ISSUE', issue: { kind: 'unsupported' } }), false;
    if (!store.dispatch({ type: 'STARTED', what })) return false;
    try {
      const b = await browser();
      if (!b.browserSupportsWebAuthn()) return void store.dispatch({ type: 'ISSUE', issue: { kind: 'unsupported' } }), false;
      const issue = await work(b);
      store.dispatch(issue ? { type: 'ISSUE', issue } : { type: 'DONE' });
      return issue === undefined;
    } catch (error) {
      store.dispatch({ type: 'ISSUE', issue: isAuthError(error) ? { kind: 'failed', error } : passkeyIssueOf(error) });
      return false;
    }
  };

  const register = async (b: PasskeyBrowser, who: { email: string } | { recoverAccountToken: string }) => {
    const opts = await client.webauthn.registerOptions(who);
    if (opts.status !== 'OK') return { issue: answer(opts) ?? ({ kind: 'wrong' } as PasskeyIssue) };
    const credential = await b.startRegistration({ optionsJSON: opts as never });
    return { id: opts.webauthnGeneratedOptionsId, credential };
  };

  const checkEmail = (typed: string): PasskeyIssue | undefined => {
    const problem = typedEmailProblem(typed.trim());
    return problem === undefined ? undefined : { kind: problem === 'required' ? 'emailRequired' : 'emailInvalid' };
  };

  return {
    store,
    /**
     * Signs in with a passkey the browser offers (no email needed); `asSecondFactor`: completes
     * `webauthn` in this session; `autofill`: waits for the person to pick a passkey in the email
     * field's autofill (the field needs `autocomplete="username webauthn"`; another ceremony cancels it).
     */
    signIn: (input: { asSecondFactor?: boolean; autofill?: boolean } = {}) =>
      run('signIn', async (b) => {
        const opts = await client.webauthn.signInOptions();
        if (opts.status !== 'OK') return answer(opts);
        const credential = await b.startAuthentication({ optionsJSON: opts as never, ...(input.autofill && { useBrowserAutofill: true }) });
        return answer(await client.webauthn.signIn({ webauthnGeneratedOptionsId: opts.webauthnGeneratedOptionsId, credential, asSecondFactor: input.asSecondFactor ?? false }));
      }),
    /** A new account with a passkey for the typed address. */
    signUp: (typedEmail: string) => {
      const bad = checkEmail(typedEmail);
      if (bad) return Promise.resolve(void store.dispatch({ type: 'ISSUE', issue: bad })).then(() => false);
      return run('signUp', async (b) => {
        const made = await register(b, { email: typedEmail.trim() });
        if ('issue' in made) return made.issue;
        return answer(await client.webauthn.signUp({ webauthnGeneratedOptionsId: made.id, credential: made.credential }));
      });
    },
    /**
     * Adds a passkey to the signed-in user: to their passkey login (`recipeUserId`) when they have
     * one, else as a new passkey login linked to the account. Needs step-up (`issue.kind === 'stepUp'`).
     */
    add: (input: { email: string; recipeUserId?: string }) =>
      run('add', async (b) => {
        const made = await register(b, { email: input.email });
        if ('issue' in made) return made.issue;
        const result =
          input.recipeUserId !== undefined
            ? await client.webauthn.addCredential({ webauthnGeneratedOptionsId: made.id, credential: made.credential, recipeUserId: input.recipeUserId })
            : await client.webauthn.signUp({ webauthnGeneratedOptionsId: made.id, credential: made.credential, asSecondFactor: true });
        return answer(result);
      }),
    /** A new passkey for the account an emailed recovery link names (the person then signs in with it). */
    recover: (input: { token: string; tenantId?: string }) =>
      run('recover', async (b) => {
        const made = await register(b, { recoverAccountToken: input.token });
        if ('issue' in made) return made.issue;
        return answer(await client.webauthn.recoverAccount({ token: input.token, webauthnGeneratedOptionsId: made.id, credential: made.credential, ...(input.tenantId !== undefined && { tenantId: input.tenantId }) }));
      }),
    /** Clears the last issue. */
    reset: () => store.dispatch({ type: 'RESET' }),
  };
}

export type PasskeyFlow = ReturnType<typeof createPasskeyFlow>;
