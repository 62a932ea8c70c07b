import type { OtpAttempt } from '../api/passwordless.ts';
import type { KeyValueStorage } from '../storage.ts';

// The code attempts kept between reloads, apart from the flow: sign-out forgets them without
// loading the flow.

/** The attempt kept between reloads (never rendered, never in a URL): the device ids and the times. */
export interface StoredOtpAttempt extends OtpAttempt {
  /** The user it belongs to (`''` before sign-in), so another user never resumes it. */
  userId: string;
  /** Epoch ms, this device's clock. */
  sentAt: number;
  expiresAt: number;
  resendAvailableAt: number;
}

/** Where the attempt is kept between reloads: per client and factor, checked against the user. */
export function otpAttemptStore(storage: KeyValueStorage | undefined, prefix: string, factorId: string) {
  const key = `${prefix}.otpAttempt.${factorId}`;
  return {
    read(userId: string): StoredOtpAttempt | undefined {
      try {
        const raw = storage?.getItem(key);
        if (!raw) return undefined;
        const v = JSON.parse(raw) as Partial<StoredOtpAttempt>;
        const ok =
          v.userId === userId &&
          typeof v.deviceId === 'string' &&
          typeof v.preAuthSessionId === 'string' &&
          typeof v.contact === 'string' &&
          typeof v.sentAt === 'number' &&
          typeof v.expiresAt === 'number' &&
          typeof v.resendAvailableAt === 'number';
        return ok ? (v as StoredOtpAttempt) : undefined;
      } catch {
        return undefined;
      }
    },
    write(attempt: StoredOtpAttempt | undefined): void {
      try {
        if (attempt === undefined) storage?.removeItem(key);
        else storage?.setItem(key, JSON.stringify(attempt));
      } catch {
        // Full or disabled storage: the attempt then lasts as long as the page.
      }
    },
  };
}

/** Forgets every stored attempt of a client (its storage key prefix), and a TOTP set-up it kept: at sign-out. */
export function forgetOtpAttempts(storage: (KeyValueStorage & { readonly length?: number; key?(index: number): string | null }) | undefined, prefix: string): void {
  if (!storage?.key || storage.length === undefined) return;
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    if (k?.startsWith(`${prefix}.otpAttempt.`) || k === `${prefix}.totpSetup`) keys.push(k);
  }
  for (const k of keys) storage.removeItem(k);
}
