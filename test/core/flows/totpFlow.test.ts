import { describe, expect, it } from 'vitest';
import { createTotpFlow, initialTotpState, reduceTotp, totpView, type TotpFlowEvent, type TotpFlowState } from '../../../src/core/index.ts';

/** The authenticator-app flow without a DOM: the reducer as a table, the derived view, the actions against a fake API. */

const device = { deviceName: 'Phone', secret: 'S', qrCodeString: 'otpauth://totp/x' };
const setup: TotpFlowState = { ...initialTotpState, mode: 'setup' };
const settingUp: TotpFlowState = { ...setup, device };
const verify: TotpFlowState = { ...initialTotpState, mode: 'verify' };
const refusal = { code: undefined, retryAt: undefined, text: 'No.' };

describe('reduceTotp', () => {
  it.each<[string, TotpFlowState, TotpFlowEvent, Partial<TotpFlowState>]>([
    ['the mode is decided once', initialTotpState, { type: 'START', mode: 'setup', askName: true }, { mode: 'setup', askName: true }],
    ['creating', { ...setup, createIssue: { kind: 'failed', error: 'x' } }, { type: 'CREATE_STARTED' }, { creating: true, createIssue: undefined }],
    ['created: the QR code step', { ...setup, creating: true }, { type: 'CREATED', device }, { creating: false, device }],
    ['a taken name asks for another', { ...setup, creating: true }, { type: 'CREATE_ISSUE', issue: { kind: 'nameTaken' } }, { creating: false, createIssue: { kind: 'nameTaken' }, askName: true }],
    ['step-up first', { ...setup, creating: true }, { type: 'CREATE_ISSUE', issue: { kind: 'stepUp', factors: ['otp-email'] } }, { creating: false, createIssue: { kind: 'stepUp', factors: ['otp-email'] } }],
    ['checking a code', settingUp, { type: 'VERIFY_STARTED' }, { verifying: true }],
    ['the right code', { ...settingUp, verifying: true }, { type: 'VERIFY_DONE', outcome: { kind: 'ok' } }, { verifying: false, verified: true, outcome: { kind: 'ok' } }],
    ['a wrong code counts in a row', { ...verify, verifying: true, wrongInARow: 2 }, { type: 'VERIFY_DONE', outcome: { kind: 'wrong', attemptsLeft: 1 } }, { verifying: false, outcome: { kind: 'wrong', attemptsLeft: 1 }, wrongInARow: 3 }],
    ['a lockout counts as wrong too', { ...verify, verifying: true }, { type: 'VERIFY_DONE', outcome: { kind: 'locked', until: 9 } }, { verifying: false, outcome: { kind: 'locked', until: 9 }, wrongInARow: 1 }],
    ['a refusal is not a wrong code', { ...verify, verifying: true, wrongInARow: 2 }, { type: 'VERIFY_DONE', outcome: { kind: 'refused', refusal } }, { verifying: false, outcome: { kind: 'refused', refusal } }],
    ['network failure while checking', { ...verify, verifying: true }, { type: 'VERIFY_FAILED', error: 'down' }, { verifying: false, verifyFailure: 'down' }],
    ['the lockout is over', { ...verify, outcome: { kind: 'locked', until: 9 } }, { type: 'LOCK_OVER' }, { outcome: undefined }],
    ['set-up starts again', { ...settingUp, outcome: { kind: 'unknownDevice' }, verifyFailure: 'x' }, { type: 'RESTART_SETUP' }, { device: undefined, outcome: undefined, verifyFailure: undefined }],
    ['an unfinished device is dropped', settingUp, { type: 'DEVICE_DROPPED' }, { device: undefined }],
    ['a set-up from before a reload comes back', setup, { type: 'RESUMED', device }, { device, resumed: true }],
  ])('%s', (_name, from, event, expected) => {
    expect(reduceTotp(from, event)).toEqual({ ...from, ...expected });
  });

  it.each<[string, TotpFlowState, TotpFlowEvent]>([
    ['a second START', setup, { type: 'START', mode: 'verify', askName: false }],
    ['creating while verifying', verify, { type: 'CREATE_STARTED' }],
    ['creating twice', { ...setup, creating: true }, { type: 'CREATE_STARTED' }],
    ['creating with a device already', settingUp, { type: 'CREATE_STARTED' }],
    ['checking before the device exists', setup, { type: 'VERIFY_STARTED' }],
    ['a second check in flight', { ...verify, verifying: true }, { type: 'VERIFY_STARTED' }],
    ['checking after success', { ...verify, verified: true }, { type: 'VERIFY_STARTED' }],
    ['a lockout that is not there', verify, { type: 'LOCK_OVER' }],
    ['dropping a verified device', { ...settingUp, verified: true }, { type: 'DEVICE_DROPPED' }],
    ['resuming in verify mode', verify, { type: 'RESUMED', device }],
    ['resuming over a device', settingUp, { type: 'RESUMED', device: { ...device, secret: 'T' } }],
  ])('ignores %s', (_name, from, event) => {
    expect(reduceTotp(from, event)).toBe(from);
  });
});

