/**
 * factorkit's reference backend names why it refused with a code at the end of a `…_NOT_ALLOWED`
 * reason or a `GENERAL_ERROR` message (`… (FK_RATE_LIMITED)`), and says how long to wait with
 * `retryAfterMs`; other backends send neither, and their sentences are shown as they are.
 * @see SECURITY.md
 */
export const RefusalCodes = {
  /** A limit was reached: wait `retryAfterMs`. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** During sign-in a code goes only to an address the account already has. */
  KNOWN_ADDRESS_ONLY: 'KNOWN_ADDRESS_ONLY',
  /** A new way in needs a factor the account already has first. */
  COMPLETE_EXISTING_FACTORS_FIRST: 'COMPLETE_EXISTING_FACTORS_FIRST',
} as const;
export type RefusalCode = (typeof RefusalCodes)[keyof typeof RefusalCodes];

/** How long to wait, on a refusal: as the backend said it, and as a time on this device's clock (set by the client). */
export interface RetryAfter {
  retryAfterMs?: number;
  /** Epoch ms on this device's clock when the wait ends (`Date.now()` at the answer + `retryAfterMs`). */
  retryAt?: number;
}

/** What a refusal says, read once: its code (when factorkit's backend sent one), when to retry, and its sentence without the code. */
export interface Refusal {
  code: RefusalCode | undefined;
  retryAt: number | undefined;
  /** The backend's sentence, without the trailing code; undefined when there is none. */
  text: string | undefined;
}

const CODE = /\s*\(FK_([A-Z_]+)\)\s*$/;

/** Reads the refusal of an answer (`…_NOT_ALLOWED`, `GENERAL_ERROR`, anything with `reason` or `message`). */
export function refusalOf(answer: { status: string; reason?: unknown; message?: unknown; retryAt?: unknown }): Refusal {
  const sentence = typeof answer.reason === 'string' ? answer.reason : typeof answer.message === 'string' ? answer.message : undefined;
  const match = sentence?.match(CODE);
  const code = match && (Object.values(RefusalCodes) as string[]).includes(match[1]!) ? (match[1] as RefusalCode) : undefined;
  const text = sentence === undefined ? undefined : sentence.replace(CODE, '').trim() || undefined;
  return { code, retryAt: typeof answer.retryAt === 'number' ? answer.retryAt : undefined, text };
}
