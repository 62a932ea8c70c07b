import { useEffect, useMemo, useRef } from 'react';
import { maskContact } from '../core/index.ts';
import { useAuthContext, type FactorScreenInfo } from './AuthContext.ts';
import { redirectTo, redirectToPathOf } from './redirect.ts';
import { useAuthParams } from './useAuthParams.ts';
import { useContinue } from './useContinue.ts';
import { signInStep } from './useFactorScreen.ts';
import { useMFAInfo } from './useMFAInfo.ts';
import { useNavigation } from './useNavigation.ts';

/** One option of the factor chooser: a factor screen the app enables, with where it lives. */
export interface FactorChoice extends FactorScreenInfo {
  /** The factor screen's URL, keeping `redirectToPath` and `stepUp`. */
  to: string;
}

function withParams(path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) query.set(k, v);
  const s = query.toString();
  return s ? `${path}?${s}` : path;
}

/**
 * The chooser's data. Options are the app's registered factors (custom ones included, in
 * registration order) that are: named by `?n=`, else the backend's `next`, else (nothing pending,
 * e.g. step-up or settings) those set up or allowed to be set up. When sign-in is complete and
 * this is not a step-up, it continues on its own.
 */
export function useFactorChooser() {
  const ctx = useAuthContext('useFactorChooser');
  const nav = useNavigation();
  const params = useAuthParams();
  const info = useMFAInfo();
  const next = useContinue();
  const data = info.data?.status === 'OK' ? info.data : undefined;
  const complete = data !== undefined && data.factors.next.length === 0 && !params.stepUp;

  const continued = useRef(false);
  useEffect(() => {
    if (!complete || continued.current) return;
    continued.current = true;
    next.mutate();
  }, [complete, next]);

  const options = useMemo<FactorChoice[]>(() => {
    if (data === undefined) return [];
    const ids = new Set(params.factorIds ?? (data.factors.next.length > 0 ? data.factors.next : [...data.factors.alreadySetup, ...data.factors.allowedToSetup]));
    const redirectToPath = redirectToPathOf(nav);
    return ctx.factors
      .filter((f) => ids.has(f.id))
      .map((f) => ({ ...f, to: withParams(`${ctx.basePath}${f.path}`, { redirectToPath, stepUp: params.stepUp ? 'true' : undefined }) }));
  }, [data, params.factorIds, params.stepUp, ctx.factors, ctx.basePath, nav]);

  return {
    /** MFA info is loading, or the chooser is continuing on its own. */
    isPending: info.isPending || complete,
    /** A failure of `PUT /mfa/info` (thrown, or a non-OK answer). */
    error: info.error ?? (info.data && info.data.status !== 'OK' ? info.data : null),
    options,
    /** Sign-in is still waiting for a factor (show a sign-out way out, not a back button). */
    isSigningIn: data !== undefined && data.factors.next.length > 0,
    /** Where sign-in stands when it needs several factors ("Step 1 of 2"). */
    progress: signInStep(data, params.stepUp),
    /** Sign-in needs each of the options, in any order (not any one of them). */
    eachNeeded: data?.fk?.nextType === 'allOfInAnyOrder' && data.factors.next.length > 1 && !params.stepUp,
    /** The address or number a code factor would go to, hidden in part (`a•••@example.com`). */
    contactOf(factorId: string): string | undefined {
      const contact = factorId === 'otp-email' || factorId === 'link-email' ? data?.emails[factorId]?.[0] : factorId === 'otp-phone' || factorId === 'link-phone' ? data?.phoneNumbers[factorId]?.[0] : undefined;
      return contact === undefined ? undefined : maskContact(contact);
    },
    stepUp: params.stepUp,
    /** Goes to a factor's screen (the back button returns to the chooser). */
    select(factorId: string): void {
      const option = options.find((o) => o.id === factorId);
      if (!option) throw new Error(`useFactorChooser: "${factorId}" is not one of the options (${options.map((o) => o.id).join(', ')})`);
      redirectTo(ctx, nav, { type: 'FACTOR', factorId, stepUp: params.stepUp, to: option.to, redirectToPath: redirectToPathOf(nav) });
    },
    /**
     * Leaves the chooser when sign-in is complete (step-up, settings): to `redirectToPath` when
     * there is one, else one step back in the browser history.
     */
    goBack(): void {
      if (params.redirectToPath !== undefined) nav.navigate(params.redirectToPath);
      else globalThis.history?.back();
    },
  };
}