describe('totpView', () => {
  it.each<[string, TotpFlowState, Partial<ReturnType<typeof totpView>>]>([
    ['mode unknown', initialTotpState, { step: 'loading' }],
    ['creating', { ...setup, creating: true }, { step: 'loading' }],
    ['asks a name', { ...setup, askName: true }, { step: 'name' }],
    ['a taken name asks again', { ...setup, createIssue: { kind: 'nameTaken' } }, { step: 'name' }],
    ['creating failed', { ...setup, createIssue: { kind: 'failed', error: 'x' } }, { step: 'createFailed' }],
    ['QR code', settingUp, { step: 'setup' }],
    ['verify', verify, { step: 'verify' }],
    ['locked for now', { ...verify, outcome: { kind: 'locked', until: 30 } }, { lockedUntil: 30 }],
    ['a lockout in the past', { ...verify, outcome: { kind: 'locked', until: 20 } }, { lockedUntil: undefined }],
    ['the device went away', { ...settingUp, outcome: { kind: 'unknownDevice' } }, { deviceGone: true }],
    ['done', { ...verify, verified: true }, { step: 'verified' }],
  ])('%s', (_name, state, expected) => {
    expect(totpView(state, 20)).toMatchObject(expected);
  });
});

describe('createTotpFlow', () => {
  const fake = (answers: Record<string, unknown[]>) => {
    const calls: [string, unknown][] = [];
    const next = (name: string) => (body?: unknown) => {
      calls.push([name, body]);
      const a = answers[name]?.shift();
      if (a === undefined) return Promise.reject(new Error(`unexpected ${name}`));
      return a instanceof Error ? Promise.reject(a) : Promise.resolve(a);
    };
    const client = { totp: { createDevice: next('createDevice'), verifyDevice: next('verifyDevice'), verifyCode: next('verifyCode'), removeDevice: next('removeDevice') } } as never;
    return { client, calls };
  };

  it('sets up: creates the device, checks its first code against that device, and leaves nothing behind when left unfinished', async () => {
    const { client, calls } = fake({
      createDevice: [{ status: 'OK', deviceName: 'Phone', secret: 'S', qrCodeString: 'q' }],
      verifyDevice: [{ status: 'INVALID_TOTP_ERROR', currentNumberOfFailedAttempts: 1, maxNumberOfFailedAttempts: 5 }],
      removeDevice: [{ status: 'OK', didDeviceExist: true }],
    });
    const flow = createTotpFlow(client);
    flow.start('setup');
    expect(await flow.create('Phone')).toBeUndefined();
    expect(totpView(flow.store.getSnapshot(), 0).step).toBe('setup');
    expect(await flow.verify('000000')).toEqual({ kind: 'wrong', attemptsLeft: 4 });
    await flow.dropUnverified();
    await flow.dropUnverified();
    expect(calls).toEqual([
      ['createDevice', { deviceName: 'Phone' }],
      ['verifyDevice', { deviceName: 'Phone', totp: '000000' }],
      ['removeDevice', { deviceName: 'Phone' }],
    ]);
  });

  it('the wrong code that uses the last try shows the lockout at once, with its wait', async () => {
    const { client, calls } = fake({
      verifyCode: [
        { status: 'INVALID_TOTP_ERROR', currentNumberOfFailedAttempts: 5, maxNumberOfFailedAttempts: 5 },
        { status: 'LIMIT_REACHED_ERROR', retryAfterMs: 60_000 },
      ],
    });
    const flow = createTotpFlow(client, { now: () => 1000 });
    flow.start('verify');
    expect(await flow.verify('111111')).toEqual({ kind: 'locked', until: 61_000 });
    expect(totpView(flow.store.getSnapshot(), 1000).lockedUntil).toBe(61_000);
    expect(calls.map(([name]) => name)).toEqual(['verifyCode', 'verifyCode']);
  });

  it('a verified device is never removed when the person leaves', async () => {
    const { client, calls } = fake({
      createDevice: [{ status: 'OK', deviceName: 'Phone', secret: 'S', qrCodeString: 'q' }],
      verifyDevice: [{ status: 'OK', wasAlreadyVerified: false }],
    });
    const flow = createTotpFlow(client);
    flow.start('setup');
    await flow.create();
    expect(await flow.verify('123456')).toEqual({ kind: 'ok' });
    await flow.dropUnverified();
    expect(calls.map(([name]) => name)).toEqual(['createDevice', 'verifyDevice']);
  });

  it('creating says why it did not: a taken name, step-up first, a refusal, a network failure', async () => {
    const { client } = fake({
      createDevice: [
        { status: 'DEVICE_ALREADY_EXISTS_ERROR' },
        { status: 'INVALID_CLAIM', claimValidationErrors: [{ id: 'fk-step-up', reason: { factors: ['otp-email'] } }] },
        { status: 'GENERAL_ERROR', message: 'Not now.' },
        new TypeError('offline'),
      ],
    });
    const flow = createTotpFlow(client);
    flow.start('setup');
    expect(await flow.create('Phone')).toEqual({ kind: 'nameTaken' });
    expect(totpView(flow.store.getSnapshot(), 0).step).toBe('name');
    expect(await flow.create('Phone')).toEqual({ kind: 'stepUp', factors: ['otp-email'] });
    expect(await flow.create('Phone')).toMatchObject({ kind: 'refused', refusal: { text: 'Not now.' } });
    expect(await flow.create('Phone')).toMatchObject({ kind: 'failed' });
  });

  it('a device removed meanwhile is set up again with a new one', async () => {
    const { client, calls } = fake({
      createDevice: [
        { status: 'OK', deviceName: 'Phone', secret: 'S1', qrCodeString: 'q1' },
        { status: 'OK', deviceName: 'Phone', secret: 'S2', qrCodeString: 'q2' },
      ],
      verifyDevice: [{ status: 'UNKNOWN_DEVICE_ERROR' }],
    });
    const flow = createTotpFlow(client);
    flow.start('setup');
    await flow.create('Phone');
    await flow.verify('123456');
    expect(totpView(flow.store.getSnapshot(), 0).deviceGone).toBe(true);
    await flow.restartSetup('Phone');
    expect(flow.store.getSnapshot().device?.secret).toBe('S2');
    expect(calls.map(([name]) => name)).toEqual(['createDevice', 'verifyDevice', 'createDevice']);
  });
});

