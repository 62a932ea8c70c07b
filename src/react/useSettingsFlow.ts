import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { authPaths, createSettingsFlow, pendingSettingsChange, type MFASettings } from '../core/index.ts';
import { useAuthContext } from './AuthContext.ts';
import { redirectTo } from './redirect.ts';
import { useMFASettings } from './useMFASettings.ts';
import { useNavigation } from './useNavigation.ts';
import { useSession } from './useSession.ts';
import { tabStorage } from './tabStorage.ts';
import { invalidateFactorQueries } from './useTotp.ts';

/** Options of {@link useSettingsFlow}. */
export interface UseSettingsFlowOptions {
  /**
   * How the person re-verifies before a change that needs it: `inline` (the flow opens a `stepUp`
   * panel; verify in place, then call `stepUpDone`) or `redirect` (the factor's own screen with
   * `stepUp=true`, then back here, where the change is made). `dialog` is `inline` for the flow (the
   * view shows the `stepUp` panel as a dialog). @default 'inline'
   */
  stepUp?: 'inline' | 'redirect' | 'dialog';
}

/**
 * The MFA settings page's changes over the framework-free settings flow (`createSettingsFlow` in
 * `factorkit/core`), with the settings query (`settings`). It goes to another screen when a change
 * needs one (re-verifying or setting up a factor there) and makes the change on return; it refreshes
 * the settings after each change.
 */
export function useSettingsFlow(options: UseSettingsFlowOptions = {}) {
  const ctx = useAuthContext('useSettingsFlow');
  const nav = useNavigation();
  const session = useSession();
  const settings = useMFASettings();
  const loaded: MFASettings | undefined = settings.data?.status === 'OK' ? settings.data : undefined;
  const lastLoaded = useRef(loaded);
  if (loaded) lastLoaded.current = loaded;
  const latest = useRef(loaded);
  const [pending] = useState(() => pendingSettingsChange(tabStorage(), ctx.client.config.storageKeyPrefix));
  const [flow] = useState(() =>
    createSettingsFlow(ctx.client, {
      settings: () => latest.current,
      stepUp: options.stepUp === 'dialog' ? 'inline' : options.stepUp,
      hasScreen: (factorId) => ctx.factors.some((f) => f.id === factorId),
      onChanged: () => invalidateFactorQueries(ctx.queryClient),
      holdGuard: () => ctx.guardHold.hold(),
    }),
  );
  const state = useSyncExternalStore(flow.store.subscribe, flow.store.getSnapshot, flow.store.getSnapshot);
  // While the page asks for a factor this session now lacks, the server refuses the settings
  // (403 st-mfa): keep showing the last ones.
  const data = loaded ?? (state.panel?.kind === 'finish' ? lastLoaded.current : undefined);
  latest.current = data;
  // Leaving the page gives up a hold: the guards take over.
  useEffect(() => () => flow.dispose(), [flow]);

  // Another screen is needed: keep the change for the return, then go.
  const leave = state.leave;
  useEffect(() => {
    if (!leave) return;
    flow.left();
    if (session.userId) pending.save(session.userId, leave.change);
    const redirectToPath = nav.path;
    if (leave.kind === 'setup') {
      const screen = ctx.factors.find((f) => f.id === leave.factorId)!;
      const to = `${ctx.basePath}${screen.path}?${new URLSearchParams({ setup: 'true', stepUp: 'true', redirectToPath })}`;
      redirectTo(ctx, nav, { type: 'FACTOR', factorId: leave.factorId, stepUp: true, to, redirectToPath });
      return;
    }
    const screens = ctx.factors.filter((f) => leave.factors.includes(f.id));
    if (screens.length === 1) {
      const to = `${ctx.basePath}${screens[0]!.path}?${new URLSearchParams({ stepUp: 'true', redirectToPath })}`;
      redirectTo(ctx, nav, { type: 'FACTOR', factorId: screens[0]!.id, stepUp: true, to, redirectToPath });
    } else {
      const to = `${authPaths(ctx.basePath).chooser}?${new URLSearchParams({ n: screens.map((f) => f.id).join(','), stepUp: 'true', redirectToPath })}`;
      redirectTo(ctx, nav, { type: 'CHOOSER', factorIds: screens.map((f) => f.id), stepUp: true, to, redirectToPath });
    }
    // Once per leave.
  }, [leave]);

  // Back from another screen: make the change the person asked for. The cached settings may predate
  // the re-verification: let the backend judge.
  const resumed = useRef(false);
  useEffect(() => {
    if (!data || !session.userId || resumed.current) return;
    resumed.current = true;
    const change = pending.take(session.userId);
    if (change) void flow.perform(change, { afterStepUp: true });
  }, [data, session.userId, flow, pending]);

  return {
    flow,
    state,
    /** The settings query (`GET /fk/mfa/settings`). */
    settings,
    /** The settings when loaded and `OK`. */
    data,
    perform: flow.perform,
    toggle: flow.toggle,
    setUp: flow.setUp,
    confirmRemove: flow.confirmRemove,
    stepUpDone: flow.stepUpDone,
    setupDone: flow.setupDone,
    setupNeedsStepUp: flow.setupNeedsStepUp,
    finishDone: flow.finishDone,
    changePassword: flow.changePassword,
    newRecoveryCodes: flow.newRecoveryCodes,
    passwordChanged: flow.passwordChanged,
    verifyElsewhere: flow.verifyElsewhere,
    close: flow.close,
  };
}
