import type { AuthClient } from '../createAuthClient.ts';
import type { SignInResult, SignUpResult } from '../api/emailPassword.ts';
import { refusalOf, type Refusal } from '../../protocol/refusal.ts';
import { typedEmailProblem } from './contact.ts';
import { createFlowStore, type FlowStore } from './store.ts';

/**
 * Email and password as the first factor, as a state machine: sign in or create an account, with
 * what is wrong with each field (checked here first, then by the backend) and why the backend said
 * no. Shared by the sign-in screen and any custom one (`useSignInFlow`).
 */

/** What is wrong with one field. `server`: a sentence of the backend's own validators, shown as sent. */
export type FieldProblem = { kind: 'required' } | { kind: 'emailInvalid' } | { kind: 'emailExists' } | { kind: 'passwordTooWeak' } | { kind: 'server'; text: string };

/** Why a well-formed submission did not sign in. */
export type SignInIssue =
  | { kind: 'wrongCredentials' }
  /** The backend refused (`…_NOT_ALLOWED`, a limit with a wait, `GENERAL_ERROR`, a claim). */
  | { kind: 'refused'; refusal: Refusal }
  /** A network or server failure. */
  | { kind: 'failed'; error: unknown };

export type SignInFields = 'email' | 'password';

export interface SignInFlowState {
  mode: 'signIn' | 'signUp';
  submitting: boolean;
  fieldErrors: Partial<Record<SignInFields, FieldProblem>>;
  issue: SignInIssue | undefined;
  /**
   * The password was accepted: a session exists (the screen continues to the next factor or the page
   * asked for), or, as a second factor, the session completed `emailpassword`.
   */
  signedIn: boolean;
}

export type SignInFlowEvent =
  | { type: 'MODE'; mode: 'signIn' | 'signUp' }
  | { type: 'INVALID'; fieldErrors: SignInFlowState['fieldErrors'] }
  | { type: 'SUBMIT_STARTED' }
  | { type: 'FIELD_ERRORS'; fieldErrors: SignInFlowState['fieldErrors'] }
  | { type: 'ISSUE'; issue: SignInIssue }
  | { type: 'SIGNED_IN' };

export function initialSignInState(mode: 'signIn' | 'signUp' = 'signIn'): SignInFlowState {
  return { mode, submitting: false, fieldErrors: {}, issue: undefined, signedIn: false };
}

/** The sign-in flow's transitions: pure. */
export function reduceSignIn(state: SignInFlowState, event: SignInFlowEvent): SignInFlowState {
  switch (event.type) {
    case 'MODE':
      // Switching forgets the other form's answers; a submission on its way keeps the mode.
      if (state.submitting || state.signedIn || state.mode === event.mode) return state;
      return initialSignInState(event.mode);
    case 'INVALID':
      if (state.submitting || state.signedIn) return state;
      return { ...state, fieldErrors: event.fieldErrors, issue: undefined };
    case 'SUBMIT_STARTED':
      if (state.submitting || state.signedIn) return state;
      return { ...state, submitting: true, fieldErrors: {}, issue: undefined };
    case 'FIELD_ERRORS':
      return { ...state, submitting: false, fieldErrors: event.fieldErrors };
    case 'ISSUE':
      return { ...state, submitting: false, issue: event.issue };
    case 'SIGNED_IN':
      return { ...state, submitting: false, signedIn: true };
  }
}

// The sentences of supertokens-node's default validators, read as what they mean; anything else is
// an app's own validator and is shown as sent.
const BACKEND_SENTENCES: Record<string, FieldProblem['kind']> = {
  'Field is not optional': 'required',
  'Email is invalid': 'emailInvalid',
  'This email already exists. Please sign in instead.': 'emailExists',
  'Password must contain at least 8 characters, including a number': 'passwordTooWeak',
  "Password's length must be lesser than 100 characters": 'passwordTooWeak',
  'Password must contain at least one alphabet': 'passwordTooWeak',
  'Password must contain at least one number': 'passwordTooWeak',
};

