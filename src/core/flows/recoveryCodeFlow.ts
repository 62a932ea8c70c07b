import type { AuthClient } from '../createAuthClient.ts';
import { refusalOf, type Refusal } from '../../protocol/refusal.ts';
import { createFlowStore, type FlowStore } from './store.ts';

/**
 * Signing in with a recovery code when the other factors are lost (factorkit's backend), as a state
 * machine: type a code, send it once, and read the answer (wrong or used, a limit's wait, done with
 * so many left). Shared by the pre-built screen and any custom one (`useRecoveryCodeFlow`).
 */

/** Why the last code did not work. */
export type RecoveryCodeIssue = { kind: 'required' } | { kind: 'wrong' } | { kind: 'refused'; refusal: Refusal } | { kind: 'failed'; error: unknown };

export interface RecoveryCodeState {
  submitting: boolean;
  issue: RecoveryCodeIssue | undefined;
  /** Sign-in is complete; so many codes are left. */
  remaining: number | undefined;
}

export type RecoveryCodeEvent = { type: 'INVALID' } | { type: 'SUBMIT_STARTED' } | { type: 'DONE'; remaining: number } | { type: 'ISSUE'; issue: RecoveryCodeIssue };

export const initialRecoveryCodeState: RecoveryCodeState = Object.freeze({ submitting: false, issue: undefined, remaining: undefined });

/** Transitions: pure. A code is sent once at a time, and not again once sign-in is complete. */
export function reduceRecoveryCode(state: RecoveryCodeState, event: RecoveryCodeEvent): RecoveryCodeState {
  switch (event.type) {
    case 'INVALID':
      return state.submitting ? state : { ...state, issue: { kind: 'required' } };
    case 'SUBMIT_STARTED':
      return state.submitting || state.remaining !== undefined ? state : { ...state, submitting: true, issue: undefined };
    case 'DONE':
      return { submitting: false, issue: undefined, remaining: event.remaining };
    case 'ISSUE':
      return { ...state, submitting: false, issue: event.issue };
  }
}

/** What the screen shows, derived in one place: when a refused code may be tried again (a limit's wait). */
export function recoveryCodeView(state: RecoveryCodeState, now: number) {
  const retryAt = state.issue?.kind === 'refused' ? state.issue.refusal.retryAt : undefined;
  return { done: state.remaining !== undefined, retryAt, waiting: retryAt !== undefined && retryAt > now };
}

/** Makes the flow; `use` sends what the person typed (the backend reads capitals, spaces and dashes). */
export function createRecoveryCodeFlow(client: Pick<AuthClient, 'recoveryCodes'>) {
  const store: FlowStore<RecoveryCodeState, RecoveryCodeEvent> = createFlowStore(reduceRecoveryCode, initialRecoveryCodeState);
  return {
    store,
    async use(typed: string): Promise<void> {
      const code = typed.trim();
      if (code === '') return void store.dispatch({ type: 'INVALID' });
      if (!store.dispatch({ type: 'SUBMIT_STARTED' })) return;
      try {
        const answer = await client.recoveryCodes.use({ code });
        if (answer.status === 'OK') return void store.dispatch({ type: 'DONE', remaining: answer.remaining });
        if (answer.status === 'INVALID_RECOVERY_CODE_ERROR') return void store.dispatch({ type: 'ISSUE', issue: { kind: 'wrong' } });
        store.dispatch({ type: 'ISSUE', issue: { kind: 'refused', refusal: refusalOf(answer) } });
      } catch (error) {
        store.dispatch({ type: 'ISSUE', issue: { kind: 'failed', error } });
      }
    },
  };
}

export type RecoveryCodeFlow = ReturnType<typeof createRecoveryCodeFlow>;
