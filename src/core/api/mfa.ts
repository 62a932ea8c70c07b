import type { SessionStore } from '../session/sessionStore.ts';
import type { Transport } from '../session/transport.ts';
import { callApi } from './callApi.ts';
import type { GeneralError, InvalidClaim } from './types.ts';

/** The answer of `PUT /mfa/info`. */
export interface MFAInfo {
  status: 'OK';
  factors: {
    /** Factors that would satisfy the next unmet requirement. Empty when MFA is complete. */
    next: string[];
    alreadySetup: string[];
    allowedToSetup: string[];
  };
  /** Emails per factor id, best first (auto-send goes to `[0]`). */
  emails: Record<string, string[] | undefined>;
  phoneNumbers: Record<string, string[] | undefined>;
  /**
   * factorkit's backend adds where sign-in stands (another backend leaves it out): factors needed in
   * all and done (a "one of" counts once), and whether any one of `next` will do or each is needed.
   */
  fk?: { progress: { total: number; done: number }; nextType: 'string' | 'oneOf' | 'allOfInAnyOrder'; /** The account has an unused recovery code (asked only while a factor is due). */ recoveryCodes?: true; /** "Don't ask again on this device" may be offered, for this many days (while a factor is due). */ trustDeviceDays?: number };
}

export type MFAInfoResult = MFAInfo | GeneralError | InvalidClaim;

/** How long an answer is shared with later callers; session events end it at once. */
const SHARE_MS = 1000;

/**
 * `PUT /mfa/info` (the resync endpoint): refreshes `st-mfa` in the session and returns the factor
 * info. Concurrent callers share one request, and callers within a second share its answer, so
 * the validators and the screens of one navigation cost one call.
 */
export function createMfaApi(transport: Transport, store: SessionStore, clock: () => number) {
  let inflight: Promise<MFAInfoResult> | undefined;
  let shared: { at: number; value: MFAInfoResult } | undefined;
  store.onEvent(() => {
    shared = undefined;
  });
  return {
    getInfo(options: { fresh?: boolean } = {}): Promise<MFAInfoResult> {
      if (!options.fresh && shared && clock() - shared.at < SHARE_MS) return Promise.resolve(shared.value);
      inflight ??= callApi<MFAInfo | GeneralError>(transport, { method: 'PUT', path: '/mfa/info', rid: 'multifactorauth', session: 'required' })
        .then((value) => {
          if (value.status === 'OK') shared = { at: clock(), value };
          return value;
        })
        .finally(() => {
          inflight = undefined;
        });
      return inflight;
    },
    /** Forgets the shared answer (after completing or setting up a factor). */
    invalidate(): void {
      shared = undefined;
    },
  };
}
