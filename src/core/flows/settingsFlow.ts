import type { AuthClient } from '../createAuthClient.ts';
import type { MFASettings, MFASettingsFactor } from '../api/mfaSettings.ts';
import { MultiFactorAuthClaim } from '../claims/mfaClaim.ts';
import type { KeyValueStorage } from '../storage.ts';
import { stepUpFactorsOf } from './codeOutcome.ts';
import { createFlowStore, type FlowStore } from './store.ts';

/**
 * Changes on the MFA settings page, as a state machine: turning a factor on or off, setting one up
 * (a new authenticator app, address or phone number), removing an authenticator, and the step-up
 * every change that adds or removes a way in needs first. Shared by the settings screen and any
 * custom one (`useSettingsFlow`).
 */

/** A change the person asked for. */
export type SettingsChange =
  | { kind: 'require'; factorId: string; required: boolean }
  | { kind: 'removeDevice'; deviceName: string }
  | { kind: 'setup'; factorId: string; thenRequire?: boolean }
  /** A new set of recovery codes (the old set stops working). */
  | { kind: 'recoveryCodes' };

/**
 * What opens in place, under its `anchor` (a factor id, or `devices`): re-verify before a change,
 * set a factor up, confirm a removal, or verify a factor just turned on (it applies to this session).
 */
export type SettingsPanel =
  | { kind: 'stepUp'; change: SettingsChange; factors: string[]; anchor: string }
  | { kind: 'setup'; factorId: string; thenRequire?: boolean; anchor: string }
  | { kind: 'confirmRemove'; deviceName: string; anchor: string }
  | {
      kind: 'finish';
      /** The factor this session must now complete. */
      factorId: string;
      anchor: string;
      /**
       * What the change was, announced once the factor is verified: the factor turned on (the
       * default), or another change (turning one off, removing an app) that left this session short.
       */
      after?: SettingsNotice;
    }
  | { kind: 'changePassword'; anchor: string }
  /** A new set of recovery codes, shown this once. */
  | { kind: 'recoveryCodes'; codes: string[]; anchor: string };

/** What happened, for a polite announcement. */
export type SettingsNotice =
  | { kind: 'turnedOn' | 'turnedOff' | 'verifyToFinish' | 'verifyToContinue'; factorId: string }
  | { kind: 'deviceRemoved' | 'deviceAdded'; deviceName: string }
  | { kind: 'contactAdded'; contact: string }
  | { kind: 'stepUpDone' }
  | { kind: 'passwordChanged' }
  | { kind: 'recoveryCodesMade' };

/**
 * A page the person must visit (the view navigates, then clears it with `left()`): re-verify on a
 * factor's own screen, or set up a factor this page cannot (an app's own), then come back.
 */
export type SettingsLeave = { kind: 'stepUp'; change: SettingsChange; factors: string[] } | { kind: 'setup'; factorId: string; change: SettingsChange };

export interface SettingsFlowState {
  panel: SettingsPanel | undefined;
  /** The change on its way (its {@link settingsChangeKey}). */
  busy: string | undefined;
  /** Why the last change did not happen, under its anchor: a non-OK answer, or what was thrown. */
  failure: { anchor: string; cause: unknown } | undefined;
  notice: SettingsNotice | undefined;
  leave: SettingsLeave | undefined;
}

export type SettingsFlowEvent =
  | { type: 'OPEN'; panel: SettingsPanel }
  | { type: 'CLOSE' }
  | { type: 'CHANGE_STARTED'; change: SettingsChange }
  | { type: 'STEP_UP_NEEDED'; change: SettingsChange; factors: string[]; elsewhere: boolean }
  | { type: 'SET_UP_ELSEWHERE'; factorId: string; change: SettingsChange }
  | { type: 'CHANGE_DONE'; notice: SettingsNotice; panel?: SettingsPanel }
  | { type: 'CHANGE_FAILED'; anchor: string; cause: unknown }
  | { type: 'NOTICE'; notice: SettingsNotice }
  | { type: 'LEFT' };

export const initialSettingsState: SettingsFlowState = Object.freeze({ panel: undefined, busy: undefined, failure: undefined, notice: undefined, leave: undefined });

