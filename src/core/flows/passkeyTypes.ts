import type { Refusal } from '../../protocol/refusal.ts';

// What the passkey flow and its on-demand ceremonies share.

/** Why a passkey ceremony did not finish. */
export type PasskeyIssue =
  /** The person cancelled, or the browser's prompt timed out (browsers do not tell which). */
  | { kind: 'cancelled' }
  /** This device already holds a passkey for the account. */
  | { kind: 'alreadyRegistered' }
  /** No WebAuthn in this browser. */
  | { kind: 'unsupported' }
  /** Not a secure (https or localhost) page, or another site's relying party. */
  | { kind: 'insecure' }
  /** The backend did not accept the passkey (unknown, or it failed the checks). */
  | { kind: 'wrong' }
  /** Sign-up: the address has a passkey account already. */
  | { kind: 'emailTaken' }
  | { kind: 'emailInvalid' | 'emailRequired' }
  /** A recovery link that expired or was used. */
  | { kind: 'linkInvalid' }
  /** Adding or removing needs a factor verified just now. */
  | { kind: 'stepUp'; factors: string[] }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'failed'; error: unknown };

/** What the flow needs of the browser: `@simplewebauthn/browser`'s three functions. */
export interface PasskeyBrowser {
  browserSupportsWebAuthn(): boolean;
  startRegistration(input: { optionsJSON: never }): Promise<Record<string, unknown>>;
  startAuthentication(input: { optionsJSON: never; useBrowserAutofill?: boolean }): Promise<Record<string, unknown>>;
}
