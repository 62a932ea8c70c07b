import { describe, expect, it } from 'vitest';
import {
  createEmailVerificationFlow,
  createMemoryStorage,
  emailVerificationView,
  initialEmailVerificationState,
  reduceEmailVerification,
  type EmailVerificationFlowEvent,
  type EmailVerificationFlowState,
} from '../../../src/core/index.ts';

/** Email verification without a DOM: the reducer as a table, the view, the actions against a fake API. */

const inbox: EmailVerificationFlowState = { ...initialEmailVerificationState({ signedIn: true }), verified: false, sentAt: 1000 };
const link = initialEmailVerificationState({ token: 't', signedIn: false });
const linkSignedIn = initialEmailVerificationState({ token: 't', signedIn: true });
const failed = { kind: 'failed', error: 'down' } as const;

describe('reduceEmailVerification', () => {
  it.each<[string, EmailVerificationFlowState, EmailVerificationFlowEvent, Partial<EmailVerificationFlowState>]>([
    ['asking', { ...inbox, checkIssue: failed }, { type: 'CHECK_STARTED' }, { checking: true, checkIssue: undefined }],
    ['asked by the person, not yet', { ...inbox, checking: true }, { type: 'CHECKED', verified: false, asked: true }, { checking: false, verified: false, notYet: true }],
    ['verified', { ...inbox, checking: true, notYet: true }, { type: 'CHECKED', verified: true, asked: true }, { checking: false, verified: true, notYet: false }],
    ['asking failed', { ...inbox, checking: true }, { type: 'CHECK_ISSUE', issue: failed }, { checking: false, checkIssue: failed }],
    ['using the link', link, { type: 'LINK_STARTED' }, { link: 'checking' }],
    ['the link worked', { ...link, link: 'checking' }, { type: 'LINK_DONE', valid: true }, { link: 'ok', verified: true }],
    ['the link did not', { ...link, link: 'checking' }, { type: 'LINK_DONE', valid: false }, { link: 'invalid' }],
    ['the link could not be checked', { ...link, link: 'checking' }, { type: 'LINK_ISSUE', issue: failed }, { link: 'idle', linkIssue: failed }],
    ['sending', { ...inbox, sendIssue: failed, resent: true }, { type: 'SEND_STARTED' }, { sending: true, sendIssue: undefined, resent: false }],
    ['sent on request', { ...inbox, sending: true, notYet: true }, { type: 'SENT', at: 5000, asked: true }, { sending: false, sentAt: 5000, resent: true, notYet: false }],
    ['a new email replaces a dead link', { ...linkSignedIn, link: 'invalid', sending: true }, { type: 'SENT', at: 5000, asked: true }, { sending: false, sentAt: 5000, resent: true, token: undefined, link: 'idle' }],
    ['sending failed', { ...inbox, sending: true }, { type: 'SEND_ISSUE', issue: failed }, { sending: false, sendIssue: failed }],
  ])('%s', (_name, from, event, expected) => {
    expect(reduceEmailVerification(from, event)).toEqual({ ...from, ...expected });
  });

  it.each<[string, EmailVerificationFlowState, EmailVerificationFlowEvent]>([
    ['asking twice', { ...inbox, checking: true }, { type: 'CHECK_STARTED' }],
    ['asking without a session', link, { type: 'CHECK_STARTED' }],
    ['sending twice', { ...inbox, sending: true }, { type: 'SEND_STARTED' }],
    ['sending without a session', link, { type: 'SEND_STARTED' }],
    ['using a link twice at once', { ...link, link: 'checking' }, { type: 'LINK_STARTED' }],
    ['using a link that worked', { ...link, link: 'ok' }, { type: 'LINK_STARTED' }],
    ['using a link there is not', inbox, { type: 'LINK_STARTED' }],
  ])('ignores %s', (_name, from, event) => {
    expect(reduceEmailVerification(from, event)).toBe(from);
  });
});