/** The key of a change: at most one of each is on its way, and its button shows it. */
export function settingsChangeKey(change: SettingsChange): string {
  switch (change.kind) {
    case 'require':
      return `factor:${change.factorId}`;
    case 'setup':
      return `setup:${change.factorId}`;
    case 'removeDevice':
      return `device:${change.deviceName}`;
    case 'recoveryCodes':
      return SETTINGS_RECOVERY_ANCHOR;
  }
}

/** Where a change's panel and messages show: under its factor, or in the devices section. */
export function settingsAnchorOf(change: SettingsChange): string {
  if (change.kind === 'removeDevice') return SETTINGS_DEVICES_ANCHOR;
  if (change.kind === 'recoveryCodes') return SETTINGS_RECOVERY_ANCHOR;
  if (change.kind === 'setup' && change.factorId === 'totp' && !change.thenRequire) return SETTINGS_DEVICES_ANCHOR;
  return change.factorId;
}

/** The anchor of the authenticator-apps section. */
export const SETTINGS_DEVICES_ANCHOR = 'devices';
/** The anchor of the password section. */
export const SETTINGS_PASSWORD_ANCHOR = 'password';
/** The anchor of the recovery-codes section. */
export const SETTINGS_RECOVERY_ANCHOR = 'recovery-codes';

const EMAIL_FACTORS = ['otp-email', 'link-email'];
const PHONE_FACTORS = ['otp-phone', 'link-phone'];

/** The address or number a code factor sends to, if the account has one. */
export function settingsContactOf(settings: MFASettings, factorId: string): string | undefined {
  if (EMAIL_FACTORS.includes(factorId)) return settings.emails[factorId]?.[0];
  if (PHONE_FACTORS.includes(factorId)) return settings.phoneNumbers[factorId]?.[0];
  return undefined;
}

/** Whether the settings page sets this factor up itself (an authenticator app, an address, a number). */
export function setsUpInPlace(factorId: string): boolean {
  return factorId === 'totp' || EMAIL_FACTORS.includes(factorId) || PHONE_FACTORS.includes(factorId);
}

/** Of `factorIds`, those the person can re-verify with in place: a verified app, a passkey, a contact to send a code to, the password. */
export function verifiableInPlace(settings: MFASettings, factorIds: string[]): string[] {
  return factorIds.filter((id) =>
    id === 'totp'
      ? settings.totpDevices.some((d) => d.verified)
      : id === 'webauthn'
        ? settings.factors.some((f) => f.id === 'webauthn' && f.setUp)
        : id === 'emailpassword'
          ? settings.emails.emailpassword?.[0] !== undefined
          : settingsContactOf(settings, id) !== undefined,
  );
}

/**
 * Whether a change is known to need step-up before it is sent (rather than a request bound to be
 * refused): every change that adds or removes a way in, while no factor was proven recently.
 */
export function needsStepUpFirst(settings: MFASettings, change: SettingsChange, now: number): boolean {
  if (settings.stepUp.satisfiedUntil !== null && settings.stepUp.satisfiedUntil > now) return false;
  // A recovery code used moments ago lets this session replace what was lost (not turn factors off).
  const recovering = settings.stepUp.recoveredUntil != null && settings.stepUp.recoveredUntil > now;
  if (recovering && change.kind !== 'require') return false;
  if (change.kind === 'setup') return true;
  // The first set after the first factor needs none; the backend judges (a 403 opens step-up).
  if (change.kind === 'recoveryCodes') return (settings.recoveryCodes?.total ?? 0) > 0;
  if (change.kind === 'removeDevice') return settings.totpDevices.some((d) => d.verified && d.name === change.deviceName);
  return !change.required && settings.requiredSecondaryFactorsForUser.includes(change.factorId);
}

