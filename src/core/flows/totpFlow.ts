import type { AuthClient } from '../createAuthClient.ts';
import { refusalOf, type Refusal } from '../../protocol/refusal.ts';
import { codeOutcome, stepUpFactorsOf, type CodeOutcome } from './codeOutcome.ts';
import { createFlowStore, type FlowStore } from './store.ts';

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
}

export type TotpFlowEvent =
  | { type: 'START'; mode: 'setup' | 'verify'; askName: boolean }
  | { type: 'CREATE_STARTED' }
  | { type: 'CREATED'; device: TotpNewDevice }
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

/** Options of {@link createTotpFlow}. */
export interface TotpFlowOptions {
  /** @default Date.now */
  now?: () => number;
}

/** Makes a TOTP flow: its store, and the actions that call the API and dispatch what happened. */
export function createTotpFlow(client: Pick<AuthClient, 'totp'>, options: TotpFlowOptions = {}) {
  const now = options.now ?? Date.now;
  const store: FlowStore<TotpFlowState, TotpFlowEvent> = createFlowStore(reduceTotp, initialTotpState);

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
     * Creates the device to set up (`POST /totp/device`), with a name or the backend's default.
     * Resolves with why it did not, if it did not.
     */
    async create(deviceName?: string): Promise<TotpCreateIssue | undefined> {
      if (!store.dispatch({ type: 'CREATE_STARTED' })) return undefined;
      let issue: TotpCreateIssue | undefined;
      try {
        const answer = await client.totp.createDevice(deviceName ? { deviceName } : {});
        if (answer.status === 'OK') store.dispatch({ type: 'CREATED', device: { deviceName: answer.deviceName, secret: answer.secret, qrCodeString: answer.qrCodeString } });
        else if (answer.status === 'DEVICE_ALREADY_EXISTS_ERROR') issue = { kind: 'nameTaken' };
        else {
          const factors = stepUpFactorsOf(answer);
          issue = factors ? { kind: 'stepUp', factors } : { kind: 'refused', refusal: refusalOf(answer) };
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
