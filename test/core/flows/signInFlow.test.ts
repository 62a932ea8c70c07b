import { describe, expect, it } from 'vitest';
import { createSignInFlow, fieldProblemOf, initialSignInState, reduceSignIn, signInView, type SignInFlowEvent, type SignInFlowState } from '../../../src/core/index.ts';

/** Email and password sign-in without a DOM: the reducer as a table, the view, the actions against a fake API. */

const idle = initialSignInState();
const submitting: SignInFlowState = { ...idle, submitting: true };
const refusal = { code: undefined, retryAt: 5000, text: 'Wait.' };

describe('reduceSignIn', () => {
  it.each<[string, SignInFlowState, SignInFlowEvent, Partial<SignInFlowState>]>([
    ['to sign-up, forgetting the answers', { ...idle, fieldErrors: { email: { kind: 'required' } }, issue: { kind: 'wrongCredentials' } }, { type: 'MODE', mode: 'signUp' }, { mode: 'signUp', fieldErrors: {}, issue: undefined }],
    ['typed wrong: the fields say so', { ...idle, issue: { kind: 'wrongCredentials' } }, { type: 'INVALID', fieldErrors: { email: { kind: 'emailInvalid' } } }, { fieldErrors: { email: { kind: 'emailInvalid' } }, issue: undefined }],
    ['submitting clears the last answer', { ...idle, fieldErrors: { password: { kind: 'required' } }, issue: { kind: 'wrongCredentials' } }, { type: 'SUBMIT_STARTED' }, { submitting: true, fieldErrors: {}, issue: undefined }],
    ['the backend’s field errors', submitting, { type: 'FIELD_ERRORS', fieldErrors: { password: { kind: 'passwordTooWeak' } } }, { submitting: false, fieldErrors: { password: { kind: 'passwordTooWeak' } } }],
    ['refused', submitting, { type: 'ISSUE', issue: { kind: 'refused', refusal } }, { submitting: false, issue: { kind: 'refused', refusal } }],
    ['signed in', submitting, { type: 'SIGNED_IN' }, { submitting: false, signedIn: true }],
  ])('%s', (_name, from, event, expected) => {
    expect(reduceSignIn(from, event)).toEqual({ ...from, ...expected });
  });

  it.each<[string, SignInFlowState, SignInFlowEvent]>([
    ['a second submit on its way', submitting, { type: 'SUBMIT_STARTED' }],
    ['switching forms mid-submit', submitting, { type: 'MODE', mode: 'signUp' }],
    ['switching to the form shown', idle, { type: 'MODE', mode: 'signIn' }],
    ['field checks mid-submit', submitting, { type: 'INVALID', fieldErrors: { email: { kind: 'required' } } }],
    ['submitting once signed in', { ...idle, signedIn: true }, { type: 'SUBMIT_STARTED' }],
  ])('ignores %s', (_name, from, event) => {
    expect(reduceSignIn(from, event)).toBe(from);
  });
});

describe('signInView', () => {
  it.each<[string, SignInFlowState, ReturnType<typeof signInView>]>([
    ['idle', idle, { busy: false, invalidFields: [], retryAt: undefined }],
    ['signed in stays busy while continuing', { ...idle, signedIn: true }, { busy: true, invalidFields: [], retryAt: undefined }],
    ['fields in form order', { ...idle, fieldErrors: { password: { kind: 'required' }, email: { kind: 'required' } } }, { busy: false, invalidFields: ['email', 'password'], retryAt: undefined }],
    ['a limit says when', { ...idle, issue: { kind: 'refused', refusal } }, { busy: false, invalidFields: [], retryAt: 5000 }],
  ])('%s', (_name, state, expected) => {
    expect(signInView(state)).toEqual(expected);
  });
});

