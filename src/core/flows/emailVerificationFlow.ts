import type { AuthClient } from '../createAuthClient.ts';
import { refusalOf, type Refusal } from '../../protocol/refusal.ts';
import type { KeyValueStorage } from '../storage.ts';
import { createFlowStore, type FlowStore } from './store.ts';

/**
 * Email verification, as a state machine: "check your inbox" (the email sent once per visit, a
 * resend after a cooldown, "I have confirmed" for a link opened elsewhere), or the link's token
 * (checked at once with a session, confirmed with a click without one: mail scanners open links but
 * have no session and do not click). Shared by the verify-email screen and any custom one
 * (`useEmailVerificationFlow`).
 */

/** Why a call did not do what was asked. */
export type EmailVerificationIssue = { kind: 'refused'; refusal: Refusal } | { kind: 'failed'; error: unknown };

export interface EmailVerificationFlowState {
  /** The token of the opened link, until it is used or replaced by a new email. */
  token: string | undefined;
  signedIn: boolean;
  /** Whether the session's address is verified; undefined until asked. */
  verified: boolean | undefined;
  checking: boolean;
  /** "I have confirmed" was pressed, and the address is not verified yet. */
  notYet: boolean;
  checkIssue: EmailVerificationIssue | undefined;
  /** The link: `idle` (not tried), `checking`, `ok`, `invalid` (expired, used or never valid). */
  link: 'idle' | 'checking' | 'ok' | 'invalid';
  linkIssue: EmailVerificationIssue | undefined;
  /** When the last email went out (epoch ms, this device's clock), kept between reloads. */
  sentAt: number | undefined;
  sending: boolean;
  sendIssue: EmailVerificationIssue | undefined;
  /** The last send was one the person asked for (for "we sent a new email"). */
  resent: boolean;
}

export type EmailVerificationFlowEvent =
  | { type: 'CHECK_STARTED' }
  | { type: 'CHECKED'; verified: boolean; asked: boolean }
  | { type: 'CHECK_ISSUE'; issue: EmailVerificationIssue }
  | { type: 'LINK_STARTED' }
  | { type: 'LINK_DONE'; valid: boolean }
  | { type: 'LINK_ISSUE'; issue: EmailVerificationIssue }
  | { type: 'SEND_STARTED' }
  | { type: 'SENT'; at: number; asked: boolean }
  | { type: 'SEND_ISSUE'; issue: EmailVerificationIssue };

export function initialEmailVerificationState(input: { token?: string; signedIn: boolean; sentAt?: number }): EmailVerificationFlowState {
  return {
    token: input.token,
    signedIn: input.signedIn,
    verified: undefined,
    checking: false,
    notYet: false,
    checkIssue: undefined,
    link: 'idle',
    linkIssue: undefined,
    sentAt: input.sentAt,
    sending: false,
    sendIssue: undefined,
    resent: false,
  };
}

/** The email-verification flow's transitions: pure. */
export function reduceEmailVerification(state: EmailVerificationFlowState, event: EmailVerificationFlowEvent): EmailVerificationFlowState {
  switch (event.type) {
    case 'CHECK_STARTED':
      if (state.checking || !state.signedIn) return state;
      return { ...state, checking: true, checkIssue: undefined };
    case 'CHECKED':
      return { ...state, checking: false, verified: event.verified, notYet: event.asked && !event.verified };
    case 'CHECK_ISSUE':
      return { ...state, checking: false, checkIssue: event.issue };
    case 'LINK_STARTED':
      if (state.token === undefined || state.link === 'checking' || state.link === 'ok') return state;
      return { ...state, link: 'checking', linkIssue: undefined };
    case 'LINK_DONE':
      return { ...state, link: event.valid ? 'ok' : 'invalid', verified: event.valid ? true : state.verified };
    case 'LINK_ISSUE':
      return { ...state, link: 'idle', linkIssue: event.issue };
    case 'SEND_STARTED':
      if (state.sending || !state.signedIn) return state;
      return { ...state, sending: true, sendIssue: undefined, resent: false };
    case 'SENT':
      // A new email replaces the link that did not work: the person waits for the new one.
      return { ...state, sending: false, sentAt: event.at, resent: event.asked, notYet: false, token: state.link === 'invalid' ? undefined : state.token, link: state.link === 'invalid' ? 'idle' : state.link };
    case 'SEND_ISSUE':
      return { ...state, sending: false, sendIssue: event.issue };
  }
}

