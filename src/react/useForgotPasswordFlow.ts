import { useEffect, useState, useSyncExternalStore } from 'react';
import { createForgotPasswordFlow, forgotPasswordView } from '../core/index.ts';
import { useAuthContext } from './AuthContext.ts';
import { redirectToPathOf, rememberReturn } from './redirect.ts';
import { useNavigation } from './useNavigation.ts';
import { tabStorage } from './tabStorage.ts';

/** Options of {@link useForgotPasswordFlow}. */
export interface UseForgotPasswordFlowOptions {
  /** Seconds before another link may be asked for. @default 30 */
  resendCooldownSeconds?: number;
  /** @default Date.now */
  now?: () => number;
}

/**
 * Asking for a password reset link, over `createForgotPasswordFlow` (`factorkit/core`): the address
 * checked before anything is sent, "check your email" kept across a reload of the tab, a resend after
 * the cooldown. The page first asked for (`redirectToPath`) is where the sign-in after the reset goes.
 */
export function useForgotPasswordFlow(options: UseForgotPasswordFlowOptions = {}) {
  const { client } = useAuthContext('useForgotPasswordFlow');
  const nav = useNavigation();
  const redirectToPath = redirectToPathOf(nav);
  const now = options.now ?? Date.now;
  const cooldownMs = (options.resendCooldownSeconds ?? 30) * 1000;
  const [flow] = useState(() => createForgotPasswordFlow(client, { storage: tabStorage(), now, resendCooldownMs: cooldownMs }));
  const state = useSyncExternalStore(flow.store.subscribe, flow.store.getSnapshot, flow.store.getSnapshot);
  const view = forgotPasswordView(state, now(), cooldownMs);

  // Re-render when the cooldown ends, so `view.canResend` turns true on time.
  const [, setTick] = useState(0);
  useEffect(() => {
    if (view.resendAt === undefined) return;
    const wait = view.resendAt - now();
    if (wait <= 0) return;
    const timer = setTimeout(() => setTick((t) => t + 1), wait);
    return () => clearTimeout(timer);
  }, [view.resendAt, now]);

  /** Sends a link; the page first asked for is remembered for the sign-in after the reset (the link opens a fresh page). */
  const request = (typed: string) => {
    if (redirectToPath) rememberReturn(client, redirectToPath, 'passwordReset');
    return flow.request(typed);
  };
  return { flow, state, view, request, resend: flow.resend, otherAddress: flow.otherAddress, forget: flow.forget };
}
