import type { AuthClient } from '../createAuthClient.ts';
import { refusalOf, type Refusal } from '../../protocol/refusal.ts';
import { codeOutcome, stepUpFactorsOf, type CodeOutcome } from './codeOutcome.ts';
import { createFlowStore, type FlowStore } from './store.ts';
import type { KeyValueStorage } from '../storage.ts';

/**
 * An authenticator app (TOTP), as a state machine: set one up (a name if wanted, the QR code and
 * secret, the first code) or verify a code from one. Shared by the TOTP screen, the settings page and
 * any custom screen (`useTotpFlow`).
 */

/** A device being set up: what the person adds to their app. */
export interface TotpNewDevice {
  deviceName: string;
  secret: string;
  qrCodeString: string;
}

/** Why creating a device did not give one. */
export type TotpCreateIssue =
  | { kind: 'nameTaken' }
  /** A new authenticator needs step-up first (`403 fk-step-up`). */
  | { kind: 'stepUp'; factors: string[] }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'failed'; error: unknown };

export interface TotpFlowState {
  /** Set up a new app, or verify a code from one; undefined until the screen knows. */
  mode: 'setup' | 'verify' | undefined;
  /** Ask for a name before creating the device. */
  askName: boolean;
  device: TotpNewDevice | undefined;
  creating: boolean;
  createIssue: TotpCreateIssue | undefined;
  verifying: boolean;
  outcome: CodeOutcome | undefined;
  verifyFailure: unknown;
  /** Wrong codes in a row (a hint about the phone's clock after a few). */
  wrongInARow: number;
  verified: boolean;
  /** The device was set up before a reload of this tab (not created on this visit). */
  resumed: boolean;
}

export type TotpFlowEvent =
  | { type: 'START'; mode: 'setup' | 'verify'; askName: boolean }
  | { type: 'CREATE_STARTED' }
  | { type: 'CREATED'; device: TotpNewDevice }
  /** A device this tab created before a reload, still unverified: the QR code already scanned stays good. */
  | { type: 'RESUMED'; device: TotpNewDevice }
  | { type: 'CREATE_ISSUE'; issue: TotpCreateIssue }
  | { type: 'VERIFY_STARTED' }
  | { type: 'VERIFY_DONE'; outcome: CodeOutcome }
  | { type: 'VERIFY_FAILED'; error: unknown }
  | { type: 'LOCK_OVER' }
  | { type: 'RESTART_SETUP' }
  | { type: 'DEVICE_DROPPED' };

export const initialTotpState: TotpFlowState = Object.freeze({
  mode: undefined,
  askName: false,
  device: undefined,
  creating: false,
  createIssue: undefined,
  verifying: false,
  outcome: undefined,
  verifyFailure: undefined,
  wrongInARow: 0,
  verified: false,
  resumed: false,
});

/** The TOTP flow's transitions: pure. */
export function reduceTotp(state: TotpFlowState, event: TotpFlowEvent): TotpFlowState {
  switch (event.type) {
    case 'START':
      if (state.mode !== undefined) return state;
      return { ...state, mode: event.mode, askName: event.askName };
    case 'CREATE_STARTED':
      if (state.creating || state.device !== undefined || state.mode !== 'setup') return state;
      return { ...state, creating: true, createIssue: undefined };
    case 'RESUMED':
      if (state.mode !== 'setup' || state.device !== undefined || state.creating || state.verified) return state;
      return { ...state, device: event.device, resumed: true };
    case 'CREATED':
      return { ...state, creating: false, device: event.device, outcome: undefined, verifyFailure: undefined };
    case 'CREATE_ISSUE':
      return { ...state, creating: false, createIssue: event.issue, askName: state.askName || event.issue.kind === 'nameTaken' };
    case 'VERIFY_STARTED':
      if (state.verifying || state.verified || (state.mode === 'setup' && state.device === undefined)) return state;
      return { ...state, verifying: true, verifyFailure: undefined };
    case 'VERIFY_DONE': {
      const o = event.outcome;
      if (o.kind === 'ok') return { ...state, verifying: false, verified: true, outcome: o };
      const wrong = o.kind === 'wrong' || o.kind === 'locked';
      return { ...state, verifying: false, outcome: o, wrongInARow: wrong ? state.wrongInARow + 1 : state.wrongInARow };
    }
    case 'VERIFY_FAILED':
      return { ...state, verifying: false, verifyFailure: event.error };
    case 'LOCK_OVER':
      return state.outcome?.kind === 'locked' ? { ...state, outcome: undefined } : state;
    case 'RESTART_SETUP':
      return { ...state, device: undefined, outcome: undefined, verifyFailure: undefined, createIssue: undefined };
    case 'DEVICE_DROPPED':
      return state.verified ? state : { ...state, device: undefined };
  }
}

