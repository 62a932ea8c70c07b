import { describe, expect, it } from 'vitest';
import {
  createMemoryStorage,
  createThirdPartyCallbackFlow,
  createThirdPartyStartFlow,
  initialThirdPartyCallbackState,
  initialThirdPartyStartState,
  reduceThirdPartyCallback,
  reduceThirdPartyStart,
  type ThirdPartyCallbackEvent,
  type ThirdPartyCallbackState,
  type ThirdPartyStartEvent,
  type ThirdPartyStartState,
} from '../../../src/core/index.ts';

/** Social sign-in without a DOM: both reducers as tables, and the round trip against a fake API. */

const failed = { kind: 'failed', error: 'down' } as const;

describe('reduceThirdPartyStart', () => {
  it.each<[string, ThirdPartyStartState, ThirdPartyStartEvent, ThirdPartyStartState]>([
    ['leaving', { leavingFor: undefined, issue: { providerId: 'g', issue: failed } }, { type: 'STARTED', providerId: 'g' }, { leavingFor: 'g', issue: undefined }],
    ['could not leave', { leavingFor: 'g', issue: undefined }, { type: 'ISSUE', providerId: 'g', issue: failed }, { leavingFor: undefined, issue: { providerId: 'g', issue: failed } }],
  ])('%s', (_name, from, event, expected) => {
    expect(reduceThirdPartyStart(from, event)).toEqual(expected);
  });

  it('ignores a second provider while leaving for one', () => {
    const leaving = { ...initialThirdPartyStartState, leavingFor: 'g' };
    expect(reduceThirdPartyStart(leaving, { type: 'STARTED', providerId: 'gh' })).toBe(leaving);
  });
});

describe('reduceThirdPartyCallback', () => {
  const idle = initialThirdPartyCallbackState;
  it.each<[string, ThirdPartyCallbackState, ThirdPartyCallbackEvent, ThirdPartyCallbackState]>([
    ['working', idle, { type: 'STARTED' }, { working: true, outcome: undefined }],
    ['signed in', { working: true, outcome: undefined }, { type: 'DONE', outcome: { kind: 'signedIn' } }, { working: false, outcome: { kind: 'signedIn' } }],
    ['a retry after a network failure', { working: false, outcome: failed }, { type: 'STARTED' }, { working: true, outcome: undefined }],
  ])('%s', (_name, from, event, expected) => {
    expect(reduceThirdPartyCallback(from, event)).toEqual(expected);
  });

  it.each<[string, ThirdPartyCallbackState]>([
    ['twice at once', { working: true, outcome: undefined }],
    ['after signing in', { working: false, outcome: { kind: 'signedIn' } }],
    ['after the person said no', { working: false, outcome: { kind: 'denied' } }],
    ['after a foreign state', { working: false, outcome: { kind: 'notStartedHere' } }],
  ])('ignores a start %s', (_name, from) => {
    expect(reduceThirdPartyCallback(from, { type: 'STARTED' })).toBe(from);
  });
});

