import { describe, expect, it } from 'vitest';
import {
  createMemoryStorage,
  createSettingsFlow,
  initialSettingsState,
  needsStepUpFirst,
  pendingSettingsChange,
  reduceSettings,
  settingsAnchorOf,
  verifiableInPlace,
  type MFASettings,
  type SettingsChange,
  type SettingsFlowEvent,
  type SettingsFlowState,
} from '../../../src/core/index.ts';

/** Settings changes without a DOM: the reducer as a table, the rules, the actions against a fake API. */

const settings = (over: Partial<MFASettings> = {}): MFASettings => ({
  status: 'OK',
  factors: [],
  requiredSecondaryFactorsForUser: ['totp'],
  requiredSecondaryFactorsForTenant: [],
  totpDevices: [
    { name: 'Phone', verified: true, createdAt: 1 },
    { name: 'Half', verified: false, createdAt: 2 },
  ],
  emails: { 'otp-email': ['a@example.com'], emailpassword: ['a@example.com'] },
  phoneNumbers: {},
  stepUp: { maxAgeSeconds: 300, satisfiedUntil: null, factors: ['totp', 'otp-email'] },
  ...over,
});
const turnOff: SettingsChange = { kind: 'require', factorId: 'totp', required: false };
const remove: SettingsChange = { kind: 'removeDevice', deviceName: 'Phone' };
const idle = initialSettingsState;

describe('reduceSettings', () => {
  it.each<[string, SettingsFlowState, SettingsFlowEvent, Partial<SettingsFlowState>]>([
    ['a panel opens, an old failure goes', { ...idle, failure: { anchor: 'totp', cause: 'x' } }, { type: 'OPEN', panel: { kind: 'confirmRemove', deviceName: 'Phone', anchor: 'devices' } }, { panel: { kind: 'confirmRemove', deviceName: 'Phone', anchor: 'devices' }, failure: undefined }],
    ['closing', { ...idle, panel: { kind: 'finish', factorId: 'totp', anchor: 'totp' } }, { type: 'CLOSE' }, { panel: undefined }],
    ['a change on its way', { ...idle, failure: { anchor: 'totp', cause: 'x' } }, { type: 'CHANGE_STARTED', change: turnOff }, { busy: 'factor:totp', failure: undefined }],
    ['step-up in place', { ...idle, busy: 'factor:totp' }, { type: 'STEP_UP_NEEDED', change: turnOff, factors: ['totp'], elsewhere: false }, { busy: undefined, panel: { kind: 'stepUp', change: turnOff, factors: ['totp'], anchor: 'totp' } }],
    ['step-up on another screen', { ...idle, busy: 'factor:totp' }, { type: 'STEP_UP_NEEDED', change: turnOff, factors: ['totp'], elsewhere: true }, { busy: undefined, leave: { kind: 'stepUp', change: turnOff, factors: ['totp'] } }],
    ['an app’s own factor is set up on its screen', idle, { type: 'SET_UP_ELSEWHERE', factorId: 'push', change: { kind: 'require', factorId: 'push', required: true } }, { leave: { kind: 'setup', factorId: 'push', change: { kind: 'require', factorId: 'push', required: true } } }],
    ['done', { ...idle, busy: 'device:Phone', panel: { kind: 'confirmRemove', deviceName: 'Phone', anchor: 'devices' } }, { type: 'CHANGE_DONE', notice: { kind: 'deviceRemoved', deviceName: 'Phone' } }, { busy: undefined, panel: undefined, notice: { kind: 'deviceRemoved', deviceName: 'Phone' } }],
    ['done, verify to finish', { ...idle, busy: 'factor:totp' }, { type: 'CHANGE_DONE', notice: { kind: 'verifyToFinish', factorId: 'totp' }, panel: { kind: 'finish', factorId: 'totp', anchor: 'totp' } }, { busy: undefined, notice: { kind: 'verifyToFinish', factorId: 'totp' }, panel: { kind: 'finish', factorId: 'totp', anchor: 'totp' } }],
    ['failed', { ...idle, busy: 'factor:totp' }, { type: 'CHANGE_FAILED', anchor: 'totp', cause: 'down' }, { busy: undefined, failure: { anchor: 'totp', cause: 'down' } }],
    ['a notice', idle, { type: 'NOTICE', notice: { kind: 'stepUpDone' } }, { notice: { kind: 'stepUpDone' } }],
    ['left for another screen', { ...idle, leave: { kind: 'stepUp', change: turnOff, factors: [] } }, { type: 'LEFT' }, { leave: undefined }],
  ])('%s', (_name, from, event, expected) => {
    expect(reduceSettings(from, event)).toEqual({ ...from, ...expected });
  });

  it.each<[string, SettingsFlowState, SettingsFlowEvent]>([
    ['a second change while one is on its way', { ...idle, busy: 'factor:totp' }, { type: 'CHANGE_STARTED', change: remove }],
    ['closing with nothing open', idle, { type: 'CLOSE' }],
    ['leaving twice', idle, { type: 'LEFT' }],
  ])('ignores %s', (_name, from, event) => {
    expect(reduceSettings(from, event)).toBe(from);
  });
});

