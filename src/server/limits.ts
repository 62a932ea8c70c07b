import type { Queryable } from './db/Db.ts';

/**
 * Limits on everything that can be guessed or repeated: code sends, wrong codes, passwords. The
 * counters live in the database (`fk_rate_limits`), so several backend processes sharing one
 * PostgreSQL enforce them together; each check is one atomic statement.
 * @see SECURITY.md "Limits"
 */

/** At most `max` hits in a window of `windowSeconds` that starts with the first hit. */
export interface WindowLimit {
  max: number;
  windowSeconds: number;
}

/**
 * `free` attempts, then each further attempt waits twice as long as the one before (1 s, 2 s, 4 s, …
 * up to `maxDelaySeconds`) after the last one. The count starts again after `resetAfterSeconds`
 * without an attempt, or when the caller resets it (a successful sign-in).
 */
export interface DelayLimit {
  free: number;
  maxDelaySeconds: number;
  resetAfterSeconds: number;
}

/** Every limit of the backend; `false` turns one off. */
export interface LimitsOptions {
  /** Codes sent (create or resend) to one email address or phone number. @default { max: 5, windowSeconds: 900 } */
  codeSendsPerContact?: WindowLimit | false;
  /** Codes sent from one client address, to any contact. @default { max: 30, windowSeconds: 900 } */
  codeSendsPerClient?: WindowLimit | false;
  /** Wrong codes typed for one contact, across all its devices and codes. @default { max: 10, windowSeconds: 3600 } */
  codeGuessesPerContact?: WindowLimit | false;
  /** Password tries for one account from one client address. @default { free: 5, maxDelaySeconds: 900, resetAfterSeconds: 3600 } */
  passwordTriesPerAccountAndClient?: DelayLimit | false;
  /**
   * Wrong passwords for one account from anywhere: softer, so an attacker cannot keep the owner out
   * for long. @default { free: 20, maxDelaySeconds: 60, resetAfterSeconds: 3600 }
   */
  passwordFailuresPerAccount?: DelayLimit | false;
  /** Wrong passwords from one client address, for any account (credential stuffing). @default { max: 100, windowSeconds: 900 } */
  passwordFailuresPerClient?: WindowLimit | false;
  /** Recovery codes typed for one account: a few, then waits that double. @default { free: 5, maxDelaySeconds: 900, resetAfterSeconds: 3600 } */
  recoveryCodeTriesPerAccount?: DelayLimit | false;
}

export const DEFAULT_LIMITS: Required<{ [K in keyof LimitsOptions]: Exclude<LimitsOptions[K], false | undefined> }> = {
  codeSendsPerContact: { max: 5, windowSeconds: 900 },
  codeSendsPerClient: { max: 30, windowSeconds: 900 },
  codeGuessesPerContact: { max: 10, windowSeconds: 3600 },
  passwordTriesPerAccountAndClient: { free: 5, maxDelaySeconds: 900, resetAfterSeconds: 3600 },
  passwordFailuresPerAccount: { free: 20, maxDelaySeconds: 60, resetAfterSeconds: 3600 },
  passwordFailuresPerClient: { max: 100, windowSeconds: 900 },
  recoveryCodeTriesPerAccount: { free: 5, maxDelaySeconds: 900, resetAfterSeconds: 3600 },
};

export type LimitName = keyof LimitsOptions;

/** The answer of a check: go ahead, or wait this long. */
export type LimitDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

const ALLOWED: LimitDecision = { allowed: true };

function isDelay(rule: WindowLimit | DelayLimit): rule is DelayLimit {
  return 'free' in rule;
}

/** The wait a delay rule asks after `count` attempts (0 while free). */
function delayMs(rule: DelayLimit, count: number): number {
  if (count < rule.free) return 0;
  return Math.min(2 ** Math.min(count - rule.free, 30) * 1000, rule.maxDelaySeconds * 1000);
}

function validate(name: string, rule: WindowLimit | DelayLimit): void {
  const whole = (v: number, min: number) => Number.isInteger(v) && v >= min;
  const ok = isDelay(rule) ? whole(rule.free, 0) && whole(rule.maxDelaySeconds, 1) && whole(rule.resetAfterSeconds, 1) : whole(rule.max, 1) && whole(rule.windowSeconds, 1);
  if (!ok) throw new Error(`limits.${name} must hold whole numbers (seconds at least 1)`);
}