describe('fieldProblemOf', () => {
  it.each([
    ['Field is not optional', { kind: 'required' }],
    ['Email is invalid', { kind: 'emailInvalid' }],
    ['This email already exists. Please sign in instead.', { kind: 'emailExists' }],
    ['Password must contain at least one number', { kind: 'passwordTooWeak' }],
    ['Use your work address.', { kind: 'server', text: 'Use your work address.' }],
  ])('%s', (sentence, expected) => {
    expect(fieldProblemOf(sentence)).toEqual(expected);
  });
});

describe('createSignInFlow', () => {
  const fake = (answers: unknown[]) => {
    const calls: [string, unknown][] = [];
    const next = (name: string) => (input: unknown) => {
      calls.push([name, input]);
      const a = answers.shift();
      return a instanceof Error ? Promise.reject(a) : Promise.resolve(a);
    };
    return { client: { emailPassword: { signIn: next('signIn'), signUp: next('signUp') } } as never, calls };
  };

  it('checks the fields before sending, trims the email but not the password, and sends one request for a double submit', async () => {
    const { client, calls } = fake([{ status: 'OK', user: {} }]);
    const flow = createSignInFlow(client);
    await flow.submit({ email: '  ', password: '' });
    expect(flow.store.getSnapshot().fieldErrors).toEqual({ email: { kind: 'required' }, password: { kind: 'required' } });
    await flow.submit({ email: 'a@b', password: 'x' });
    expect(flow.store.getSnapshot().fieldErrors).toEqual({ email: { kind: 'emailInvalid' } });
    expect(calls).toEqual([]);
    const first = flow.submit({ email: ' a@example.com ', password: ' pass word1 ' });
    await flow.submit({ email: 'a@example.com', password: 'other1234' });
    await first;
    expect(calls).toEqual([['signIn', { email: 'a@example.com', password: ' pass word1 ', asSecondFactor: false }]]);
    expect(flow.store.getSnapshot().signedIn).toBe(true);
  });

  it('reads every answer: field errors, wrong credentials, a refusal with its wait, a claim, a network failure', async () => {
    const { client, calls } = fake([
      { status: 'FIELD_ERROR', formFields: [{ id: 'email', error: 'This email already exists. Please sign in instead.' }, { id: 'company', error: 'ignored' }] },
      { status: 'WRONG_CREDENTIALS_ERROR' },
      { status: 'SIGN_IN_NOT_ALLOWED', reason: 'Too many tries. (FK_RATE_LIMITED)', retryAt: 9000 },
      { status: 'INVALID_CLAIM', claimValidationErrors: [] },
      new TypeError('offline'),
    ]);
    const flow = createSignInFlow(client, { mode: 'signUp' });
    const input = { email: 'a@example.com', password: 'password123' };
    await flow.submit(input);
    expect(flow.store.getSnapshot().fieldErrors).toEqual({ email: { kind: 'emailExists' } });
    flow.setMode('signIn');
    await flow.submit(input);
    expect(flow.store.getSnapshot().issue).toEqual({ kind: 'wrongCredentials' });
    await flow.submit(input);
    expect(flow.store.getSnapshot().issue).toEqual({ kind: 'refused', refusal: { code: 'RATE_LIMITED', retryAt: 9000, text: 'Too many tries.' } });
    expect(signInView(flow.store.getSnapshot()).retryAt).toBe(9000);
    await flow.submit(input);
    expect(flow.store.getSnapshot().issue).toEqual({ kind: 'refused', refusal: { code: undefined, retryAt: undefined, text: undefined } });
    await flow.submit(input);
    expect(flow.store.getSnapshot().issue).toMatchObject({ kind: 'failed' });
    expect(calls.map(([name]) => name)).toEqual(['signUp', 'signIn', 'signIn', 'signIn', 'signIn']);
  });

  it('as a second factor, completes emailpassword for the session', async () => {
    const { client, calls } = fake([{ status: 'OK', user: {} }]);
    const flow = createSignInFlow(client, { asSecondFactor: true });
    await flow.submit({ email: 'a@example.com', password: 'password123' });
    expect(calls).toEqual([['signIn', { email: 'a@example.com', password: 'password123', asSecondFactor: true }]]);
  });
});
