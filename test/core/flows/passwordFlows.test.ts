import { describe, expect, it } from 'vitest';
import {
  createChangePasswordFlow,
  createForgotPasswordFlow,
  createMemoryStorage,
  createResetPasswordFlow,
  forgotPasswordView,
  initialChangePasswordState,
  initialForgotPasswordState,
  initialResetPasswordState,
  newPasswordProblems,
  reduceChangePassword,
  reduceForgotPassword,
  reduceResetPassword,
  type ChangePasswordEvent,
  type ChangePasswordState,
  type ForgotPasswordEvent,
  type ForgotPasswordState,
  type ResetPasswordEvent,
  type ResetPasswordState,
} from '../../../src/core/index.ts';

/** The password flows without a DOM: reducers as tables, views, actions against a fake API. */

const refusal = { code: undefined, retryAt: 7000, text: 'Wait.' };
const issue = { kind: 'refused', refusal } as const;

describe('reduceForgotPassword', () => {
  const idle = initialForgotPasswordState;
  const sent: ForgotPasswordState = { ...idle, sentTo: 'a@example.com', sentAt: 1000 };
  it.each<[string, ForgotPasswordState, ForgotPasswordEvent, Partial<ForgotPasswordState>]>([
    ['typed wrong', { ...idle, issue }, { type: 'INVALID', problem: { kind: 'emailInvalid' } }, { emailError: { kind: 'emailInvalid' }, issue: undefined }],
    ['sending', { ...sent, resent: true, issue, emailError: { kind: 'required' } }, { type: 'SEND_STARTED' }, { sending: true, resent: false, issue: undefined, emailError: undefined }],
    ['sent', { ...idle, sending: true }, { type: 'SENT', email: 'a@example.com', at: 5, resend: false }, { sending: false, sentTo: 'a@example.com', sentAt: 5, resent: false }],
    ['resent', { ...sent, sending: true }, { type: 'SENT', email: 'a@example.com', at: 9, resend: true }, { sending: false, sentAt: 9, resent: true }],
    ['the backend’s field error', { ...idle, sending: true }, { type: 'FIELD_ERROR', problem: { kind: 'emailInvalid' } }, { sending: false, emailError: { kind: 'emailInvalid' } }],
    ['refused', { ...idle, sending: true }, { type: 'ISSUE', issue }, { sending: false, issue }],
    ['another address', sent, { type: 'OTHER_ADDRESS' }, idle],
  ])('%s', (_name, from, event, expected) => {
    expect(reduceForgotPassword(from, event)).toEqual({ ...from, ...expected });
  });

  it.each<[string, ForgotPasswordState, ForgotPasswordEvent]>([
    ['a second send on its way', { ...idle, sending: true }, { type: 'SEND_STARTED' }],
    ['field checks mid-send', { ...idle, sending: true }, { type: 'INVALID', problem: { kind: 'required' } }],
    ['another address mid-send', { ...sent, sending: true }, { type: 'OTHER_ADDRESS' }],
  ])('ignores %s', (_name, from, event) => {
    expect(reduceForgotPassword(from, event)).toBe(from);
  });

  it.each<[string, ForgotPasswordState, number, Partial<ReturnType<typeof forgotPasswordView>>]>([
    ['the form', idle, 0, { step: 'request', canResend: false, resendAt: undefined }],
    ['sent, cooling down', sent, 30_999, { step: 'sent', canResend: false, resendAt: 31_000 }],
    ['sent, may resend', sent, 31_000, { canResend: true }],
    ['a limit says when', { ...idle, issue }, 0, { retryAt: 7000 }],
  ])('view: %s', (_name, state, now, expected) => {
    expect(forgotPasswordView(state, now, 30_000)).toMatchObject(expected);
  });
});