/** Builds the limits of a backend from its options. */
export function createLimits(options: LimitsOptions = {}) {
  const rules = new Map<LimitName, WindowLimit | DelayLimit>();
  for (const name of Object.keys(DEFAULT_LIMITS) as LimitName[]) {
    const rule = options[name] === undefined ? DEFAULT_LIMITS[name] : options[name];
    if (rule === false) continue;
    validate(name, rule);
    rules.set(name, rule);
  }
  let sinceCleanup = 0;

  /** Reads a counter's row, to tell a refused caller how long to wait. */
  async function retryAfter(db: Queryable, name: LimitName, rule: WindowLimit | DelayLimit, key: string, now: number): Promise<number> {
    const [row] = await db.query<{ count: number; window_start: number; last_at: number }>('SELECT count, window_start, last_at FROM fk_rate_limits WHERE bucket = $1 AND key = $2', [name, key]);
    if (!row) return 1000;
    const until = isDelay(rule) ? row.last_at + delayMs(rule, row.count) : row.window_start + rule.windowSeconds * 1000;
    return Math.max(1000, until - now);
  }

  return {
    /** Whether a limit is on. */
    enabled: (name: LimitName) => rules.has(name),

    /**
     * Counts one attempt if the limit allows it now (atomically: parallel callers cannot all slip under
     * the limit), else says how long to wait. A limit that is off, or a missing key (an unknown client
     * address), always allows.
     */
    async hit(db: Queryable, name: LimitName, key: string | undefined, now: number): Promise<LimitDecision> {
      const rule = rules.get(name);
      if (!rule || key === undefined) return ALLOWED;
      if (++sinceCleanup >= 1000) {
        sinceCleanup = 0;
        // Rows no rule can still need (a day without a hit; every default window is shorter).
        await db.query('DELETE FROM fk_rate_limits WHERE last_at < $1', [now - 24 * 3600 * 1000]);
      }
      const rows = isDelay(rule)
        ? await db.query(
            `INSERT INTO fk_rate_limits (bucket, key, count, window_start, last_at) VALUES ($1, $2, 1, $3, $3)
             ON CONFLICT (bucket, key) DO UPDATE SET
               count = CASE WHEN fk_rate_limits.last_at + $4 <= $3 THEN 1 ELSE fk_rate_limits.count + 1 END,
               window_start = CASE WHEN fk_rate_limits.last_at + $4 <= $3 THEN $3 ELSE fk_rate_limits.window_start END,
               last_at = $3
             WHERE fk_rate_limits.last_at + $4 <= $3 OR fk_rate_limits.count < $5
                OR $3 >= fk_rate_limits.last_at + LEAST(power(2, LEAST(fk_rate_limits.count - $5, 30)) * 1000, $6)
             RETURNING count`,
            [name, key, now, rule.resetAfterSeconds * 1000, rule.free, rule.maxDelaySeconds * 1000],
          )
        : await db.query(
            `INSERT INTO fk_rate_limits (bucket, key, count, window_start, last_at) VALUES ($1, $2, 1, $3, $3)
             ON CONFLICT (bucket, key) DO UPDATE SET
               count = CASE WHEN fk_rate_limits.window_start + $4 <= $3 THEN 1 ELSE fk_rate_limits.count + 1 END,
               window_start = CASE WHEN fk_rate_limits.window_start + $4 <= $3 THEN $3 ELSE fk_rate_limits.window_start END,
               last_at = $3
             WHERE fk_rate_limits.window_start + $4 <= $3 OR fk_rate_limits.count < $5
             RETURNING count`,
            [name, key, now, rule.windowSeconds * 1000, rule.max],
          );
      if (rows.length > 0) return ALLOWED;
      return { allowed: false, retryAfterMs: await retryAfter(db, name, rule, key, now) };
    },

    /** Whether the next attempt would be allowed, without counting one. */
    async peek(db: Queryable, name: LimitName, key: string | undefined, now: number): Promise<LimitDecision> {
      const rule = rules.get(name);
      if (!rule || key === undefined) return ALLOWED;
      const [row] = await db.query<{ count: number; window_start: number; last_at: number }>('SELECT count, window_start, last_at FROM fk_rate_limits WHERE bucket = $1 AND key = $2', [name, key]);
      if (!row) return ALLOWED;
      if (isDelay(rule)) {
        if (row.last_at + rule.resetAfterSeconds * 1000 <= now) return ALLOWED;
        const until = row.last_at + delayMs(rule, row.count);
        return until <= now ? ALLOWED : { allowed: false, retryAfterMs: Math.max(1000, until - now) };
      }
      if (row.window_start + rule.windowSeconds * 1000 <= now || row.count < rule.max) return ALLOWED;
      return { allowed: false, retryAfterMs: Math.max(1000, row.window_start + rule.windowSeconds * 1000 - now) };
    },

    /** Takes back one counted attempt (it succeeded, and the limit counts failures). */
    async refund(db: Queryable, name: LimitName, key: string | undefined): Promise<void> {
      if (!rules.has(name) || key === undefined) return;
      await db.query('UPDATE fk_rate_limits SET count = count - 1 WHERE bucket = $1 AND key = $2 AND count > 0', [name, key]);
    },

    /** Forgets a counter (a successful sign-in ends the run of failures). */
    async reset(db: Queryable, name: LimitName, key: string | undefined): Promise<void> {
      if (!rules.has(name) || key === undefined) return;
      await db.query('DELETE FROM fk_rate_limits WHERE bucket = $1 AND key = $2', [name, key]);
    },
  };
}

export type Limits = ReturnType<typeof createLimits>;
