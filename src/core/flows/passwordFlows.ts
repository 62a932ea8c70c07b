import type { AuthClient } from '../createAuthClient.ts';
import { refusalOf, type Refusal } from '../../protocol/refusal.ts';
import type { KeyValueStorage } from '../storage.ts';
import { stepUpFactorsOf } from './codeOutcome.ts';
import { typedEmailProblem } from './contact.ts';
import { fieldProblemOf, type FieldProblem } from './signInFlow.ts';
import { createFlowStore, type FlowStore } from './store.ts';

/**
 * The three password flows, as state machines: asking for a reset link (`createForgotPasswordFlow`),
 * choosing a new password from the link (`createResetPasswordFlow`), and changing it while signed in
 * (`createChangePasswordFlow`). Shared by the reset screen, the settings page and any custom screen.
 */

/** Why a call did not do what was asked (besides the fields). */
export type PasswordIssue = { kind: 'refused'; refusal: Refusal } | { kind: 'failed'; error: unknown };

/** A typed new password and its confirmation: what is wrong with them before anything is sent. */
export type NewPasswordProblem = FieldProblem | { kind: 'mismatch' };

const failed = (error: unknown): PasswordIssue => ({ kind: 'failed', error });
const refused = (answer: { status: string }): PasswordIssue => ({ kind: 'refused', refusal: refusalOf(answer) });

/** The new password and its confirmation, checked the same way everywhere (the backend checks the policy). */
export function newPasswordProblems(password: string, confirmation: string): { password?: NewPasswordProblem; confirmation?: NewPasswordProblem } {
  if (password === '') return { password: { kind: 'required' } };
  if (confirmation !== password) return { confirmation: { kind: confirmation === '' ? 'required' : 'mismatch' } };
  return {};
}

// ------------------------------------------------------------------ forgot password: ask for a link

export interface ForgotPasswordState {
  /** The address the last link went to (the "check your email" step), kept across reloads. */
  sentTo: string | undefined;
  /** Epoch ms of the last send, this device's clock. */
  sentAt: number | undefined;
  sending: boolean;
  emailError: FieldProblem | undefined;
  issue: PasswordIssue | undefined;
  /** The last send was a resend the person asked for ("we sent another link"). */
  resent: boolean;
}

export type ForgotPasswordEvent =
  | { type: 'INVALID'; problem: FieldProblem }
  | { type: 'SEND_STARTED' }
  | { type: 'SENT'; email: string; at: number; resend: boolean }
  | { type: 'FIELD_ERROR'; problem: FieldProblem }
  | { type: 'ISSUE'; issue: PasswordIssue }
  | { type: 'OTHER_ADDRESS' };

export const initialForgotPasswordState: ForgotPasswordState = Object.freeze({ sentTo: undefined, sentAt: undefined, sending: false, emailError: undefined, issue: undefined, resent: false });

/** Transitions of asking for a reset link: pure. */
export function reduceForgotPassword(state: ForgotPasswordState, event: ForgotPasswordEvent): ForgotPasswordState {
  switch (event.type) {
    case 'INVALID':
      return state.sending ? state : { ...state, emailError: event.problem, issue: undefined };
    case 'SEND_STARTED':
      return state.sending ? state : { ...state, sending: true, emailError: undefined, issue: undefined, resent: false };
    case 'SENT':
      return { ...state, sending: false, sentTo: event.email, sentAt: event.at, resent: event.resend };
    case 'FIELD_ERROR':
      return { ...state, sending: false, emailError: event.problem };
    case 'ISSUE':
      return { ...state, sending: false, issue: event.issue };
    case 'OTHER_ADDRESS':
      return state.sending ? state : initialForgotPasswordState;
  }
}

