import { describe, expect, it } from 'vitest';
import { createMemoryStorage, createOtpFlow, initialOtpState, otpAttemptStore, otpView, reduceOtp, type OtpFlowEvent, type OtpFlowState, type StoredOtpAttempt } from '../../../src/core/index.ts';

/** The OTP flow without a DOM: the reducer as a table, the derived view, and the actions against a fake API. */

const attempt: StoredOtpAttempt = { userId: 'u', deviceId: 'd', preAuthSessionId: 'p', flowType: 'USER_INPUT_CODE', contactMethod: 'EMAIL', contact: 'a@example.com', sentAt: 1000, expiresAt: 901_000, resendAvailableAt: 16_000 };
const idle = initialOtpState('otp-email');
const withCode: OtpFlowState = { ...idle, attempt };
const refusal = { code: undefined, retryAt: undefined, text: 'No.' };

describe('reduceOtp', () => {
  it.each<[string, OtpFlowState, OtpFlowEvent, Partial<OtpFlowState>]>([
    ['a resumed attempt is the code step', idle, { type: 'RESTORED', attempt }, { attempt }],
    ['a typed contact that is not one', idle, { type: 'CONTACT_INVALID', reason: 'emailInvalid' }, { contactError: 'emailInvalid' }],
    ['sending', { ...idle, contactError: 'required', sendIssue: { kind: 'refused', refusal } }, { type: 'SEND_STARTED', contact: 'a@example.com' }, { sendingTo: 'a@example.com', contactError: undefined, sendIssue: undefined }],
    ['sent: the code step, fresh answers', { ...idle, sendingTo: 'a@example.com', restarted: 'gone', askContact: true }, { type: 'SEND_DONE', attempt }, { attempt, sendingTo: undefined, restarted: undefined, askContact: false }],
    ['refused', { ...idle, sendingTo: 'a@example.com' }, { type: 'SEND_ISSUE', issue: { kind: 'refused', refusal } }, { sendingTo: undefined, sendIssue: { kind: 'refused', refusal } }],
    ['checking a code', withCode, { type: 'VERIFY_STARTED' }, { verifying: true }],
    ['the right code: verified, attempt gone', { ...withCode, verifying: true }, { type: 'VERIFY_DONE', outcome: { kind: 'ok' } }, { verifying: false, verified: true, attempt: undefined }],
    ['a wrong code keeps the attempt', { ...withCode, verifying: true }, { type: 'VERIFY_DONE', outcome: { kind: 'wrong', attemptsLeft: 2 } }, { verifying: false, attempt, outcome: { kind: 'wrong', attemptsLeft: 2 } }],
    ['too many wrong codes: start again', { ...withCode, verifying: true }, { type: 'VERIFY_DONE', outcome: { kind: 'restart' } }, { verifying: false, attempt: undefined, restarted: 'tooManyAttempts', outcome: { kind: 'restart' } }],
    ['refused at the code: start again, with the reason', { ...withCode, verifying: true }, { type: 'VERIFY_DONE', outcome: { kind: 'refused', refusal } }, { verifying: false, attempt: undefined, restarted: 'refused', outcome: { kind: 'refused', refusal } }],
    ['a budget lockout keeps the attempt', { ...withCode, verifying: true }, { type: 'VERIFY_DONE', outcome: { kind: 'locked', until: 9 } }, { verifying: false, attempt, outcome: { kind: 'locked', until: 9 } }],
    ['the lockout is over', { ...withCode, outcome: { kind: 'locked', until: 9 } }, { type: 'LOCK_OVER' }, { outcome: undefined }],
    ['network failure while checking', { ...withCode, verifying: true }, { type: 'VERIFY_FAILED', error: 'down' }, { verifying: false, verifyFailure: 'down' }],
    ['resending', { ...withCode, outcome: { kind: 'wrong', attemptsLeft: 1 } }, { type: 'RESEND_STARTED' }, { resending: true, outcome: undefined }],
    ['resent: new times', { ...withCode, resending: true }, { type: 'RESEND_DONE', at: 50_000, cooldownMs: 15_000, lifetimeMs: 900_000 }, { resending: false, resent: true, attempt: { ...attempt, sentAt: 50_000, expiresAt: 950_000, resendAvailableAt: 65_000 } }],
    ['the attempt was gone at resend', { ...withCode, resending: true }, { type: 'RESEND_GONE' }, { resending: false, attempt: undefined, restarted: 'gone' }],
    ['another contact', { ...withCode, outcome: { kind: 'wrong', attemptsLeft: 1 } }, { type: 'CHANGE_CONTACT' }, { attempt: undefined, askContact: true, outcome: undefined }],
  ])('%s', (_name, from, event, expected) => {
    expect(reduceOtp(from, event)).toEqual({ ...from, ...expected });
  });

  it.each<[string, OtpFlowState, OtpFlowEvent]>([
    ['a second send while one is on its way', { ...idle, sendingTo: 'a@example.com' }, { type: 'SEND_STARTED', contact: 'b@example.com' }],
    ['checking without a code sent', idle, { type: 'VERIFY_STARTED' }],
    ['a second check in flight', { ...withCode, verifying: true }, { type: 'VERIFY_STARTED' }],
    ['a second resend in flight', { ...withCode, resending: true }, { type: 'RESEND_STARTED' }],
    ['a lockout that is not there', withCode, { type: 'LOCK_OVER' }],
  ])('ignores %s', (_name, from, event) => {
    expect(reduceOtp(from, event)).toBe(from);
  });
});

