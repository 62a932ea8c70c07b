import { describe, expect, it } from 'vitest';
import { createMagicLinkFlow, createMemoryStorage, initialMagicLinkState, magicLinkOf, magicLinkView, otpAttemptStore, reduceMagicLink, type MagicLinkEvent, type MagicLinkState } from '../../../src/core/index.ts';

/** An opened magic link without a DOM: the reducer, the view, reading the URL, the actions against a fake API. */

const here = initialMagicLinkState(true);
const elsewhere = initialMagicLinkState(false);
const failed = { kind: 'failed', error: 'down' } as const;

describe('reduceMagicLink', () => {
  it.each<[string, MagicLinkState, MagicLinkEvent, Partial<MagicLinkState>]>([
    ['using it', { ...elsewhere, issue: failed }, { type: 'CONSUME_STARTED' }, { consuming: true, issue: undefined }],
    ['signed in', { ...here, consuming: true }, { type: 'SIGNED_IN' }, { consuming: false, outcome: 'signedIn' }],
    ['expired or used', { ...here, consuming: true }, { type: 'INVALID' }, { consuming: false, outcome: 'invalid' }],
    ['could not be used', { ...here, consuming: true }, { type: 'ISSUE', issue: failed }, { consuming: false, issue: failed }],
  ])('%s', (_name, from, event, expected) => {
    expect(reduceMagicLink(from, event)).toEqual({ ...from, ...expected });
  });

  it.each<[string, MagicLinkState, MagicLinkEvent]>([
    ['twice at once', { ...here, consuming: true }, { type: 'CONSUME_STARTED' }],
    ['after it worked', { ...here, outcome: 'signedIn' }, { type: 'CONSUME_STARTED' }],
  ])('ignores %s', (_name, from, event) => {
    expect(reduceMagicLink(from, event)).toBe(from);
  });

  it.each<[string, MagicLinkState, ReturnType<typeof magicLinkView>['step']]>([
    ['the browser that asked: at once', here, 'signingIn'],
    ['another browser: ask first', elsewhere, 'confirm'],
    ['another browser, after the click', { ...elsewhere, consuming: true }, 'signingIn'],
    ['the browser that asked, after a failure: ask to retry', { ...here, issue: failed }, 'confirm'],
    ['signed in', { ...here, outcome: 'signedIn' }, 'signedIn'],
    ['dead', { ...here, outcome: 'invalid' }, 'invalid'],
  ])('view: %s', (_name, state, step) => {
    expect(magicLinkView(state).step).toBe(step);
  });
});

describe('magicLinkOf', () => {
  it.each([
    ['/auth/verify?preAuthSessionId=p1&tenantId=acme#code-1', { preAuthSessionId: 'p1', linkCode: 'code-1', tenantId: 'acme' }],
    ['https://app.example/auth/verify?preAuthSessionId=p1#code-1', { preAuthSessionId: 'p1', linkCode: 'code-1', tenantId: undefined }],
    ['/auth/verify?preAuthSessionId=p1', undefined],
    ['/auth/verify#code-1', undefined],
  ])('%s', (url, expected) => {
    expect(magicLinkOf(url)).toEqual(expected);
  });
});

describe('createMagicLinkFlow', () => {
  const attempt = { userId: '', deviceId: 'd', preAuthSessionId: 'p1', flowType: 'MAGIC_LINK' as const, contactMethod: 'EMAIL' as const, contact: 'a@example.com', sentAt: 0, expiresAt: 1, resendAvailableAt: 1 };
  const fake = (answers: unknown[]) => {
    const calls: unknown[] = [];
    const client = {
      config: { storageKeyPrefix: 'fk' },
      passwordless: { consumeLink: (input: unknown) => (calls.push(input), Promise.resolve(answers.shift())) },
    } as never;
    return { client, calls };
  };

  it('recognises the browser that asked, and forgets its attempt once signed in', async () => {
    const storage = createMemoryStorage();
    otpAttemptStore(storage, 'fk', 'otp-email').write(attempt);
    const { client, calls } = fake([{ status: 'OK', createdNewRecipeUser: false, user: {} }]);
    const flow = createMagicLinkFlow(client, { preAuthSessionId: 'p1', linkCode: 'c', tenantId: 'acme', storage });
    expect(flow.store.getSnapshot().sameBrowser).toBe(true);
    await flow.consume();
    expect(flow.store.getSnapshot().outcome).toBe('signedIn');
    expect(otpAttemptStore(storage, 'fk', 'otp-email').read('')).toBeUndefined();
    expect(calls).toEqual([{ preAuthSessionId: 'p1', linkCode: 'c', tenantId: 'acme' }]);
  });

  it('another attempt, or a signed-in user’s, is not this browser asking', () => {
    const storage = createMemoryStorage();
    otpAttemptStore(storage, 'fk', 'otp-email').write({ ...attempt, preAuthSessionId: 'other' });
    otpAttemptStore(storage, 'fk', 'otp-phone').write({ ...attempt, userId: 'u1' });
    expect(createMagicLinkFlow(fake([]).client, { preAuthSessionId: 'p1', linkCode: 'c', storage }).store.getSnapshot().sameBrowser).toBe(false);
  });

  it('a dead link and a refusal are told apart', async () => {
    const { client } = fake([{ status: 'RESTART_FLOW_ERROR' }, { status: 'SIGN_IN_UP_NOT_ALLOWED', reason: 'No.' }]);
    const dead = createMagicLinkFlow(client, { preAuthSessionId: 'p1', linkCode: 'c' });
    await dead.consume();
    expect(dead.store.getSnapshot().outcome).toBe('invalid');
    const refused = createMagicLinkFlow(client, { preAuthSessionId: 'p1', linkCode: 'c' });
    await refused.consume();
    expect(refused.store.getSnapshot().issue).toMatchObject({ kind: 'refused', refusal: { text: 'No.' } });
  });
});