describe('reduceResetPassword', () => {
  const idle = initialResetPasswordState;
  const busy: ResetPasswordState = { ...idle, submitting: true };
  it.each<[string, ResetPasswordState, ResetPasswordEvent, Partial<ResetPasswordState>]>([
    ['typed wrong', { ...idle, issue }, { type: 'INVALID', fieldErrors: { confirmation: { kind: 'mismatch' } } }, { fieldErrors: { confirmation: { kind: 'mismatch' } }, issue: undefined }],
    ['submitting', { ...idle, fieldErrors: { password: { kind: 'required' } } }, { type: 'SUBMIT_STARTED' }, { submitting: true, fieldErrors: {} }],
    ['done', busy, { type: 'DONE' }, { submitting: false, outcome: 'done' }],
    ['the link is dead', busy, { type: 'LINK_INVALID' }, { submitting: false, outcome: 'invalid' }],
    ['the policy', busy, { type: 'FIELD_ERRORS', fieldErrors: { password: { kind: 'passwordTooWeak' } } }, { submitting: false, fieldErrors: { password: { kind: 'passwordTooWeak' } } }],
    ['refused', busy, { type: 'ISSUE', issue }, { submitting: false, issue }],
  ])('%s', (_name, from, event, expected) => {
    expect(reduceResetPassword(from, event)).toEqual({ ...from, ...expected });
  });

  it.each<[string, ResetPasswordState, ResetPasswordEvent]>([
    ['a second submit', busy, { type: 'SUBMIT_STARTED' }],
    ['submitting after it is done', { ...idle, outcome: 'done' }, { type: 'SUBMIT_STARTED' }],
    ['field checks after it is done', { ...idle, outcome: 'invalid' }, { type: 'INVALID', fieldErrors: {} }],
  ])('ignores %s', (_name, from, event) => {
    expect(reduceResetPassword(from, event)).toBe(from);
  });
});

describe('reduceChangePassword', () => {
  const idle = initialChangePasswordState;
  const busy: ChangePasswordState = { ...idle, submitting: true };
  it.each<[string, ChangePasswordState, ChangePasswordEvent, Partial<ChangePasswordState>]>([
    ['typed wrong', { ...idle, issue: { kind: 'wrongCurrent' } }, { type: 'INVALID', fieldErrors: { currentPassword: { kind: 'required' } } }, { fieldErrors: { currentPassword: { kind: 'required' } }, issue: undefined }],
    ['submitting', { ...idle, done: true }, { type: 'SUBMIT_STARTED' }, { submitting: true, done: false }],
    ['done', busy, { type: 'DONE' }, { submitting: false, done: true }],
    ['wrong current password', busy, { type: 'ISSUE', issue: { kind: 'wrongCurrent' } }, { submitting: false, issue: { kind: 'wrongCurrent' } }],
    ['step-up first', busy, { type: 'ISSUE', issue: { kind: 'stepUp', factors: ['totp'] } }, { submitting: false, issue: { kind: 'stepUp', factors: ['totp'] } }],
    ['the policy', busy, { type: 'FIELD_ERRORS', fieldErrors: { newPassword: { kind: 'passwordTooWeak' } } }, { submitting: false, fieldErrors: { newPassword: { kind: 'passwordTooWeak' } } }],
    ['again', { ...idle, done: true }, { type: 'AGAIN' }, idle],
  ])('%s', (_name, from, event, expected) => {
    expect(reduceChangePassword(from, event)).toEqual({ ...from, ...expected });
  });

  it.each<[string, ChangePasswordState, ChangePasswordEvent]>([
    ['a second submit', busy, { type: 'SUBMIT_STARTED' }],
    ['again mid-submit', busy, { type: 'AGAIN' }],
  ])('ignores %s', (_name, from, event) => {
    expect(reduceChangePassword(from, event)).toBe(from);
  });
});

describe('newPasswordProblems', () => {
  it.each<[string, string, string, ReturnType<typeof newPasswordProblems>]>([
    ['nothing typed', '', '', { password: { kind: 'required' } }],
    ['no confirmation', 'abc12345', '', { confirmation: { kind: 'required' } }],
    ['a different confirmation', 'abc12345', 'abc12346', { confirmation: { kind: 'mismatch' } }],
    ['the same twice', ' abc12345 ', ' abc12345 ', {}],
  ])('%s', (_name, password, confirmation, expected) => {
    expect(newPasswordProblems(password, confirmation)).toEqual(expected);
  });
});