describe('otpView', () => {
  it.each<[string, OtpFlowState, number, Partial<ReturnType<typeof otpView>>]>([
    ['no code yet', idle, 0, { step: 'contact', canResend: false }],
    ['code sent, cooling down', withCode, 15_999, { step: 'code', canResend: false, resendAvailableAt: 16_000, expiresAt: 901_000 }],
    ['code sent, may resend', withCode, 16_000, { step: 'code', canResend: true }],
    ['resend in flight', { ...withCode, resending: true }, 20_000, { canResend: false }],
    ['locked for now', { ...withCode, outcome: { kind: 'locked', until: 30_000 } }, 20_000, { lockedUntil: 30_000 }],
    ['a lockout in the past', { ...withCode, outcome: { kind: 'locked', until: 30_000 } }, 30_000, { lockedUntil: undefined }],
    ['done', { ...idle, verified: true }, 0, { step: 'verified' }],
  ])('%s', (_name, state, now, expected) => {
    expect(otpView(state, now)).toMatchObject(expected);
  });
});

describe('createOtpFlow', () => {
  const api = (answers: Record<string, unknown[]>) => {
    const calls: string[] = [];
    const next = (name: string) => {
      calls.push(name);
      const a = answers[name]!.shift();
      if (a instanceof Error) return Promise.reject(a);
      return Promise.resolve(a);
    };
    return {
      calls,
      client: {
        config: { storageKeyPrefix: 'fk' },
        passwordless: { createCode: () => next('createCode'), resendCode: () => next('resendCode'), consumeCode: () => next('consumeCode') },
      } as never,
    };
  };

  it('sends, keeps the attempt in storage for a reload, counts a wrong code and forgets the attempt once verified', async () => {
    const storage = createMemoryStorage();
    let t = 1000;
    const { client, calls } = api({ createCode: [{ status: 'OK', deviceId: 'd', preAuthSessionId: 'p', flowType: 'USER_INPUT_CODE' }], consumeCode: [{ status: 'INCORRECT_USER_INPUT_CODE_ERROR', failedCodeInputAttemptCount: 1, maximumCodeInputAttempts: 5 }, { status: 'OK' }] });
    const flow = createOtpFlow(client, { factorId: 'otp-email', asSecondFactor: true, userId: 'u', storage, now: () => t });
    await flow.send('a@example.com');
    expect(otpAttemptStore(storage, 'fk', 'otp-email').read('u')).toMatchObject({ contact: 'a@example.com', sentAt: 1000, resendAvailableAt: 16_000 });
    // Another user never resumes it.
    expect(otpAttemptStore(storage, 'fk', 'otp-email').read('someone-else')).toBeUndefined();
    // A reload: a new flow on the same storage resumes the attempt.
    const reloaded = createOtpFlow(client, { factorId: 'otp-email', asSecondFactor: true, userId: 'u', storage, now: () => t });
    expect(reloaded.store.getSnapshot().attempt?.contact).toBe('a@example.com');
    t = 2000;
    expect(await reloaded.verify('000000')).toEqual({ kind: 'wrong', attemptsLeft: 4 });
    expect(await reloaded.verify('123456')).toEqual({ kind: 'ok' });
    expect(otpAttemptStore(storage, 'fk', 'otp-email').read('u')).toBeUndefined();
    expect(calls).toEqual(['createCode', 'consumeCode', 'consumeCode']);
  });

  it('checks what a person typed before sending anything', async () => {
    const { client, calls } = api({});
    const email = createOtpFlow(client, { factorId: 'otp-email', asSecondFactor: false, userId: '' });
    await email.submitContact('   ');
    expect(email.store.getSnapshot().contactError).toBe('required');
    await email.submitContact('not-an-address');
    expect(email.store.getSnapshot().contactError).toBe('emailInvalid');
    const phone = createOtpFlow(client, { factorId: 'otp-phone', asSecondFactor: false, userId: '' });
    await phone.submitContact('12');
    expect(phone.store.getSnapshot().contactError).toBe('phoneInvalid');
    expect(calls).toEqual([]);
  });

  it("a number the backend's full check refuses is said at the field, and the button is free again", async () => {
    const { client, calls } = api({ createCode: [{ status: 'GENERAL_ERROR', message: 'Phone number is invalid' }] });
    const phone = createOtpFlow(client, { factorId: 'otp-phone', asSecondFactor: false, userId: '' });
    await phone.submitContact('+44 7400 123456');
    expect(phone.store.getSnapshot()).toMatchObject({ contactError: 'phoneInvalid', sendingTo: undefined, sendIssue: undefined });
    expect(calls).toEqual(['createCode']);
  });

  it('a refused send says why; a 403 for email verification and one for step-up are told apart; a network failure too', async () => {
    const { client } = api({
      createCode: [
        { status: 'SIGN_IN_UP_NOT_ALLOWED', reason: 'Too many codes. (FK_RATE_LIMITED)', retryAt: 99 },
        { status: 'INVALID_CLAIM', claimValidationErrors: [{ id: 'st-ev', reason: {} }] },
        { status: 'INVALID_CLAIM', claimValidationErrors: [{ id: 'fk-step-up', reason: { factors: ['totp'] } }] },
        new TypeError('offline'),
      ],
    });
    const flow = createOtpFlow(client, { factorId: 'otp-email', asSecondFactor: true, userId: 'u' });
    await flow.send('a@example.com');
    expect(flow.store.getSnapshot().sendIssue).toEqual({ kind: 'refused', refusal: { code: 'RATE_LIMITED', retryAt: 99, text: 'Too many codes.' } });
    await flow.send('a@example.com');
    expect(flow.store.getSnapshot().sendIssue).toEqual({ kind: 'verifyEmail' });
    await flow.send('new@example.com');
    expect(flow.store.getSnapshot().sendIssue).toEqual({ kind: 'stepUp', factors: ['totp'] });
    await flow.send('a@example.com');
    expect(flow.store.getSnapshot().sendIssue).toMatchObject({ kind: 'failed' });
  });

  it('resends only after the cooldown and one at a time; a gone attempt asks to start again', async () => {
    let t = 1000;
    let release: (v: unknown) => void = () => {};
    const held = new Promise((resolve) => (release = resolve));
    const calls: string[] = [];
    const client = {
      config: { storageKeyPrefix: 'fk' },
      passwordless: {
        createCode: () => Promise.resolve({ status: 'OK', deviceId: 'd', preAuthSessionId: 'p', flowType: 'USER_INPUT_CODE' }),
        resendCode: () => (calls.push('resend'), calls.length === 1 ? held : Promise.resolve({ status: 'RESTART_FLOW_ERROR' })),
        consumeCode: () => Promise.reject(new Error('not used')),
      },
    } as never;
    const flow = createOtpFlow(client, { factorId: 'otp-email', asSecondFactor: true, userId: 'u', now: () => t });
    await flow.send('a@example.com');
    await flow.resend();
    expect(calls).toEqual([]);
    t = 16_000;
    const first = flow.resend();
    void flow.resend();
    release({ status: 'OK' });
    await first;
    expect(calls).toEqual(['resend']);
    expect(flow.store.getSnapshot().attempt?.resendAvailableAt).toBe(31_000);
    t = 31_000;
    await flow.resend();
    expect(flow.store.getSnapshot()).toMatchObject({ attempt: undefined, restarted: 'gone' });
  });
});
