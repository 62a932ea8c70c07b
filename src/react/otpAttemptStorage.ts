import type { AuthClient, OtpAttempt } from '../core/index.ts';

/** An OTP attempt as kept between reloads. Never rendered and never put in a URL. */
export interface StoredOtpAttempt extends OtpAttempt {
  /** The user it belongs to (`''` before sign-in), so another user never resumes it. */
  userId: string;
  /** Epoch ms (this device's clock). */
  sentAt: number;
  expiresAt: number;
  resendAvailableAt: number;
}

const PREFIX = 'otpAttempt.';

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

// sessionStorage: it survives a reload of this tab but is not shared with other tabs, and it is
// gone when the tab closes.
function key(client: AuthClient, factorId: string): string {
  return `${client.config.storageKeyPrefix}.${PREFIX}${factorId}`;
}

export function readOtpAttempt(client: AuthClient, factorId: string, userId: string): StoredOtpAttempt | undefined {
  const raw = storage()?.getItem(key(client, factorId));
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<StoredOtpAttempt>;
    const ok =
      value.userId === userId &&
      typeof value.deviceId === 'string' &&
      typeof value.preAuthSessionId === 'string' &&
      typeof value.contact === 'string' &&
      typeof value.sentAt === 'number' &&
      typeof value.expiresAt === 'number' &&
      typeof value.resendAvailableAt === 'number';
    return ok ? (value as StoredOtpAttempt) : undefined;
  } catch {
    return undefined;
  }
}

export function writeOtpAttempt(client: AuthClient, factorId: string, attempt: StoredOtpAttempt | undefined): void {
  const s = storage();
  if (!s) return;
  try {
    if (attempt === undefined) s.removeItem(key(client, factorId));
    else s.setItem(key(client, factorId), JSON.stringify(attempt));
  } catch {
    // Full or disabled storage: the attempt then lasts as long as the page.
  }
}

/** Forgets every stored attempt of this client (sign-out). */
export function clearOtpAttempts(client: AuthClient): void {
  const s = storage();
  if (!s) return;
  const prefix = `${client.config.storageKeyPrefix}.${PREFIX}`;
  for (const k of Object.keys(s)) if (k.startsWith(prefix)) s.removeItem(k);
}