describe('emailVerificationView', () => {
  it.each<[string, EmailVerificationFlowState, number, Partial<ReturnType<typeof emailVerificationView>>]>([
    ['signed out, no link: nothing to do here', initialEmailVerificationState({ signedIn: false }), 0, { step: 'done' }],
    ['signed in, not asked yet', initialEmailVerificationState({ signedIn: true }), 0, { step: 'loading' }],
    ['not verified: check your inbox', inbox, 0, { step: 'inbox' }],
    ['could not ask: the inbox, with the error', { ...initialEmailVerificationState({ signedIn: true }), checkIssue: failed }, 0, { step: 'inbox' }],
    ['verified', { ...inbox, verified: true }, 0, { step: 'done' }],
    ['a link without a session: confirm with a click', link, 0, { step: 'confirm' }],
    ['a link with a session: used at once', linkSignedIn, 0, { step: 'loading' }],
    ['a link with a session that could not be checked: confirm to retry', { ...linkSignedIn, linkIssue: failed }, 0, { step: 'confirm' }],
    ['the link worked', { ...link, link: 'ok' }, 0, { step: 'success' }],
    ['the link did not', { ...link, link: 'invalid' }, 0, { step: 'invalid' }],
    ['resend cooling down', inbox, 30_999, { resendAt: 31_000, canResend: false }],
    ['resend open', inbox, 31_000, { canResend: true }],
    ['resend on its way', { ...inbox, sending: true }, 99_000, { canResend: false }],
  ])('%s', (_name, state, now, expected) => {
    expect(emailVerificationView(state, now, 30_000)).toMatchObject(expected);
  });
});

describe('createEmailVerificationFlow', () => {
  const fake = (answers: Record<string, unknown[]>) => {
    const calls: string[] = [];
    const next = (name: string) => () => {
      calls.push(name);
      const a = answers[name]?.shift();
      if (a === undefined) return Promise.reject(new Error(`unexpected ${name}`));
      return a instanceof Error ? Promise.reject(a) : Promise.resolve(a);
    };
    const client = { config: { storageKeyPrefix: 'fk' }, emailVerification: { isVerified: next('isVerified'), sendEmail: next('sendEmail'), verifyToken: next('verifyToken') } } as never;
    return { client, calls };
  };

  it('remembers when the email went out, per user, so a reload does not send another', async () => {
    const storage = createMemoryStorage();
    const { client } = fake({ sendEmail: [{ status: 'OK' }] });
    const flow = createEmailVerificationFlow(client, { userId: 'u', signedIn: true, storage, now: () => 7000 });
    await flow.send();
    expect(createEmailVerificationFlow(client, { userId: 'u', signedIn: true, storage }).store.getSnapshot().sentAt).toBe(7000);
    expect(createEmailVerificationFlow(client, { userId: 'other', signedIn: true, storage }).store.getSnapshot().sentAt).toBeUndefined();
  });

  it('an address confirmed meanwhile: the send says so, the flow asks again and is done', async () => {
    const { client, calls } = fake({ sendEmail: [{ status: 'EMAIL_ALREADY_VERIFIED_ERROR' }], isVerified: [{ status: 'OK', isVerified: true }] });
    const flow = createEmailVerificationFlow(client, { userId: 'u', signedIn: true });
    await flow.send(true);
    expect(emailVerificationView(flow.store.getSnapshot(), 0, 0).step).toBe('done');
    expect(calls).toEqual(['sendEmail', 'isVerified']);
  });

  it('a link with a session refreshes the claim after the token; without one it does not', async () => {
    const signedIn = fake({ verifyToken: [{ status: 'OK' }], isVerified: [{ status: 'OK', isVerified: true }] });
    const withSession = createEmailVerificationFlow(signedIn.client, { token: 't', userId: 'u', signedIn: true });
    await withSession.openLink();
    await withSession.openLink();
    expect(signedIn.calls).toEqual(['verifyToken', 'isVerified']);
    expect(emailVerificationView(withSession.store.getSnapshot(), 0, 0).step).toBe('success');

    const signedOut = fake({ verifyToken: [{ status: 'EMAIL_VERIFICATION_INVALID_TOKEN_ERROR' }] });
    const withoutSession = createEmailVerificationFlow(signedOut.client, { token: 't', userId: '', signedIn: false });
    await withoutSession.openLink();
    expect(signedOut.calls).toEqual(['verifyToken']);
    expect(emailVerificationView(withoutSession.store.getSnapshot(), 0, 0).step).toBe('invalid');
  });

  it('a refusal and a network failure are kept apart for the screen', async () => {
    const { client } = fake({ sendEmail: [{ status: 'GENERAL_ERROR', message: 'Not now.' }, new TypeError('offline')] });
    const flow = createEmailVerificationFlow(client, { userId: 'u', signedIn: true });
    await flow.send();
    expect(flow.store.getSnapshot().sendIssue).toEqual({ kind: 'refused', refusal: { code: undefined, retryAt: undefined, text: 'Not now.' } });
    await flow.send(true);
    expect(flow.store.getSnapshot().sendIssue).toMatchObject({ kind: 'failed' });
  });
});
