import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { createTotpFlow, totpView } from '../core/index.ts';
import { useAuthContext } from './AuthContext.ts';
import { invalidateFactorQueries } from './useTotp.ts';
import { tabStorage } from './tabStorage.ts';
import { useSession } from './useSession.ts';

/** Options of {@link useTotpFlow}. */
export interface UseTotpFlowOptions {
  /** Set up a new app or verify a code; the flow waits while undefined (the screen is still deciding). */
  mode: 'setup' | 'verify' | undefined;
  /** Ask for a name before creating the device (else the backend names it and the QR code shows at once). @default false */
  askDeviceName?: boolean;
  /** The name of the n-th app when the person gives none ("Authenticator app", "Authenticator app 2"). @default the backend's ("TOTP Device 0") */
  defaultDeviceName?: (n: number) => string;
  /** @default Date.now */
  now?: () => number;
}

/**
 * An authenticator app over the framework-free TOTP flow (`createTotpFlow` in `factorkit/core`): in
 * `setup` mode it creates the device at once (or after a name), shows what to add to the app, and
 * checks the first code; in `verify` mode it checks a code. A device created here and never verified
 * is removed when the component goes away; a reload of the tab shows the same device again (kept in
 * sessionStorage until verified), so a QR code already scanned stays good. Verifying does not navigate: on `verified`, run
 * `useContinue()` (screens) or carry on (settings).
 */
export function useTotpFlow(options: UseTotpFlowOptions) {
  const ctx = useAuthContext('useTotpFlow');
  const now = options.now ?? Date.now;
  const session = useSession();
  const defaultName = useRef(options.defaultDeviceName);
  defaultName.current = options.defaultDeviceName;
  const [flow] = useState(() =>
    createTotpFlow(ctx.client, {
      now,
      storage: tabStorage(),
      userId: session.userId,
      defaultName: options.defaultDeviceName && ((n) => defaultName.current!(n)),
    }),
  );
  const state = useSyncExternalStore(flow.store.subscribe, flow.store.getSnapshot, flow.store.getSnapshot);

  useEffect(() => {
    if (options.mode === undefined) return;
    flow.start(options.mode, options.askDeviceName ?? false);
    // A set-up this tab began before a reload comes back as it was.
    if (options.mode === 'setup') flow.resume();
  }, [flow, options.mode, options.askDeviceName]);

  // One device per visit, created as soon as the set-up is known (unless a name comes first).
  const started = useRef(false);
  useEffect(() => {
    if (state.mode !== 'setup' || state.askName || state.device || state.creating || state.createIssue || started.current) return;
    started.current = true;
    void flow.create();
  }, [flow, state.mode, state.askName, state.device, state.creating, state.createIssue]);

  // An unverified device must not outlive the component. Removal waits a tick, so the unmount and
  // remount of StrictMode (same component) cancels it.
  const removal = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    clearTimeout(removal.current);
    return () => {
      removal.current = setTimeout(() => void flow.dropUnverified(), 0);
    };
  }, [flow]);

  useEffect(() => {
    if (state.verified) void invalidateFactorQueries(ctx.queryClient);
  }, [state.verified, ctx.queryClient]);

  return {
    flow,
    state,
    view: totpView(state, now()),
    create: flow.create,
    verify: flow.verify,
    restartSetup: flow.restartSetup,
    lockOver: flow.lockOver,
    /** Removes the unverified device now (before leaving: back, sign out). */
    dropUnverified: flow.dropUnverified,
  };
}