describe('the rules', () => {
  it.each<[string, MFASettings, SettingsChange, number, boolean]>([
    ['turning a required factor off', settings(), turnOff, 0, true],
    ['turning a factor on', settings(), { kind: 'require', factorId: 'otp-email', required: true }, 0, false],
    ['turning off one that was not on', settings(), { kind: 'require', factorId: 'otp-email', required: false }, 0, false],
    ['removing a verified app', settings(), remove, 0, true],
    ['removing an unfinished one', settings(), { kind: 'removeDevice', deviceName: 'Half' }, 0, false],
    ['any set-up (a new way in)', settings(), { kind: 'setup', factorId: 'totp' }, 0, true],
    ['within the step-up window', settings({ stepUp: { maxAgeSeconds: 300, satisfiedUntil: 10, factors: [] } }), turnOff, 9, false],
    ['the window just closed', settings({ stepUp: { maxAgeSeconds: 300, satisfiedUntil: 10, factors: [] } }), turnOff, 10, true],
  ])('step-up first: %s', (_name, s, change, now, expected) => {
    expect(needsStepUpFirst(s, change, now)).toBe(expected);
  });

  it('re-verifies in place with a verified app, a known contact, the password; not with what the account lacks', () => {
    expect(verifiableInPlace(settings(), ['totp', 'otp-email', 'otp-phone', 'emailpassword', 'push'])).toEqual(['totp', 'otp-email', 'emailpassword']);
    expect(verifiableInPlace(settings({ totpDevices: [{ name: 'Half', verified: false, createdAt: 1 }] }), ['totp'])).toEqual([]);
  });

  it.each<[SettingsChange, string]>([
    [turnOff, 'totp'],
    [remove, 'devices'],
    [{ kind: 'setup', factorId: 'totp' }, 'devices'],
    [{ kind: 'setup', factorId: 'totp', thenRequire: true }, 'totp'],
    [{ kind: 'setup', factorId: 'otp-phone' }, 'otp-phone'],
  ])('%j shows under %s', (change, anchor) => {
    expect(settingsAnchorOf(change)).toBe(anchor);
  });
});