/** What the screen shows, derived in one place. */
export function forgotPasswordView(state: ForgotPasswordState, now: number, resendCooldownMs: number) {
  const resendAt = state.sentAt === undefined ? undefined : state.sentAt + resendCooldownMs;
  return {
    /** `request` (type an address) or `sent` (check your email). */
    step: state.sentTo === undefined ? ('request' as const) : ('sent' as const),
    resendAt,
    canResend: state.sentTo !== undefined && !state.sending && (resendAt === undefined || now >= resendAt),
    retryAt: state.issue?.kind === 'refused' ? state.issue.refusal.retryAt : undefined,
  };
}

/** Options of {@link createForgotPasswordFlow}. */
export interface ForgotPasswordFlowOptions {
  /** Where "check your email" survives a reload. @default none */
  storage?: KeyValueStorage;
  /** @default Date.now */
  now?: () => number;
  /** @default 30 000 */
  resendCooldownMs?: number;
}

/** Makes the flow of asking for a reset link; a send kept in `storage` is resumed at once. */
export function createForgotPasswordFlow(client: Pick<AuthClient, 'emailPassword' | 'config'>, options: ForgotPasswordFlowOptions = {}) {
  const now = options.now ?? Date.now;
  const key = `${client.config.storageKeyPrefix}.passwordResetSent`;
  const kept = (() => {
    try {
      const v = JSON.parse(options.storage?.getItem(key) ?? 'null') as { email?: unknown; at?: unknown } | null;
      return typeof v?.email === 'string' && typeof v.at === 'number' ? { email: v.email, at: v.at } : undefined;
    } catch {
      return undefined;
    }
  })();
  const store: FlowStore<ForgotPasswordState, ForgotPasswordEvent> = createFlowStore(reduceForgotPassword, kept ? { ...initialForgotPasswordState, sentTo: kept.email, sentAt: kept.at } : initialForgotPasswordState);
  const keep = (value: { email: string; at: number } | undefined) => {
    try {
      if (value) options.storage?.setItem(key, JSON.stringify(value));
      else options.storage?.removeItem(key);
    } catch {
      // No storage: a reload shows the form again.
    }
  };

  const flow = {
    store,
    /** Sends a link to what the person typed (checked first). */
    async request(typed: string): Promise<void> {
      const email = typed.trim();
      const problem = typedEmailProblem(email);
      if (problem) return void store.dispatch({ type: 'INVALID', problem: { kind: problem } });
      return send(email, false);
    },
    /** Sends another link to the same address, once the cooldown is over. */
    async resend(): Promise<void> {
      const state = store.getSnapshot();
      if (state.sentTo === undefined || !forgotPasswordView(state, now(), options.resendCooldownMs ?? 30_000).canResend) return;
      return send(state.sentTo, true);
    },
    /** Back to the form, for another address. */
    otherAddress(): void {
      if (store.dispatch({ type: 'OTHER_ADDRESS' })) keep(undefined);
    },
    /** Forgets the kept send (the person is done with it). */
    forget: () => keep(undefined),
  };

  async function send(email: string, resend: boolean): Promise<void> {
    if (!store.dispatch({ type: 'SEND_STARTED' })) return;
    try {
      const answer = await client.emailPassword.sendPasswordResetEmail({ email });
      if (answer.status === 'OK') {
        const at = now();
        keep({ email, at });
        store.dispatch({ type: 'SENT', email, at, resend });
      } else if (answer.status === 'FIELD_ERROR') {
        const error = answer.formFields.find((f) => f.id === 'email')?.error;
        store.dispatch(error ? { type: 'FIELD_ERROR', problem: fieldProblemOf(error) } : { type: 'ISSUE', issue: refused(answer) });
      } else {
        store.dispatch({ type: 'ISSUE', issue: refused(answer) });
      }
    } catch (error) {
      store.dispatch({ type: 'ISSUE', issue: failed(error) });
    }
  }
  return flow;
}

export type ForgotPasswordFlow = ReturnType<typeof createForgotPasswordFlow>;

// ------------------------------------------------------------------ reset: a new password from the link

