import type { ChannelLike, NormalisedConfig } from '../config.ts';
import { decodeFrontToken, type FrontToken } from '../frontToken.ts';
import type { KeyValueStorage } from '../storage.ts';
import type { SessionEvent } from './sessionEvents.ts';

/** What the app can know about the session without a request. Stable between changes. */
export type SessionSnapshot =
  | { status: 'signedOut' }
  | {
      status: 'signedIn';
      userId: string;
      /** The access-token payload, claims included. */
      payload: Record<string, unknown>;
      /** Access-token expiry, epoch ms on the server's clock. */
      expiresAt: number;
    };

const SIGNED_OUT: SessionSnapshot = Object.freeze({ status: 'signedOut' });
/** Skews below this are noise (iat has one-second resolution, requests take time). */
const SKEW_THRESHOLD_MS = 7000;

type Message = { kind: 'event'; event: SessionEvent; origin: string };

/**
 * Keeps the tokens of one client, turns response headers into session state and events, and relays
 * events to other tabs. Tokens live in storage, never in the URL or the DOM.
 */
export class SessionStore {
  private readonly listeners = new Set<(event: SessionEvent) => void>();
  private readonly snapshotListeners = new Set<() => void>();
  private snapshot: SessionSnapshot = SIGNED_OUT;
  private snapshotSource: string | null = null;
  private readonly id = Math.random().toString(36).slice(2);
  private readonly keys: { front: string; access: string; refresh: string; csrf: string; skew: string };
  /** How many times a session ended in this client (signed out, revoked, ended by another tab). */
  private endings = 0;

  constructor(
    private readonly config: NormalisedConfig,
    private readonly storage: KeyValueStorage,
    private readonly channel: ChannelLike | null,
    private readonly clock: () => number,
  ) {
    const p = config.storageKeyPrefix;
    this.keys = { front: `${p}.frontToken`, access: `${p}.accessToken`, refresh: `${p}.refreshToken`, csrf: `${p}.antiCsrf`, skew: `${p}.clockSkew` };
    channel?.addEventListener('message', ({ data }) => this.onChannelMessage(data));
  }

  /** Epoch ms corrected by the skew between this device and the API's clock. */
  now(): number {
    return this.clock() + Number(this.storage.getItem(this.keys.skew) ?? 0);
  }

  /** The current session, for `useSyncExternalStore`. */
  getSnapshot = (): SessionSnapshot => {
    const raw = this.storage.getItem(this.keys.front);
    if (raw !== this.snapshotSource) {
      this.snapshotSource = raw;
      const decoded = raw === null ? undefined : decodeFrontToken(raw, this.now());
      this.snapshot = decoded?.status === 'OK' ? Object.freeze({ status: 'signedIn', userId: decoded.token.uid, payload: decoded.token.up, expiresAt: decoded.token.ate }) : SIGNED_OUT;
    }
    return this.snapshot;
  };

  /** Subscribes to snapshot changes (for `useSyncExternalStore`). */
  subscribe = (listener: () => void): (() => void) => {
    this.snapshotListeners.add(listener);
    return () => this.snapshotListeners.delete(listener);
  };