describe('the password flows against a fake API', () => {
  const fake = (answers: unknown[]) => {
    const calls: [string, unknown][] = [];
    const next = (name: string) => (input: unknown) => {
      calls.push([name, input]);
      const a = answers.shift();
      return a instanceof Error ? Promise.reject(a) : Promise.resolve(a);
    };
    const client = { config: { storageKeyPrefix: 'fk' }, emailPassword: { sendPasswordResetEmail: next('send'), submitNewPassword: next('submit'), changePassword: next('change') } } as never;
    return { client, calls };
  };

  it('forgot: checks the address, keeps "check your email" across a reload, resends after the cooldown only', async () => {
    const storage = createMemoryStorage();
    let t = 1000;
    const { client, calls } = fake([{ status: 'OK' }, { status: 'OK' }]);
    const flow = createForgotPasswordFlow(client, { storage, now: () => t });
    await flow.request('nope');
    expect(flow.store.getSnapshot().emailError).toEqual({ kind: 'emailInvalid' });
    await flow.request(' a@example.com ');
    const reloaded = createForgotPasswordFlow(client, { storage, now: () => t });
    expect(reloaded.store.getSnapshot()).toMatchObject({ sentTo: 'a@example.com', sentAt: 1000 });
    await reloaded.resend();
    t = 31_000;
    await reloaded.resend();
    expect(reloaded.store.getSnapshot()).toMatchObject({ sentAt: 31_000, resent: true });
    expect(calls).toEqual([['send', { email: 'a@example.com' }], ['send', { email: 'a@example.com' }]]);
    reloaded.otherAddress();
    expect(createForgotPasswordFlow(client, { storage }).store.getSnapshot().sentTo).toBeUndefined();
  });

  it('forgot: a limit and a network failure are told apart', async () => {
    const { client } = fake([{ status: 'PASSWORD_RESET_NOT_ALLOWED', reason: 'Too many. (FK_RATE_LIMITED)', retryAt: 99 }, new TypeError('offline')]);
    const flow = createForgotPasswordFlow(client);
    await flow.request('a@example.com');
    expect(flow.store.getSnapshot().issue).toEqual({ kind: 'refused', refusal: { code: 'RATE_LIMITED', retryAt: 99, text: 'Too many.' } });
    await flow.request('a@example.com');
    expect(flow.store.getSnapshot().issue).toMatchObject({ kind: 'failed' });
  });

  it('reset: the confirmation must match before anything is sent; a dead link and the policy are read', async () => {
    const { client, calls } = fake([{ status: 'FIELD_ERROR', formFields: [{ id: 'password', error: 'Password must contain at least one number' }] }, { status: 'RESET_PASSWORD_INVALID_TOKEN_ERROR' }]);
    const flow = createResetPasswordFlow(client, { token: 't', tenantId: 'acme' });
    await flow.submit({ password: 'abcdefgh', confirmation: 'abcdefgx' });
    expect(calls).toEqual([]);
    await flow.submit({ password: 'abcdefgh', confirmation: 'abcdefgh' });
    expect(flow.store.getSnapshot().fieldErrors).toEqual({ password: { kind: 'passwordTooWeak' } });
    await flow.submit({ password: 'abcdefg1', confirmation: 'abcdefg1' });
    expect(flow.store.getSnapshot().outcome).toBe('invalid');
    expect(calls).toEqual([['submit', { token: 't', password: 'abcdefgh', tenantId: 'acme' }], ['submit', { token: 't', password: 'abcdefg1', tenantId: 'acme' }]]);
  });

  it('change: a wrong current password, step-up, done', async () => {
    const { client, calls } = fake([
      { status: 'WRONG_CREDENTIALS_ERROR' },
      { status: 'INVALID_CLAIM', claimValidationErrors: [{ id: 'fk-step-up', reason: { factors: ['totp'] } }] },
      { status: 'OK' },
    ]);
    const flow = createChangePasswordFlow(client);
    await flow.submit({ currentPassword: '', newPassword: 'new-pass-1', confirmation: 'new-pass-1' });
    expect(flow.store.getSnapshot().fieldErrors).toEqual({ currentPassword: { kind: 'required' } });
    await flow.submit({ currentPassword: 'old', newPassword: 'new-pass-1', confirmation: 'new-pass-1' });
    expect(flow.store.getSnapshot().issue).toEqual({ kind: 'wrongCurrent' });
    await flow.submit({ currentPassword: undefined, newPassword: 'new-pass-1', confirmation: 'new-pass-1' });
    expect(flow.store.getSnapshot().issue).toEqual({ kind: 'stepUp', factors: ['totp'] });
    await flow.submit({ currentPassword: undefined, newPassword: 'new-pass-1', confirmation: 'new-pass-1' });
    expect(flow.store.getSnapshot().done).toBe(true);
    expect(calls.map(([, input]) => input)).toEqual([{ currentPassword: 'old', newPassword: 'new-pass-1' }, { newPassword: 'new-pass-1' }, { newPassword: 'new-pass-1' }]);
  });
});