describe('createTotpFlow, kept in the tab', () => {
  const storage = () => {
    const map = new Map<string, string>();
    return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k), map };
  };
  const client = (names: string[]) => ({
    config: { storageKeyPrefix: 'fk' },
    totp: {
      createDevice: async ({ deviceName }: { deviceName: string }) => (names.includes(deviceName) ? { status: 'DEVICE_ALREADY_EXISTS_ERROR' } : { status: 'OK', deviceName, secret: `S-${deviceName}`, qrCodeString: 'q' }),
      verifyDevice: async () => ({ status: 'OK', wasAlreadyVerified: false }),
      removeDevice: async () => ({ status: 'OK', didDeviceExist: true }),
    },
  }) as never;

  it('a reload resumes the same device for the same user only; verifying forgets it', async () => {
    const tab = storage();
    const before = createTotpFlow(client([]), { storage: tab, userId: 'u1', defaultName: (n) => (n === 1 ? 'App' : `App ${n}`) });
    before.start('setup');
    await before.create();
    expect(JSON.parse(tab.map.get('fk.totpSetup')!)).toMatchObject({ userId: 'u1', deviceName: 'App', secret: 'S-App' });
    const otherUser = createTotpFlow(client([]), { storage: tab, userId: 'u2' });
    otherUser.start('setup');
    expect(otherUser.resume()).toBe(false);
    const after = createTotpFlow(client([]), { storage: tab, userId: 'u1' });
    after.start('setup');
    expect(after.resume()).toBe(true);
    expect(after.store.getSnapshot().device).toEqual({ deviceName: 'App', secret: 'S-App', qrCodeString: 'q' });
    await after.verify('123456');
    expect(tab.map.size).toBe(0);
  });

  it('default names move on past taken ones; a chosen name that is taken is the person\'s to change', async () => {
    const flow = createTotpFlow(client(['App', 'App 2']), { defaultName: (n) => (n === 1 ? 'App' : `App ${n}`) });
    flow.start('setup');
    await flow.create();
    expect(flow.store.getSnapshot().device?.deviceName).toBe('App 3');
    const chosen = createTotpFlow(client(['Work']), { defaultName: (n) => `App ${n}` });
    chosen.start('setup');
    expect(await chosen.create('Work')).toEqual({ kind: 'nameTaken' });
  });
});

describe('createTotpFlow, twice at once', () => {
  it('a double click creates one device and checks one code', async () => {
    const calls: string[] = [];
    let release: (v: unknown) => void = () => {};
    const held = new Promise((resolve) => (release = resolve));
    const client = {
      totp: {
        createDevice: () => (calls.push('createDevice'), held),
        verifyDevice: () => (calls.push('verifyDevice'), new Promise(() => {})),
      },
    } as never;
    const flow = createTotpFlow(client);
    flow.start('setup');
    const first = flow.create();
    expect(await flow.create()).toBeUndefined();
    release({ status: 'OK', deviceName: 'Phone', secret: 'S', qrCodeString: 'q' });
    await first;
    void flow.verify('123456');
    expect(await flow.verify('123456')).toBeUndefined();
    expect(calls).toEqual(['createDevice', 'verifyDevice']);
  });
});
