import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { createTotpFlow, totpView } from '../core/index.ts';
import { useAuthContext } from './AuthContext.ts';
import { invalidateFactorQueries } from './useTotp.ts';

/** Options of {@link useTotpFlow}. */
export interface UseTotpFlowOptions {
  /** Set up a new app or verify a code; the flow waits while undefined (the screen is still deciding). */
  mode: 'setup' | 'verify' | undefined;
  /** Ask for a name before creating the device (else the backend names it and the QR code shows at once). @default false */
  askDeviceName?: boolean;
  /** @default Date.now */
  now?: () => number;
}

/**
 * An authenticator app over the framework-free TOTP flow (`createTotpFlow` in `factorkit/core`): in
 * `setup` mode it creates the device at once (or after a name), shows what to add to the app, and
 * checks the first code; in `verify` mode it checks a code. A device created here and never verified
 * is removed when the component goes away. Verifying does not navigate: on `verified`, run
 * `useContinue()` (screens) or carry on (settings).
 */
export function useTotpFlow(options: UseTotpFlowOptions) {
  const ctx = useAuthContext('useTotpFlow');
  const now = options.now ?? Date.now;
  const [flow] = useState(() => createTotpFlow(ctx.client, { now }));
  const state = useSyncExternalStore(flow.store.subscribe, flow.store.getSnapshot, flow.store.getSnapshot);

  useEffect(() => {
    if (options.mode !== undefined) flow.start(options.mode, options.askDeviceName ?? false);
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