describe('the round trip', () => {
  const fake = (answers: Record<string, unknown[]>) => {
    const calls: [string, unknown][] = [];
    const next = (name: string) => (input: unknown) => {
      calls.push([name, input]);
      const a = answers[name]?.shift();
      return a instanceof Error ? Promise.reject(a) : Promise.resolve(a);
    };
    return { client: { config: { storageKeyPrefix: 'fk' }, thirdParty: { getAuthorisationURL: next('url'), signInUp: next('signInUp') } } as never, calls };
  };
  const redirectURI = (id: string) => `https://app.example/auth/callback/${id}`;

  it('adds a state to the provider’s URL, keeps it with the verifier, and the way back sends them once', async () => {
    const storage = createMemoryStorage();
    let t = 1000;
    const { client, calls } = fake({ url: [{ status: 'OK', urlWithQueryParams: 'https://idp.example/authorize?client_id=app', pkceCodeVerifier: 'v'.repeat(43) }], signInUp: [{ status: 'OK', createdNewRecipeUser: true, user: {} }] });
    const start = createThirdPartyStartFlow(client, { redirectURI, storage, now: () => t });
    const url = new URL((await start.start('idp'))!);
    const state = url.searchParams.get('state')!;
    expect(state).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('client_id')).toBe('app');

    t += 60_000;
    const back = createThirdPartyCallbackFlow(client, { providerId: 'idp', query: { code: 'c', state }, storage, now: () => t });
    await back.finish();
    expect(back.store.getSnapshot().outcome).toEqual({ kind: 'signedIn' });
    expect(calls[1]).toEqual(['signInUp', { thirdPartyId: 'idp', redirectURIOnProviderDashboard: redirectURI('idp'), redirectURIQueryParams: { code: 'c', state }, pkceCodeVerifier: 'v'.repeat(43), tenantId: undefined }]);
    // Used: the same way back again is not this tab's any more.
    const replay = createThirdPartyCallbackFlow(client, { providerId: 'idp', query: { code: 'c', state }, storage, now: () => t });
    await replay.finish();
    expect(replay.store.getSnapshot().outcome).toEqual({ kind: 'notStartedHere' });
    expect(calls).toHaveLength(2);
  });

  it.each<[string, Record<string, string>, string, number]>([
    ['another state (login CSRF)', { code: 'c', state: 'someone-elses' }, 'idp', 0],
    ['no state', { code: 'c' }, 'idp', 0],
    ['another provider', { code: 'c', state: 'KEPT' }, 'other', 0],
    ['an attempt older than ten minutes', { code: 'c', state: 'KEPT' }, 'idp', 10 * 60_000 + 1],
  ])('%s: nothing is sent', async (_name, query, providerId, later) => {
    const storage = createMemoryStorage();
    storage.setItem('fk.thirdPartyAttempt', JSON.stringify({ providerId: 'idp', state: 'KEPT', redirectURI: redirectURI('idp'), at: 0 }));
    const { client, calls } = fake({});
    const back = createThirdPartyCallbackFlow(client, { providerId, query, storage, now: () => later });
    await back.finish();
    expect(back.store.getSnapshot().outcome).toEqual({ kind: 'notStartedHere' });
    expect(calls).toEqual([]);
  });

  it.each<[string, Record<string, string>, unknown, unknown]>([
    ['the person said no', { error: 'access_denied' }, undefined, { kind: 'denied' }],
    ['another provider error', { error: 'server_error', error_description: 'oops' }, undefined, { kind: 'providerError', description: 'oops' }],
    ['no address', { code: 'c' }, { status: 'NO_EMAIL_GIVEN_BY_PROVIDER' }, { kind: 'noEmail' }],
    ['the backend refused', { code: 'c' }, { status: 'GENERAL_ERROR', message: 'Down.' }, { kind: 'refused', refusal: { code: undefined, retryAt: undefined, text: 'Down.' } }],
  ])('%s', async (_name, query, answer, outcome) => {
    const storage = createMemoryStorage();
    storage.setItem('fk.thirdPartyAttempt', JSON.stringify({ providerId: 'idp', state: 'KEPT', redirectURI: redirectURI('idp'), at: 0 }));
    const { client } = fake({ signInUp: [answer] });
    const back = createThirdPartyCallbackFlow(client, { providerId: 'idp', query: { ...query, state: 'KEPT' }, storage, now: () => 0 });
    await back.finish();
    expect(back.store.getSnapshot().outcome).toEqual(outcome);
  });

  it('a backend out of reach keeps the attempt for a retry', async () => {
    const storage = createMemoryStorage();
    storage.setItem('fk.thirdPartyAttempt', JSON.stringify({ providerId: 'idp', state: 'KEPT', redirectURI: redirectURI('idp'), at: 0 }));
    const { client, calls } = fake({ signInUp: [new TypeError('offline'), { status: 'OK', createdNewRecipeUser: false, user: {} }] });
    const back = createThirdPartyCallbackFlow(client, { providerId: 'idp', query: { code: 'c', state: 'KEPT' }, storage, now: () => 0 });
    await back.finish();
    expect(back.store.getSnapshot().outcome).toMatchObject({ kind: 'failed' });
    await back.finish();
    expect(back.store.getSnapshot().outcome).toEqual({ kind: 'signedIn' });
    expect(calls).toHaveLength(2);
  });

  it('an attempt to connect the provider keeps the page it came from, links to the session on the way back, and returns there', async () => {
    const storage = createMemoryStorage();
    const { client, calls } = fake({ url: [{ status: 'OK', urlWithQueryParams: 'https://idp.example/authorize' }], signInUp: [{ status: 'OK', createdNewRecipeUser: true, user: {} }] });
    const start = createThirdPartyStartFlow(client, { redirectURI, storage, now: () => 0 });
    const state = new URL((await start.start('idp', { connectFrom: '/account/security' }))!).searchParams.get('state')!;
    const back = createThirdPartyCallbackFlow(client, { providerId: 'idp', query: { code: 'c', state }, storage, now: () => 0 });
    expect(back.connectingFrom).toBe('/account/security');
    await back.finish();
    expect(back.store.getSnapshot().outcome).toEqual({ kind: 'connected', returnTo: '/account/security' });
    expect(calls[1]).toEqual(['signInUp', expect.objectContaining({ connectToSession: true })]);
    // Used: the attempt is gone. (A sign-in's way back sends no `connectToSession`: the first round trip above.)
    expect(storage.getItem('fk.thirdPartyAttempt')).toBeNull();
  });

  it('a provider that cannot start says why', async () => {
    const { client } = fake({ url: [{ status: 'GENERAL_ERROR', message: 'Down Corp cannot be reached right now.' }] });
    const start = createThirdPartyStartFlow(client, { redirectURI, storage: createMemoryStorage() });
    expect(await start.start('down')).toBeUndefined();
    expect(start.store.getSnapshot()).toEqual({ leavingFor: undefined, issue: { providerId: 'down', issue: { kind: 'refused', refusal: { code: undefined, retryAt: undefined, text: 'Down Corp cannot be reached right now.' } } } });
  });
});