/** The settings flow's transitions: pure. */
export function reduceSettings(state: SettingsFlowState, event: SettingsFlowEvent): SettingsFlowState {
  switch (event.type) {
    case 'OPEN':
      return { ...state, panel: event.panel, failure: undefined };
    case 'CLOSE':
      return state.panel === undefined ? state : { ...state, panel: undefined };
    case 'CHANGE_STARTED':
      if (state.busy !== undefined) return state;
      return { ...state, busy: settingsChangeKey(event.change), failure: undefined };
    case 'STEP_UP_NEEDED':
      return event.elsewhere
        ? { ...state, busy: undefined, failure: undefined, leave: { kind: 'stepUp', change: event.change, factors: event.factors } }
        : { ...state, busy: undefined, failure: undefined, panel: { kind: 'stepUp', change: event.change, factors: event.factors, anchor: settingsAnchorOf(event.change) } };
    case 'SET_UP_ELSEWHERE':
      return { ...state, busy: undefined, leave: { kind: 'setup', factorId: event.factorId, change: event.change } };
    case 'CHANGE_DONE':
      return { ...state, busy: undefined, panel: event.panel, notice: event.notice };
    case 'CHANGE_FAILED':
      return { ...state, busy: undefined, failure: { anchor: event.anchor, cause: event.cause } };
    case 'NOTICE':
      return { ...state, notice: event.notice };
    case 'LEFT':
      return state.leave === undefined ? state : { ...state, leave: undefined };
  }
}

/** Options of {@link createSettingsFlow}. */
export interface SettingsFlowOptions {
  /** The settings as last loaded (the flow reads them at each change). */
  settings: () => MFASettings | undefined;
  /** Re-verify `inline` (a panel in place) or on the factor's own screen (`redirect`). @default 'inline' */
  stepUp?: 'inline' | 'redirect';
  /** Whether the app has a screen for a factor (to re-verify or set it up there). */
  hasScreen: (factorId: string) => boolean;
  /** Called after a change was made (the view refreshes what it shows). */
  onChanged?: () => unknown;
  /**
   * Keeps the guards around the page from moving the person to an MFA screen while a change is on
   * its way and while the page asks in place for a factor the change made this session need.
   * Returns the release. (`useSettingsFlow` passes the provider's guard hold.)
   */
  holdGuard?: () => () => void;
}