/** What a screen shows, derived in one place. */
export function totpView(state: TotpFlowState, now: number) {
  const step =
    state.verified ? ('verified' as const)
    : state.mode === undefined ? ('loading' as const)
    : state.mode === 'verify' ? ('verify' as const)
    : state.device !== undefined ? ('setup' as const)
    : state.creating ? ('loading' as const)
    : state.askName || state.createIssue?.kind === 'nameTaken' ? ('name' as const)
    : state.createIssue !== undefined ? ('createFailed' as const)
    : ('loading' as const);
  return {
    /** `loading`, `name` (ask a name), `setup` (QR code and first code), `verify`, `createFailed`, `verified`. */
    step,
    lockedUntil: state.outcome?.kind === 'locked' && state.outcome.until > now ? state.outcome.until : undefined,
    /** The device was removed before it was verified: the set-up starts again. */
    deviceGone: state.outcome?.kind === 'unknownDevice',
  };
}

/**
 * Where a tab keeps the device it is setting up, so a reload shows the same QR code (the one the
 * person may already have scanned) instead of a new secret. Kept per user; cleared once the device is
 * verified or dropped, and at sign-out (`forgetOtpAttempts`).
 */
export function totpSetupStore(storage: KeyValueStorage | undefined, prefix: string) {
  const key = `${prefix}.totpSetup`;
  return {
    read(userId: string): TotpNewDevice | undefined {
      try {
        const v = JSON.parse(storage?.getItem(key) ?? 'null') as (Partial<TotpNewDevice> & { userId?: string }) | null;
        if (!v || v.userId !== userId || typeof v.deviceName !== 'string' || typeof v.secret !== 'string' || typeof v.qrCodeString !== 'string') return undefined;
        return { deviceName: v.deviceName, secret: v.secret, qrCodeString: v.qrCodeString };
      } catch {
        return undefined;
      }
    },
    write(userId: string, device: TotpNewDevice | undefined): void {
      try {
        if (device === undefined) storage?.removeItem(key);
        else storage?.setItem(key, JSON.stringify({ userId, ...device }));
      } catch {
        // Full or disabled storage: the set-up then lasts as long as the page.
      }
    },
  };
}

/** Options of {@link createTotpFlow}. */
export interface TotpFlowOptions {
  /** @default Date.now */
  now?: () => number;
  /** Where the device being set up survives a reload of the tab (with `userId`). @default none */
  storage?: KeyValueStorage;
  /** The session user's id: a set-up kept for another user is never resumed. */
  userId?: string;
  /**
   * The name of the n-th app (1, 2, …) when the person gives none, in their language ("Authenticator
   * app", "Authenticator app 2"); the next is tried while a verified device has the name. @default the backend's
   */
  defaultName?: (n: number) => string;
}

