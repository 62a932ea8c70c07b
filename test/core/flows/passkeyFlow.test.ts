import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPasskeyFlow, initialPasskeyState, passkeyIssueOf, reducePasskey, type PasskeyBrowser } from '../../../src/core/index.ts';

/** The passkey flow without a browser: its transitions, the browser's refusals read, and the ceremonies against a fake client. */

describe('reducePasskey', () => {
  it('one ceremony at a time: a second start is ignored while one is on its way', () => {
    const started = reducePasskey(initialPasskeyState, { type: 'STARTED', what: 'signIn' });
    expect(started).toEqual({ busy: 'signIn', issue: undefined, done: false });
    expect(reducePasskey(started, { type: 'STARTED', what: 'signUp' })).toBe(started);
    expect(reducePasskey(started, { type: 'DONE' })).toEqual({ busy: undefined, issue: undefined, done: true });
    expect(reducePasskey(started, { type: 'ISSUE', issue: { kind: 'cancelled' } })).toEqual({ busy: undefined, issue: { kind: 'cancelled' }, done: false });
  });
});

describe('passkeyIssueOf: the browser’s refusals in kinds a screen can word', () => {
  it.each([
    ['NotAllowedError', 'cancelled'],
    ['AbortError', 'cancelled'],
    ['InvalidStateError', 'alreadyRegistered'],
    ['SecurityError', 'insecure'],
    ['NotSupportedError', 'unsupported'],
  ])('%s', (name, kind) => {
    expect(passkeyIssueOf(Object.assign(new Error('x'), { name })).kind).toBe(kind);
  });
  it('anything else is a failure kept for the screen', () => {
    const error = new TypeError('boom');
    expect(passkeyIssueOf(error)).toEqual({ kind: 'failed', error });
  });
});

describe('createPasskeyFlow', () => {
  const credential = { id: 'cred', rawId: 'cred', type: 'public-key', response: {} };
  const browser = (over: Partial<PasskeyBrowser> = {}): (() => Promise<PasskeyBrowser>) => async () => ({
    browserSupportsWebAuthn: () => true,
    startRegistration: async () => credential,
    startAuthentication: async () => credential,
    ...over,
  });
  beforeEach(() => {
    vi.stubGlobal('PublicKeyCredential', function PublicKeyCredential() {});
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('signs in: options, the browser’s assertion, then the backend; done', async () => {
    const calls: string[] = [];
    const client = {
      webauthn: {
        signInOptions: async () => (calls.push('options'), { status: 'OK' as const, webauthnGeneratedOptionsId: 'o1', rpId: 'x', challenge: 'c', timeout: 1, userVerification: 'preferred' as const, createdAt: 0, expiresAt: 1 }),
        signIn: async (input: { webauthnGeneratedOptionsId: string; asSecondFactor?: boolean }) => (calls.push(`signin ${input.webauthnGeneratedOptionsId} ${input.asSecondFactor}`), { status: 'OK' as const, user: {} as never }),
      },
    } as never;
    const flow = createPasskeyFlow(client, { browser: browser() });
    expect(await flow.signIn()).toBe(true);
    expect(calls).toEqual(['options', 'signin o1 false']);
    expect(flow.store.getSnapshot().done).toBe(true);
  });

  it('a cancelled prompt is an issue, and nothing is sent', async () => {
    const signIn = vi.fn();
    const client = { webauthn: { signInOptions: async () => ({ status: 'OK', webauthnGeneratedOptionsId: 'o1' }), signIn } } as never;
    const flow = createPasskeyFlow(client, { browser: browser({ startAuthentication: async () => Promise.reject(Object.assign(new Error('no'), { name: 'NotAllowedError' })) }) });
    expect(await flow.signIn()).toBe(false);
    expect(flow.store.getSnapshot().issue).toEqual({ kind: 'cancelled' });
    expect(signIn).not.toHaveBeenCalled();
  });

  it('sign-up checks the typed address before asking the browser', async () => {
    const registerOptions = vi.fn();
    const flow = createPasskeyFlow({ webauthn: { registerOptions } } as never, { browser: browser() });
    expect(await flow.signUp('  ')).toBe(false);
    expect(flow.store.getSnapshot().issue).toEqual({ kind: 'emailRequired' });
    expect(await flow.signUp('not-an-address')).toBe(false);
    expect(flow.store.getSnapshot().issue).toEqual({ kind: 'emailInvalid' });
    expect(registerOptions).not.toHaveBeenCalled();
  });

  it.each([
    ['EMAIL_ALREADY_EXISTS_ERROR', { kind: 'emailTaken' }],
    ['INVALID_CREDENTIALS_ERROR', { kind: 'wrong' }],
    ['OPTIONS_NOT_FOUND_ERROR', { kind: 'wrong' }],
  ])('sign-up answered %s', async (status, issue) => {
    const client = { webauthn: { registerOptions: async () => ({ status: 'OK', webauthnGeneratedOptionsId: 'o2' }), signUp: async () => ({ status }) } } as never;
    const flow = createPasskeyFlow(client, { browser: browser() });
    expect(await flow.signUp('a@example.com')).toBe(false);
    expect(flow.store.getSnapshot().issue).toEqual(issue);
  });

  it('adding without a recent factor asks for step-up with the factors that would do', async () => {
    const client = {
      webauthn: {
        registerOptions: async () => ({ status: 'OK', webauthnGeneratedOptionsId: 'o3' }),
        addCredential: async () => ({ status: 'INVALID_CLAIM', claimValidationErrors: [{ id: 'fk-step-up', reason: { factors: ['totp'] } }] }),
      },
    } as never;
    const flow = createPasskeyFlow(client, { browser: browser() });
    expect(await flow.add({ email: 'a@example.com', recipeUserId: 'r1' })).toBe(false);
    expect(flow.store.getSnapshot().issue).toEqual({ kind: 'stepUp', factors: ['totp'] });
  });

  it('a browser without WebAuthn: unsupported, nothing loaded', async () => {
    vi.unstubAllGlobals();
    vi.stubGlobal('PublicKeyCredential', undefined);
    const load = vi.fn(browser());
    const flow = createPasskeyFlow({ webauthn: {} } as never, { browser: load });
    expect(await flow.signIn()).toBe(false);
    expect(flow.store.getSnapshot().issue).toEqual({ kind: 'unsupported' });
    expect(load).not.toHaveBeenCalled();
  });
});