export interface ResetPasswordState {
  submitting: boolean;
  fieldErrors: { password?: NewPasswordProblem; confirmation?: NewPasswordProblem };
  issue: PasswordIssue | undefined;
  /** `done`: the password is changed (every session ended); `invalid`: the link expired or was used. */
  outcome: 'done' | 'invalid' | undefined;
}

export type ResetPasswordEvent =
  | { type: 'INVALID'; fieldErrors: ResetPasswordState['fieldErrors'] }
  | { type: 'SUBMIT_STARTED' }
  | { type: 'DONE' }
  | { type: 'LINK_INVALID' }
  | { type: 'FIELD_ERRORS'; fieldErrors: ResetPasswordState['fieldErrors'] }
  | { type: 'ISSUE'; issue: PasswordIssue };

export const initialResetPasswordState: ResetPasswordState = Object.freeze({ submitting: false, fieldErrors: {}, issue: undefined, outcome: undefined });

/** Transitions of choosing a new password from a link: pure. */
export function reduceResetPassword(state: ResetPasswordState, event: ResetPasswordEvent): ResetPasswordState {
  switch (event.type) {
    case 'INVALID':
      return state.submitting || state.outcome ? state : { ...state, fieldErrors: event.fieldErrors, issue: undefined };
    case 'SUBMIT_STARTED':
      return state.submitting || state.outcome ? state : { ...state, submitting: true, fieldErrors: {}, issue: undefined };
    case 'DONE':
      return { ...state, submitting: false, outcome: 'done' };
    case 'LINK_INVALID':
      return { ...state, submitting: false, outcome: 'invalid' };
    case 'FIELD_ERRORS':
      return { ...state, submitting: false, fieldErrors: event.fieldErrors };
    case 'ISSUE':
      return { ...state, submitting: false, issue: event.issue };
  }
}

/** Makes the flow of choosing a new password with a link's `token` (and its `tenantId`). */
export function createResetPasswordFlow(client: Pick<AuthClient, 'emailPassword'>, options: { token: string; tenantId?: string }) {
  const store: FlowStore<ResetPasswordState, ResetPasswordEvent> = createFlowStore(reduceResetPassword, initialResetPasswordState);
  return {
    store,
    /** Checks the two fields, then sets the password (sent as typed). */
    async submit(input: { password: string; confirmation: string }): Promise<void> {
      const problems = newPasswordProblems(input.password, input.confirmation);
      if (Object.keys(problems).length > 0) return void store.dispatch({ type: 'INVALID', fieldErrors: problems });
      if (!store.dispatch({ type: 'SUBMIT_STARTED' })) return;
      try {
        const answer = await client.emailPassword.submitNewPassword({ token: options.token, password: input.password, tenantId: options.tenantId });
        if (answer.status === 'OK') store.dispatch({ type: 'DONE' });
        else if (answer.status === 'RESET_PASSWORD_INVALID_TOKEN_ERROR') store.dispatch({ type: 'LINK_INVALID' });
        else if (answer.status === 'FIELD_ERROR') {
          const error = answer.formFields.find((f) => f.id === 'password')?.error;
          store.dispatch(error ? { type: 'FIELD_ERRORS', fieldErrors: { password: fieldProblemOf(error) } } : { type: 'ISSUE', issue: refused(answer) });
        } else store.dispatch({ type: 'ISSUE', issue: refused(answer) });
      } catch (error) {
        store.dispatch({ type: 'ISSUE', issue: failed(error) });
      }
    },
  };
}

export type ResetPasswordFlow = ReturnType<typeof createResetPasswordFlow>;

// ------------------------------------------------------------------ change: a new password while signed in

export interface ChangePasswordState {
  submitting: boolean;
  fieldErrors: { currentPassword?: FieldProblem; newPassword?: NewPasswordProblem; confirmation?: NewPasswordProblem };
  /** `wrongCurrent`: the current password is not right; `stepUp`: verify a factor first (no current password given). */
  issue: PasswordIssue | { kind: 'wrongCurrent' } | { kind: 'stepUp'; factors: string[] } | undefined;
  done: boolean;
}