/** Makes a TOTP flow: its store, and the actions that call the API and dispatch what happened. */
export function createTotpFlow(client: Pick<AuthClient, 'totp'> & { config?: { storageKeyPrefix: string } }, options: TotpFlowOptions = {}) {
  const now = options.now ?? Date.now;
  const store: FlowStore<TotpFlowState, TotpFlowEvent> = createFlowStore(reduceTotp, initialTotpState);
  const kept = totpSetupStore(options.userId !== undefined ? options.storage : undefined, client.config?.storageKeyPrefix ?? 'fk');
  // The stored copy follows the state: the device while unverified, nothing once verified or dropped.
  let last: TotpNewDevice | undefined;
  store.subscribe(() => {
    const { device, verified } = store.getSnapshot();
    const keep = verified ? undefined : device;
    if (keep !== last) kept.write(options.userId ?? '', keep);
    last = keep;
  });

  /**
   * The wrong code that uses up the last try is answered `INVALID_TOTP_ERROR` with none left; only
   * later attempts say `LIMIT_REACHED_ERROR` and how long to wait. Ask once more at once (the backend
   * does not record refused attempts), so the person sees the lockout now, not "0 attempts left".
   */
  const settled = async <R extends { status: string }>(call: () => Promise<R>): Promise<R> => {
    const first = await call();
    const outcome = codeOutcome(first, now());
    return outcome.kind === 'wrong' && outcome.attemptsLeft === 0 ? call() : first;
  };

  const flow = {
    store,
    /** Decides the mode once (the screen knows it from the MFA info, the settings page by itself). */
    start: (mode: 'setup' | 'verify', askName = false) => store.dispatch({ type: 'START', mode, askName }),
    /**
     * Takes up the device this tab was setting up before a reload, if it kept one for this user.
     * Resolves true when it did (a device since removed on the server shows as `deviceGone` at the
     * first code, and the set-up starts again).
     */
    resume(): boolean {
      const device = kept.read(options.userId ?? '');
      return device !== undefined && store.dispatch({ type: 'RESUMED', device });
    },
    /**
     * Creates the device to set up (`POST /totp/device`), with the given name, else the default
     * names in turn (else the backend's). Resolves with why it did not, if it did not.
     */
    async create(deviceName?: string): Promise<TotpCreateIssue | undefined> {
      if (!store.dispatch({ type: 'CREATE_STARTED' })) return undefined;
      let issue: TotpCreateIssue | undefined;
      try {
        const given = deviceName || undefined;
        // A taken default name moves on to the next ("Authenticator app 2"); a taken chosen name is the person's to change.
        for (let n = 1; ; n++) {
          const name = given ?? options.defaultName?.(n);
          const answer = await client.totp.createDevice(name ? { deviceName: name } : {});
          if (answer.status === 'OK') store.dispatch({ type: 'CREATED', device: { deviceName: answer.deviceName, secret: answer.secret, qrCodeString: answer.qrCodeString } });
          else if (answer.status === 'DEVICE_ALREADY_EXISTS_ERROR') {
            if (given === undefined && name !== undefined && n < 20) continue;
            issue = { kind: 'nameTaken' };
          } else {
            const factors = stepUpFactorsOf(answer);
            issue = factors ? { kind: 'stepUp', factors } : { kind: 'refused', refusal: refusalOf(answer) };
          }
          break;
        }
      } catch (error) {
        issue = { kind: 'failed', error };
      }
      if (issue) store.dispatch({ type: 'CREATE_ISSUE', issue });
      return issue;
    },
    /** Checks a code: the new device's first (set-up), or any verified device's. */
    async verify(code: string): Promise<CodeOutcome | undefined> {
      const before = store.getSnapshot();
      if (!store.dispatch({ type: 'VERIFY_STARTED' })) return undefined;
      try {
        const device = before.device;
        const answer = device ? await settled(() => client.totp.verifyDevice({ deviceName: device.deviceName, totp: code })) : await settled(() => client.totp.verifyCode({ totp: code }));
        const outcome = codeOutcome(answer, now());
        store.dispatch({ type: 'VERIFY_DONE', outcome });
        return outcome;
      } catch (error) {
        store.dispatch({ type: 'VERIFY_FAILED', error });
        return undefined;
      }
    },
    /** Starts the set-up again with a new device (the old one was removed meanwhile). */
    async restartSetup(deviceName?: string): Promise<TotpCreateIssue | undefined> {
      store.dispatch({ type: 'RESTART_SETUP' });
      return flow.create(deviceName);
    },
    /**
     * Removes the device being set up if it was never verified (the person left): an unfinished
     * device must not linger. Safe to call more than once.
     */
    async dropUnverified(): Promise<void> {
      const { device, verified } = store.getSnapshot();
      if (!device || verified) return;
      store.dispatch({ type: 'DEVICE_DROPPED' });
      await client.totp.removeDevice({ deviceName: device.deviceName }).catch(() => undefined);
    },
    lockOver: () => store.dispatch({ type: 'LOCK_OVER' }),
  };
  return flow;
}

export type TotpFlow = ReturnType<typeof createTotpFlow>;