/** Makes a settings flow: its store, and the actions that call the API and dispatch what happened. */
export function createSettingsFlow(client: Pick<AuthClient, 'mfaSettings' | 'totp' | 'session' | 'now' | 'mfa' | 'recoveryCodes'>, options: SettingsFlowOptions) {
  const store: FlowStore<SettingsFlowState, SettingsFlowEvent> = createFlowStore(reduceSettings, initialSettingsState);
  /** The release of the guard hold kept while a `finish` panel asks for a factor. */
  let finishing: (() => void) | undefined;
  const stopFinishing = () => {
    const release = finishing;
    finishing = undefined;
    release?.();
  };

  /** After a change left this session short: the factor to verify in place, if any can be. */
  const factorToFinish = async (change: SettingsChange, settings: MFASettings): Promise<string | undefined> => {
    if (change.kind === 'require' && change.required) return change.factorId;
    const info = await client.mfa.getInfo();
    if (info.status !== 'OK') return undefined;
    return verifiableInPlace(settings, info.factors.next)[0];
  };

  const askStepUp = (change: SettingsChange, factors: string[]): void =>
    void store.dispatch({ type: 'STEP_UP_NEEDED', change, factors, elsewhere: options.stepUp === 'redirect' && factors.length > 0 });

  const setUp = (factorId: string, then?: SettingsChange): Promise<void> => {
    if (setsUpInPlace(factorId)) return flow.perform({ kind: 'setup', factorId, ...(then && { thenRequire: true }) });
    if (!options.hasScreen(factorId)) {
      store.dispatch({ type: 'CHANGE_FAILED', anchor: factorId, cause: new Error(`No screen for ${factorId}`) });
      return Promise.resolve();
    }
    store.dispatch({ type: 'SET_UP_ELSEWHERE', factorId, change: then ?? { kind: 'require', factorId, required: true } });
    return Promise.resolve();
  };

  const flow = {
    store,
    /**
     * Makes a change: asks for step-up first when it is known to need it (`afterStepUp`: the person
     * has just re-verified, let the backend judge), sets up a factor that must be set up first, and
     * reopens step-up when the backend refuses for want of it.
     */
    async perform(change: SettingsChange, { afterStepUp = false }: { afterStepUp?: boolean } = {}): Promise<void> {
      const settings = options.settings();
      if (!settings) return;
      const anchor = settingsAnchorOf(change);
      if (!afterStepUp && needsStepUpFirst(settings, change, client.now())) return askStepUp(change, settings.stepUp.factors);
      if (change.kind === 'setup') return void store.dispatch({ type: 'OPEN', panel: { kind: 'setup', factorId: change.factorId, ...(change.thenRequire && { thenRequire: true }), anchor } });
      if (!store.dispatch({ type: 'CHANGE_STARTED', change })) return;
      // The answer may leave this session short of a factor: the guards wait while the page asks.
      stopFinishing();
      const release = options.holdGuard?.();
      try {
        if (change.kind === 'recoveryCodes') {
          const made = await client.recoveryCodes.generate();
          const factors = stepUpFactorsOf(made as { status: string });
          if (factors) return askStepUp(change, factors.length > 0 ? factors : settings.stepUp.factors);
          if (made.status !== 'OK') return void store.dispatch({ type: 'CHANGE_FAILED', anchor, cause: made });
          await options.onChanged?.();
          return void store.dispatch({ type: 'CHANGE_DONE', notice: { kind: 'recoveryCodesMade' }, panel: { kind: 'recoveryCodes', codes: made.codes, anchor } });
        }
        const answer =
          change.kind === 'removeDevice'
            ? await client.totp.removeDevice({ deviceName: change.deviceName })
            : change.required
              ? await client.mfaSettings.addRequiredFactor({ factorId: change.factorId })
              : await client.mfaSettings.removeRequiredFactor({ factorId: change.factorId });
        const stepUpFactors = stepUpFactorsOf(answer as { status: string });
        if (stepUpFactors) return askStepUp(change, stepUpFactors.length > 0 ? stepUpFactors : settings.stepUp.factors);
        if (answer.status === 'FACTOR_SETUP_REQUIRED' && 'factorId' in answer) {
          store.dispatch({ type: 'CLOSE' });
          return setUp(answer.factorId, change);
        }
        if (answer.status !== 'OK') return void store.dispatch({ type: 'CHANGE_FAILED', anchor, cause: answer });
        await options.onChanged?.();
        const done: SettingsNotice =
          change.kind === 'removeDevice' ? { kind: 'deviceRemoved', deviceName: change.deviceName } : { kind: change.required ? 'turnedOn' : 'turnedOff', factorId: change.factorId };
        const snapshot = client.session.getSnapshot();
        const mfa = snapshot.status === 'signedIn' ? MultiFactorAuthClaim.getValueFromPayload(snapshot.payload) : undefined;
        if (mfa && !mfa.v) {
          // The new rule applies to this session at once: a factor must be proven now. Ask for it
          // here, saying why, rather than leave the page; when none can be verified here, the
          // guards take the person to its screen.
          const factorId = await factorToFinish(change, settings);
          if (factorId !== undefined) {
            finishing = release;
            const turnedOn = change.kind === 'require' && change.required;
            return void store.dispatch({
              type: 'CHANGE_DONE',
              notice: { kind: turnedOn ? 'verifyToFinish' : 'verifyToContinue', factorId },
              panel: { kind: 'finish', factorId, anchor, ...(!turnedOn && { after: done }) },
            });
          }
        }
        store.dispatch({ type: 'CHANGE_DONE', notice: done });
      } catch (error) {
        store.dispatch({ type: 'CHANGE_FAILED', anchor, cause: error });
      } finally {
        if (finishing !== release) release?.();
      }
    },
    /** The switch of a factor: off, on (set it up first when it is not). */
    toggle(factor: Pick<MFASettingsFactor, 'id' | 'canBeRequired'>, on: boolean): Promise<void> {
      store.dispatch({ type: 'CLOSE' });
      const change: SettingsChange = { kind: 'require', factorId: factor.id, required: on };
      return !on || factor.canBeRequired ? flow.perform(change) : setUp(factor.id, change);
    },
    /** Sets a factor up (an authenticator app, an address, a number; an app's own factor on its screen). */
    setUp: (factorId: string) => setUp(factorId),
    /** Asks to confirm removing an authenticator app. */
    confirmRemove: (deviceName: string) => store.dispatch({ type: 'OPEN', panel: { kind: 'confirmRemove', deviceName, anchor: SETTINGS_DEVICES_ANCHOR } }),
    /** The person re-verified in the step-up panel: the change is made. */
    stepUpDone(change: SettingsChange): Promise<void> {
      store.dispatch({ type: 'NOTICE', notice: { kind: 'stepUpDone' } });
      return flow.perform(change, { afterStepUp: true });
    },
    /** A set-up panel finished (`notice`: what was added); a factor set up to be turned on is turned on. */
    setupDone(panel: Extract<SettingsPanel, { kind: 'setup' }>, notice: SettingsNotice): Promise<void> {
      store.dispatch({ type: 'CHANGE_DONE', notice });
      return panel.thenRequire ? flow.perform({ kind: 'require', factorId: panel.factorId, required: true }) : Promise.resolve();
    },
    /** A form in a set-up panel was refused for want of a recent factor (the window closed meanwhile). */
    setupNeedsStepUp(panel: Extract<SettingsPanel, { kind: 'setup' }>, factors: string[]): void {
      askStepUp({ kind: 'setup', factorId: panel.factorId, ...(panel.thenRequire && { thenRequire: true }) }, factors.length > 0 ? factors : (options.settings()?.stepUp.factors ?? []));
    },
    /** Makes a new set of recovery codes (step-up first when the account has a set already). */
    newRecoveryCodes: () => flow.perform({ kind: 'recoveryCodes' }),
    /** Opens the change of password. */
    changePassword: () => store.dispatch({ type: 'OPEN', panel: { kind: 'changePassword', anchor: SETTINGS_PASSWORD_ANCHOR } }),
    /** The password was changed. */
    passwordChanged: () => store.dispatch({ type: 'CHANGE_DONE', notice: { kind: 'passwordChanged' } }),
    /** The factor a `finish` panel asked for was verified in this session: the change is complete. */
    finishDone(factorId: string): void {
      const panel = store.getSnapshot().panel;
      const after = panel?.kind === 'finish' ? panel.after : undefined;
      store.dispatch({ type: 'CHANGE_DONE', notice: after ?? { kind: 'turnedOn', factorId } });
      stopFinishing();
    },
    /** The view is going away: the guards decide again (a factor still missing is asked on its screen). */
    dispose: stopFinishing,
    /** Re-verify on the factor's own screen instead of in place. */
    verifyElsewhere: (change: SettingsChange, factors: string[]) => store.dispatch({ type: 'STEP_UP_NEEDED', change, factors, elsewhere: true }),
    close: () => store.dispatch({ type: 'CLOSE' }),
    /** The view navigated for `leave`. */
    left: () => store.dispatch({ type: 'LEFT' }),
  };
  return flow;
}