export type ChangePasswordEvent =
  | { type: 'INVALID'; fieldErrors: ChangePasswordState['fieldErrors'] }
  | { type: 'SUBMIT_STARTED' }
  | { type: 'DONE' }
  | { type: 'FIELD_ERRORS'; fieldErrors: ChangePasswordState['fieldErrors'] }
  | { type: 'ISSUE'; issue: NonNullable<ChangePasswordState['issue']> }
  | { type: 'AGAIN' };

export const initialChangePasswordState: ChangePasswordState = Object.freeze({ submitting: false, fieldErrors: {}, issue: undefined, done: false });

/** Transitions of changing the password: pure. */
export function reduceChangePassword(state: ChangePasswordState, event: ChangePasswordEvent): ChangePasswordState {
  switch (event.type) {
    case 'INVALID':
      return state.submitting ? state : { ...state, fieldErrors: event.fieldErrors, issue: undefined };
    case 'SUBMIT_STARTED':
      return state.submitting ? state : { ...state, submitting: true, fieldErrors: {}, issue: undefined, done: false };
    case 'DONE':
      return { ...state, submitting: false, done: true };
    case 'FIELD_ERRORS':
      return { ...state, submitting: false, fieldErrors: event.fieldErrors };
    case 'ISSUE':
      return { ...state, submitting: false, issue: event.issue };
    case 'AGAIN':
      return state.submitting ? state : initialChangePasswordState;
  }
}

/** Makes the flow of changing the signed-in user's password. */
export function createChangePasswordFlow(client: Pick<AuthClient, 'emailPassword'>) {
  const store: FlowStore<ChangePasswordState, ChangePasswordEvent> = createFlowStore(reduceChangePassword, initialChangePasswordState);
  return {
    store,
    /**
     * Checks the fields, then changes the password. `currentPassword` undefined: the session re-verified
     * a factor just now (step-up) and the backend accepts that instead.
     */
    async submit(input: { currentPassword: string | undefined; newPassword: string; confirmation: string }): Promise<void> {
      const problems: ChangePasswordState['fieldErrors'] = {
        ...(input.currentPassword === '' && { currentPassword: { kind: 'required' } }),
      };
      const fresh = newPasswordProblems(input.newPassword, input.confirmation);
      if (fresh.password) problems.newPassword = fresh.password;
      if (fresh.confirmation) problems.confirmation = fresh.confirmation;
      if (Object.keys(problems).length > 0) return void store.dispatch({ type: 'INVALID', fieldErrors: problems });
      if (!store.dispatch({ type: 'SUBMIT_STARTED' })) return;
      try {
        const answer = await client.emailPassword.changePassword({ ...(input.currentPassword !== undefined && { currentPassword: input.currentPassword }), newPassword: input.newPassword });
        if (answer.status === 'OK') return void store.dispatch({ type: 'DONE' });
        if (answer.status === 'WRONG_CREDENTIALS_ERROR') return void store.dispatch({ type: 'ISSUE', issue: { kind: 'wrongCurrent' } });
        if (answer.status === 'FIELD_ERROR') {
          const error = answer.formFields.find((f) => f.id === 'newPassword')?.error;
          return void store.dispatch(error ? { type: 'FIELD_ERRORS', fieldErrors: { newPassword: fieldProblemOf(error) } } : { type: 'ISSUE', issue: refused(answer) });
        }
        const factors = stepUpFactorsOf(answer);
        store.dispatch({ type: 'ISSUE', issue: factors ? { kind: 'stepUp', factors } : refused(answer) });
      } catch (error) {
        store.dispatch({ type: 'ISSUE', issue: failed(error) });
      }
    },
    /** Starts over (another change after one succeeded). */
    again: () => store.dispatch({ type: 'AGAIN' }),
  };
}

export type ChangePasswordFlow = ReturnType<typeof createChangePasswordFlow>;