/** Reads a backend field error sentence. */
export function fieldProblemOf(sentence: string): FieldProblem {
  const kind = BACKEND_SENTENCES[sentence];
  return kind === undefined || kind === 'server' ? { kind: 'server', text: sentence } : { kind };
}

/** What a form shows, derived in one place. */
export function signInView(state: SignInFlowState) {
  const fields = (Object.keys(state.fieldErrors) as SignInFields[]).filter((f) => state.fieldErrors[f] !== undefined);
  return {
    /** Submitting, or signed in and about to continue: the button stays busy. */
    busy: state.submitting || state.signedIn,
    /** The fields with a problem, in form order (for an error summary when there are several). */
    invalidFields: (['email', 'password'] as const).filter((f) => fields.includes(f)),
    /** When the person may try again (a limit said how long to wait). */
    retryAt: state.issue?.kind === 'refused' ? state.issue.refusal.retryAt : undefined,
  };
}

/** Options of {@link createSignInFlow}. */
export interface SignInFlowOptions {
  /** The first form. @default 'signIn' */
  mode?: 'signIn' | 'signUp';
  /** Complete `emailpassword` for the signed-in user (re-verifying with the password) instead of starting a session. @default false */
  asSecondFactor?: boolean;
}

/** Makes a sign-in flow: its store, and the actions that call the API and dispatch what happened. */
export function createSignInFlow(client: Pick<AuthClient, 'emailPassword'>, options: SignInFlowOptions = {}) {
  const store: FlowStore<SignInFlowState, SignInFlowEvent> = createFlowStore(reduceSignIn, initialSignInState(options.mode));

  const read = (answer: SignInResult | SignUpResult): SignInFlowEvent => {
    switch (answer.status) {
      case 'OK':
        return { type: 'SIGNED_IN' };
      case 'FIELD_ERROR':
        return { type: 'FIELD_ERRORS', fieldErrors: Object.fromEntries(answer.formFields.filter((f) => f.id === 'email' || f.id === 'password').map((f) => [f.id, fieldProblemOf(f.error)])) };
      case 'WRONG_CREDENTIALS_ERROR':
        return { type: 'ISSUE', issue: { kind: 'wrongCredentials' } };
      case 'INVALID_CLAIM':
        // Nothing a person can act on in a claim at sign-in: "try again".
        return { type: 'ISSUE', issue: { kind: 'refused', refusal: { code: undefined, retryAt: undefined, text: undefined } } };
      default:
        return { type: 'ISSUE', issue: { kind: 'refused', refusal: refusalOf(answer) } };
    }
  };

  return {
    store,
    /** Sign in, or create an account. Forgets the answers of the other form. */
    setMode: (mode: 'signIn' | 'signUp') => store.dispatch({ type: 'MODE', mode }),
    /**
     * Checks what was typed (an email that looks like one, a password), then signs in or up. The email
     * is trimmed; the password is sent as typed. A second submit while one is on its way is ignored.
     */
    async submit(input: { email: string; password: string }): Promise<void> {
      const email = input.email.trim();
      const emailProblem = typedEmailProblem(email);
      const fieldErrors: SignInFlowState['fieldErrors'] = {
        ...(emailProblem && { email: { kind: emailProblem } }),
        ...(input.password === '' && { password: { kind: 'required' } }),
      };
      if (Object.keys(fieldErrors).length > 0) return void store.dispatch({ type: 'INVALID', fieldErrors });
      const { mode } = store.getSnapshot();
      if (!store.dispatch({ type: 'SUBMIT_STARTED' })) return;
      try {
        const body = { email, password: input.password, asSecondFactor: options.asSecondFactor ?? false };
        const answer = mode === 'signIn' ? await client.emailPassword.signIn(body) : await client.emailPassword.signUp(body);
        store.dispatch(read(answer));
      } catch (error) {
        store.dispatch({ type: 'ISSUE', issue: { kind: 'failed', error } });
      }
    },
  };
}

export type SignInFlow = ReturnType<typeof createSignInFlow>;