export type SettingsFlow = ReturnType<typeof createSettingsFlow>;

interface StoredChange {
  userId: string;
  change: SettingsChange;
  at: number;
}

/** How long a change waits for the person to come back: about an email code's lifetime. */
const PENDING_MAX_AGE_MS = 15 * 60_000;

/**
 * Where a change waits while the person re-verifies or sets a factor up on another screen (a page
 * load away), so the settings page can make it on return. Ages use this device's wall clock (`now`):
 * the client's clock follows the server's and may jump when a new token arrives.
 */
export function pendingSettingsChange(storage: KeyValueStorage | undefined, prefix: string, now: () => number = Date.now) {
  const key = `${prefix}.settingsPendingChange`;
  return {
    save(userId: string, change: SettingsChange): void {
      try {
        storage?.setItem(key, JSON.stringify({ userId, change, at: now() } satisfies StoredChange));
      } catch {
        // No storage: the person makes the change again after re-verifying.
      }
    },
    /** Reads and forgets the pending change of this user, if it is recent. */
    take(userId: string): SettingsChange | undefined {
      try {
        const raw = storage?.getItem(key);
        if (!raw) return undefined;
        storage?.removeItem(key);
        const stored = JSON.parse(raw) as Partial<StoredChange>;
        if (stored.userId !== userId || typeof stored.at !== 'number' || now() - stored.at > PENDING_MAX_AGE_MS) return undefined;
        const c = stored.change as Partial<SettingsChange> | undefined;
        if (c?.kind === 'require' && typeof c.factorId === 'string' && typeof c.required === 'boolean') return { kind: 'require', factorId: c.factorId, required: c.required };
        if (c?.kind === 'removeDevice' && typeof c.deviceName === 'string') return { kind: 'removeDevice', deviceName: c.deviceName };
        if (c?.kind === 'setup' && typeof c.factorId === 'string') return { kind: 'setup', factorId: c.factorId, ...(c.thenRequire === true && { thenRequire: true }) };
        if (c?.kind === 'recoveryCodes') return { kind: 'recoveryCodes' };
        return undefined;
      } catch {
        return undefined;
      }
    },
  };
}