/** What a screen shows, derived in one place. */
export function emailVerificationView(state: EmailVerificationFlowState, now: number, resendCooldownMs: number) {
  const resendAt = state.sentAt === undefined ? undefined : state.sentAt + resendCooldownMs;
  const step =
    state.token !== undefined
      ? state.link === 'ok'
        ? ('success' as const)
        : state.link === 'invalid'
          ? ('invalid' as const)
          : state.signedIn && state.linkIssue === undefined
            ? ('loading' as const)
            : ('confirm' as const)
      : !state.signedIn || state.verified === true
        ? ('done' as const)
        : state.verified === undefined && state.checkIssue === undefined
          ? ('loading' as const)
          : ('inbox' as const);
  return {
    /**
     * `loading`; `done` (nothing to do here: continue); `inbox` (check your inbox); `confirm` (a link
     * opened without a session: confirm with a click); `success` (the link worked); `invalid` (it did not).
     */
    step,
    /** Epoch ms when another email may be asked for. */
    resendAt,
    canResend: !state.sending && (resendAt === undefined || now >= resendAt),
  };
}

/** Options of {@link createEmailVerificationFlow}. */
export interface EmailVerificationFlowOptions {
  /** The token of an opened link (`?token=`), if any. */
  token?: string;
  /** The tenant of the link (`?tenantId=`). */
  tenantId?: string;
  /** The session user's id (`''` signed out): when the last email went out is kept per user. */
  userId: string;
  signedIn: boolean;
  /** Where the time of the last email survives a reload (so a reload does not send another). @default none */
  storage?: KeyValueStorage;
  /** @default Date.now */
  now?: () => number;
}

/** Makes an email-verification flow: its store, and the actions that call the API and dispatch what happened. */
export function createEmailVerificationFlow(client: Pick<AuthClient, 'emailVerification' | 'config'>, options: EmailVerificationFlowOptions) {
  const now = options.now ?? Date.now;
  const key = `${client.config.storageKeyPrefix}.emailVerificationSentAt.${options.userId}`;
  const storedSentAt = (() => {
    try {
      const value = Number(options.storage?.getItem(key));
      return Number.isFinite(value) && value > 0 ? value : undefined;
    } catch {
      return undefined;
    }
  })();
  const store: FlowStore<EmailVerificationFlowState, EmailVerificationFlowEvent> = createFlowStore(
    reduceEmailVerification,
    initialEmailVerificationState({ token: options.token, signedIn: options.signedIn, sentAt: options.signedIn ? storedSentAt : undefined }),
  );
  const issueOf = (answer: { status: string }): EmailVerificationIssue => ({ kind: 'refused', refusal: refusalOf(answer) });

  const flow = {
    store,
    /** Asks whether the session's address is verified (`asked`: the person pressed "I have confirmed"). */
    async check(asked = false): Promise<void> {
      if (!store.dispatch({ type: 'CHECK_STARTED' })) return;
      try {
        const answer = await client.emailVerification.isVerified();
        store.dispatch(answer.status === 'OK' ? { type: 'CHECKED', verified: answer.isVerified, asked } : { type: 'CHECK_ISSUE', issue: issueOf(answer) });
      } catch (error) {
        store.dispatch({ type: 'CHECK_ISSUE', issue: { kind: 'failed', error } });
      }
    },
    /**
     * Sends the email with the link (`asked`: the person pressed "resend"; else the automatic first
     * send). An address confirmed meanwhile is checked again, and the flow is done.
     */
    async send(asked = false): Promise<void> {
      if (!store.dispatch({ type: 'SEND_STARTED' })) return;
      try {
        const answer = await client.emailVerification.sendEmail();
        if (answer.status === 'OK') {
          const at = now();
          try {
            options.storage?.setItem(key, String(at));
          } catch {
            // No storage: a reload sends the email again.
          }
          store.dispatch({ type: 'SENT', at, asked });
        } else if (answer.status === 'EMAIL_ALREADY_VERIFIED_ERROR') {
          store.dispatch({ type: 'SENT', at: now(), asked });
          await flow.check();
        } else {
          store.dispatch({ type: 'SEND_ISSUE', issue: issueOf(answer) });
        }
      } catch (error) {
        store.dispatch({ type: 'SEND_ISSUE', issue: { kind: 'failed', error } });
      }
    },
    /**
     * Uses the link's token. With a session, the `st-ev` claim in it is refreshed too (the token call
     * carries no session, so the claim would still say "not verified").
     */
    async openLink(): Promise<void> {
      const { token } = store.getSnapshot();
      if (token === undefined || !store.dispatch({ type: 'LINK_STARTED' })) return;
      try {
        const answer = await client.emailVerification.verifyToken({ token, tenantId: options.tenantId });
        if (answer.status === 'OK') {
          if (options.signedIn) await client.emailVerification.isVerified().catch(() => undefined);
          store.dispatch({ type: 'LINK_DONE', valid: true });
        } else if (answer.status === 'EMAIL_VERIFICATION_INVALID_TOKEN_ERROR') {
          store.dispatch({ type: 'LINK_DONE', valid: false });
        } else {
          store.dispatch({ type: 'LINK_ISSUE', issue: issueOf(answer) });
        }
      } catch (error) {
        store.dispatch({ type: 'LINK_ISSUE', issue: { kind: 'failed', error } });
      }
    },
  };
  return flow;
}

export type EmailVerificationFlow = ReturnType<typeof createEmailVerificationFlow>;