  /** Subscribes to session events, from this tab and others. */
  onEvent(listener: (event: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The front-token as stored: it changes whenever the session does, so it versions it. */
  version(): string | null {
    return this.storage.getItem(this.keys.front);
  }

  exists(): boolean {
    return this.getSnapshot().status === 'signedIn';
  }

  /** Whether the access token has expired by the server's clock (refresh before using it). */
  isExpired(): boolean {
    const s = this.getSnapshot();
    return s.status === 'signedIn' && s.expiresAt <= this.now();
  }

  /** The headers that carry the session on a request. */
  authHeaders(forRefresh: boolean): Record<string, string> {
    const headers: Record<string, string> = {};
    if (this.config.tokenTransferMethod === 'header') {
      const token = this.storage.getItem(forRefresh ? this.keys.refresh : this.keys.access);
      if (token) headers.authorization = `Bearer ${token}`;
    }
    const csrf = this.storage.getItem(this.keys.csrf);
    if (csrf) headers['anti-csrf'] = csrf;
    return headers;
  }

  /** Marks the session a request is sent in (undefined: none), for {@link saveFromResponse}. */
  sessionMark(): number | undefined {
    return this.exists() ? this.endings : undefined;
  }

  /**
   * Saves the tokens a response carries and emits what changed.
   * @param status the HTTP status, to tell a revoked session (401) from a sign-out
   * @param sentIn the {@link sessionMark} when the request was sent
   */
  saveFromResponse(headers: Headers, status: number, sentIn?: number): void {
    // The answer to a request sent in a session that has ended since (signed out here or in another
    // tab, revoked) speaks for that session: its tokens would sign the person back in, or end the
    // session they signed in to since.
    if (sentIn !== undefined && (sentIn !== this.endings || !this.exists())) return;
    const before = this.getSnapshot();
    const front = headers.get('front-token');
    const access = headers.get('st-access-token');
    const refresh = headers.get('st-refresh-token');
    const csrf = headers.get('anti-csrf');
    if (access !== null) this.setOrRemove(this.keys.access, access);
    if (refresh !== null) this.setOrRemove(this.keys.refresh, refresh);
    if (csrf !== null) this.setOrRemove(this.keys.csrf, csrf === 'remove' ? '' : csrf);
    if (front === 'remove') {
      this.clear();
    } else if (front !== null) {
      const decoded = decodeFrontToken(front, this.now());
      if (decoded.status === 'OK') {
        this.storage.setItem(this.keys.front, front);
        this.updateSkew(decoded.token);
      }
    }
    const after = this.getSnapshot();
    if (before === after) return;
    if (before.status === 'signedOut' && after.status === 'signedIn') this.emit({ type: 'SESSION_CREATED' });
    else if (before.status === 'signedIn' && after.status === 'signedOut') {
      this.emit(status === 401 ? { type: 'UNAUTHORISED', sessionExpiredOrRevoked: true } : { type: 'SIGN_OUT' });
    } else if (before.status === 'signedIn' && after.status === 'signedIn' && JSON.stringify(before.payload) !== JSON.stringify(after.payload)) {
      this.emit({ type: 'ACCESS_TOKEN_PAYLOAD_UPDATED' });
    } else this.notifySnapshot();
  }

  /** Forgets every token (the server session is gone or was signed out). */
  clear(): void {
    this.endings += 1;
    for (const key of [this.keys.front, this.keys.access, this.keys.refresh, this.keys.csrf]) this.storage.removeItem(key);
  }

  /** Tells subscribers here and in other tabs. */
  emit(event: SessionEvent): void {
    this.deliver(event);
    try {
      this.channel?.postMessage({ kind: 'event', event, origin: this.id } satisfies Message);
    } catch {
      // A closed channel (page unloading) cannot relay; this tab has already been told.
    }
  }

  private deliver(event: SessionEvent) {
    this.notifySnapshot();
    for (const listener of [...this.listeners]) listener(event);
  }

  private notifySnapshot() {
    for (const listener of [...this.snapshotListeners]) listener();
  }

  private onChannelMessage(data: unknown) {
    if (typeof data !== 'object' || data === null || (data as Message).kind !== 'event' || (data as Message).origin === this.id) return;
    const event = (data as Message).event;
    // Another tab ended the session: the server session is gone, so forget ours even if the
    // storage is not shared (tests, partitioned storage).
    if (event.type === 'SIGN_OUT' || event.type === 'UNAUTHORISED') this.clear();
    this.deliver({ ...event, fromOtherTab: true });
  }

  private setOrRemove(key: string, value: string) {
    if (value === '') this.storage.removeItem(key);
    else this.storage.setItem(key, value);
  }

  private updateSkew(token: FrontToken) {
    const iat = token.up.iat;
    if (typeof iat !== 'number') return;
    const skew = iat * 1000 - this.clock();
    this.storage.setItem(this.keys.skew, String(Math.abs(skew) < SKEW_THRESHOLD_MS ? 0 : skew));
  }
}