describe('createSettingsFlow', () => {
  const fake = (s: MFASettings, answers: Record<string, unknown[]>, options: { stepUp?: 'inline' | 'redirect'; mfaDone?: boolean } = {}) => {
    const calls: [string, unknown][] = [];
    let changed = 0;
    /** Guard holds taken and not yet released. */
    let holds = 0;
    const next = (name: string) => (input: unknown) => {
      calls.push([name, input]);
      const a = answers[name]?.shift();
      if (a === undefined) return Promise.reject(new Error(`unexpected ${name}`));
      return a instanceof Error ? Promise.reject(a) : Promise.resolve(a);
    };
    const client = {
      now: () => 0,
      session: { getSnapshot: () => ({ status: 'signedIn', payload: { 'st-mfa': { c: {}, v: options.mfaDone ?? true } } }) },
      mfaSettings: { addRequiredFactor: next('add'), removeRequiredFactor: next('remove') },
      totp: { removeDevice: next('removeDevice') },
      mfa: { getInfo: next('info') },
    } as never;
    const holdGuard = () => {
      holds++;
      let released = false;
      return () => {
        if (!released) holds--;
        released = true;
      };
    };
    const flow = createSettingsFlow(client, { settings: () => s, stepUp: options.stepUp, hasScreen: (id) => id === 'totp' || id === 'push', onChanged: () => void changed++, holdGuard });
    return { flow, calls, changed: () => changed, holds: () => holds };
  };
  const stepUpRefusal = { status: 'INVALID_CLAIM', claimValidationErrors: [{ id: 'fk-step-up', reason: { factors: ['otp-email'] } }] };

  it('asks step-up before a change known to need it, without a request; after step-up the change is made', async () => {
    const { flow, calls, changed } = fake(settings(), { remove: [{ status: 'OK', requiredSecondaryFactorsForUser: [] }] });
    await flow.toggle({ id: 'totp', canBeRequired: true }, false);
    expect(flow.store.getSnapshot().panel).toEqual({ kind: 'stepUp', change: turnOff, factors: ['totp', 'otp-email'], anchor: 'totp' });
    expect(calls).toEqual([]);
    await flow.stepUpDone(turnOff);
    expect(calls).toEqual([['remove', { factorId: 'totp' }]]);
    expect(flow.store.getSnapshot()).toMatchObject({ panel: undefined, busy: undefined, notice: { kind: 'turnedOff', factorId: 'totp' } });
    expect(changed()).toBe(1);
  });

  it('a refusal for want of step-up (the window closed meanwhile) opens it with the factors the backend names', async () => {
    const s = settings({ stepUp: { maxAgeSeconds: 300, satisfiedUntil: 10, factors: ['totp'] } });
    const { flow, calls, changed } = fake(s, { removeDevice: [stepUpRefusal] });
    await flow.perform(remove);
    expect(flow.store.getSnapshot().panel).toEqual({ kind: 'stepUp', change: remove, factors: ['otp-email'], anchor: 'devices' });
    expect(calls).toEqual([['removeDevice', { deviceName: 'Phone' }]]);
    expect(changed()).toBe(0);
  });

  it('in redirect mode, step-up is on the factor’s screen', async () => {
    const { flow } = fake(settings(), {}, { stepUp: 'redirect' });
    await flow.perform(remove);
    expect(flow.store.getSnapshot()).toMatchObject({ panel: undefined, leave: { kind: 'stepUp', change: remove, factors: ['totp', 'otp-email'] } });
  });

  it('turning on a factor that is not set up sets it up first (in place, or on an app’s screen), then turns it on', async () => {
    const s = settings({ stepUp: { maxAgeSeconds: 300, satisfiedUntil: 10, factors: [] } });
    const { flow, calls } = fake(s, { add: [{ status: 'FACTOR_SETUP_REQUIRED', factorId: 'otp-phone' }, { status: 'OK', requiredSecondaryFactorsForUser: ['otp-phone'] }] });
    await flow.toggle({ id: 'otp-phone', canBeRequired: true }, true);
    const panel = flow.store.getSnapshot().panel;
    expect(panel).toEqual({ kind: 'setup', factorId: 'otp-phone', thenRequire: true, anchor: 'otp-phone' });
    await flow.setupDone(panel as never, { kind: 'contactAdded', contact: '+441234567890' });
    expect(calls).toEqual([
      ['add', { factorId: 'otp-phone' }],
      ['add', { factorId: 'otp-phone' }],
    ]);
    expect(flow.store.getSnapshot()).toMatchObject({ panel: undefined, notice: { kind: 'turnedOn', factorId: 'otp-phone' } });

    await flow.toggle({ id: 'push', canBeRequired: false }, true);
    expect(flow.store.getSnapshot().leave).toEqual({ kind: 'setup', factorId: 'push', change: { kind: 'require', factorId: 'push', required: true } });
    await flow.toggle({ id: 'smoke-signal', canBeRequired: false }, true);
    expect(flow.store.getSnapshot().failure?.anchor).toBe('smoke-signal');
  });

  it('a factor turned on applies to this session at once: verify it to finish, with the guards held meanwhile', async () => {
    const { flow, holds } = fake(settings(), { add: [{ status: 'OK', requiredSecondaryFactorsForUser: ['otp-email'] }] }, { mfaDone: false });
    await flow.perform({ kind: 'require', factorId: 'otp-email', required: true });
    expect(flow.store.getSnapshot()).toMatchObject({ panel: { kind: 'finish', factorId: 'otp-email', anchor: 'otp-email' }, notice: { kind: 'verifyToFinish', factorId: 'otp-email' } });
    expect(holds()).toBe(1);
    flow.finishDone('otp-email');
    expect(flow.store.getSnapshot()).toMatchObject({ panel: undefined, notice: { kind: 'turnedOn', factorId: 'otp-email' } });
    expect(holds()).toBe(0);
  });

  it('turning off the factor this session was verified with (S5): says why and asks for the one left, in place', async () => {
    const s = settings({ stepUp: { maxAgeSeconds: 300, satisfiedUntil: 10, factors: ['totp'] } });
    const { flow, calls, holds } = fake(s, { remove: [{ status: 'OK', requiredSecondaryFactorsForUser: ['otp-email'] }], info: [{ status: 'OK', factors: { next: ['otp-email'], alreadySetup: [], allowedToSetup: [] } }] }, { mfaDone: false });
    await flow.perform(turnOff);
    expect(calls.map(([name]) => name)).toEqual(['remove', 'info']);
    expect(flow.store.getSnapshot()).toMatchObject({
      panel: { kind: 'finish', factorId: 'otp-email', anchor: 'totp', after: { kind: 'turnedOff', factorId: 'totp' } },
      notice: { kind: 'verifyToContinue', factorId: 'otp-email' },
    });
    expect(holds()).toBe(1);
    flow.finishDone('otp-email');
    expect(flow.store.getSnapshot()).toMatchObject({ panel: undefined, notice: { kind: 'turnedOff', factorId: 'totp' } });
    expect(holds()).toBe(0);
  });

  it('when the factor now needed cannot be verified here, the hold ends and the guards take over; leaving the page ends it too', async () => {
    const s = settings({ stepUp: { maxAgeSeconds: 300, satisfiedUntil: 10, factors: ['totp'] } });
    const { flow, holds } = fake(
      s,
      {
        remove: [{ status: 'OK', requiredSecondaryFactorsForUser: [] }],
        removeDevice: [{ status: 'OK', didDeviceExist: true }],
        info: [
          { status: 'OK', factors: { next: ['push'], alreadySetup: [], allowedToSetup: [] } },
          { status: 'OK', factors: { next: ['otp-email'], alreadySetup: [], allowedToSetup: [] } },
        ],
      },
      { mfaDone: false },
    );
    await flow.perform(turnOff);
    expect(flow.store.getSnapshot()).toMatchObject({ panel: undefined, notice: { kind: 'turnedOff', factorId: 'totp' } });
    expect(holds()).toBe(0);
    await flow.perform(remove);
    expect(flow.store.getSnapshot().panel).toMatchObject({ kind: 'finish', factorId: 'otp-email', anchor: 'devices', after: { kind: 'deviceRemoved', deviceName: 'Phone' } });
    expect(holds()).toBe(1);
    flow.dispose();
    expect(holds()).toBe(0);
  });

  it('a change that leaves the session complete holds the guards only while on its way', async () => {
    const { flow, holds } = fake(settings({ stepUp: { maxAgeSeconds: 300, satisfiedUntil: 10, factors: ['totp'] } }), { remove: [{ status: 'OK', requiredSecondaryFactorsForUser: [] }] });
    const on = flow.perform(turnOff);
    expect(holds()).toBe(1);
    await on;
    expect(holds()).toBe(0);
    expect(flow.store.getSnapshot().notice).toEqual({ kind: 'turnedOff', factorId: 'totp' });
  });

  it('one change at a time; a failure shows under its anchor', async () => {
    let release: (v: unknown) => void = () => {};
    const calls: string[] = [];
    const client = {
      now: () => 0,
      session: { getSnapshot: () => ({ status: 'signedOut' }) },
      mfaSettings: { addRequiredFactor: () => (calls.push('add'), new Promise((resolve) => (release = resolve))), removeRequiredFactor: () => Promise.reject(new TypeError('offline')) },
      totp: {},
    } as never;
    const flow = createSettingsFlow(client, { settings: () => settings(), hasScreen: () => true });
    const first = flow.perform({ kind: 'require', factorId: 'otp-email', required: true });
    await flow.perform({ kind: 'require', factorId: 'otp-email', required: true });
    release({ status: 'GENERAL_ERROR', message: 'No.' });
    await first;
    expect(calls).toEqual(['add']);
    expect(flow.store.getSnapshot().failure).toEqual({ anchor: 'otp-email', cause: { status: 'GENERAL_ERROR', message: 'No.' } });
    await flow.perform({ kind: 'require', factorId: 'otp-email', required: false }, { afterStepUp: true });
    expect(flow.store.getSnapshot().failure?.cause).toBeInstanceOf(TypeError);
  });
});

describe('pendingSettingsChange', () => {
  it('keeps a change for its user for fifteen minutes, once', () => {
    const storage = createMemoryStorage();
    let t = 0;
    const pending = pendingSettingsChange(storage, 'fk', () => t);
    pending.save('u', turnOff);
    expect(pending.take('someone-else')).toBeUndefined();
    pending.save('u', turnOff);
    expect(pending.take('u')).toEqual(turnOff);
    expect(pending.take('u')).toBeUndefined();
    pending.save('u', remove);
    t = 15 * 60_000 + 1;
    expect(pending.take('u')).toBeUndefined();
  });

  it('ignores what it cannot read', () => {
    const storage = createMemoryStorage();
    storage.setItem('fk.settingsPendingChange', JSON.stringify({ userId: 'u', at: 0, change: { kind: 'require', factorId: 1 } }));
    expect(pendingSettingsChange(storage, 'fk', () => 0).take('u')).toBeUndefined();
    storage.setItem('fk.settingsPendingChange', '{');
    expect(pendingSettingsChange(storage, 'fk', () => 0).take('u')).toBeUndefined();
  });
});
