import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useAuthContext } from './AuthContext.ts';

/** What a component knows about the session, without a request. */
export interface SessionState {
  exists: boolean;
  userId: string | undefined;
  /** The access-token payload (claims included); `undefined` without a session. */
  payload: Record<string, unknown> | undefined;
  /** The access token has expired and is being refreshed: `exists` is not known yet. */
  isPending: boolean;
  /** Set when the refresh could not reach the API (offline); `exists` stays as last known. */
  error: unknown;
}

/**
 * The session of the surrounding provider, from the core store (`useSyncExternalStore`). When the
 * access token has expired it refreshes it once and reports `isPending` meanwhile.
 */
export function useSession(): SessionState {
  const { client } = useAuthContext('useSession');
  const snapshot = useSyncExternalStore(client.session.subscribe, client.session.getSnapshot, client.session.getSnapshot);
  const expired = snapshot.status === 'signedIn' && snapshot.expiresAt <= client.now();
  const [error, setError] = useState<{ snapshot: unknown; error: unknown } | undefined>(undefined);
  const failed = error !== undefined && error.snapshot === snapshot;

  useEffect(() => {
    if (!expired || failed) return;
    let live = true;
    client.session.doesSessionExist().catch((cause: unknown) => {
      if (live) setError({ snapshot, error: cause });
    });
    return () => {
      live = false;
    };
  }, [client, expired, failed, snapshot]);

  return useMemo(
    () => ({
      exists: snapshot.status === 'signedIn',
      userId: snapshot.status === 'signedIn' ? snapshot.userId : undefined,
      payload: snapshot.status === 'signedIn' ? snapshot.payload : undefined,
      isPending: expired && !failed,
      error: failed ? error.error : undefined,
    }),
    [snapshot, expired, failed, error],
  );
}
