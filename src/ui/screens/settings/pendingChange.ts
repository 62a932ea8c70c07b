import type { AuthClient } from '../../../core/index.ts';

/**
 * A settings change waiting for the user to re-verify: turning a factor on or off, removing a device,
 * or setting a factor up (a new authenticator app, a new address or phone number: a new way in).
 */
export type SettingsChange =
  | { kind: 'require'; factorId: string; required: boolean }
  | { kind: 'removeDevice'; deviceName: string }
  | { kind: 'setup'; factorId: string; thenRequire?: boolean };

interface Stored {
  userId: string;
  change: SettingsChange;
  at: number;
}

const keyOf = (client: AuthClient) => `${client.config.storageKeyPrefix}.settingsPendingChange`;

/**
 * Remembers a change while the user re-verifies on a factor screen (a page load away), so the
 * settings screen can retry it on return. sessionStorage: this tab only, gone with the tab.
 */
export function savePendingChange(client: AuthClient, userId: string, change: SettingsChange): void {
  try {
    globalThis.sessionStorage?.setItem(keyOf(client), JSON.stringify({ userId, change, at: Date.now() } satisfies Stored));
  } catch {
    // No storage: the user makes the change again after re-verifying.
  }
}

/** How long a change waits for the user to come back: about an email code's lifetime. */
const MAX_AGE_MS = 15 * 60_000;

/**
 * Reads and forgets the pending change of this user, if it is recent. Ages are measured with this
 * tab's wall clock: the client's clock follows the server's and may jump when a new token arrives.
 */
export function takePendingChange(client: AuthClient, userId: string): SettingsChange | undefined {
  try {
    const raw = globalThis.sessionStorage?.getItem(keyOf(client));
    if (!raw) return undefined;
    globalThis.sessionStorage.removeItem(keyOf(client));
    const stored = JSON.parse(raw) as Partial<Stored>;
    if (stored.userId !== userId || typeof stored.at !== 'number' || Date.now() - stored.at > MAX_AGE_MS) return undefined;
    const c = stored.change as Partial<SettingsChange> | undefined;
    if (c?.kind === 'require' && typeof c.factorId === 'string' && typeof c.required === 'boolean') return { kind: 'require', factorId: c.factorId, required: c.required };
    if (c?.kind === 'removeDevice' && typeof c.deviceName === 'string') return { kind: 'removeDevice', deviceName: c.deviceName };
    if (c?.kind === 'setup' && typeof c.factorId === 'string') return { kind: 'setup', factorId: c.factorId, ...(c.thenRequire === true && { thenRequire: true }) };
    return undefined;
  } catch {
    return undefined;
  }
}
