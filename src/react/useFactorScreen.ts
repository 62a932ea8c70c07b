import { useEffect, useRef } from 'react';
import { authPaths, type MFAInfo } from '../core/index.ts';
import { useAuthContext } from './AuthContext.ts';
import { redirectTo, redirectToPathOf } from './redirect.ts';
import { useAuthParams } from './useAuthParams.ts';
import { useContinue } from './useContinue.ts';
import { useMFAInfo } from './useMFAInfo.ts';
import { useNavigation } from './useNavigation.ts';

/**
 * "Step `step` of `total`" while a sign-in needs more than one factor, from `fk.progress` of
 * `PUT /mfa/info` (factorkit's backend); `undefined` for step-up, once complete, or without it.
 */
export function signInStep(info: MFAInfo | undefined, stepUp: boolean): { step: number; total: number } | undefined {
  const progress = info?.fk?.progress;
  if (stepUp || !progress || progress.total < 2 || info.factors.next.length === 0) return undefined;
  return { step: Math.min(progress.done + 1, progress.total), total: progress.total };
}

/**
 * What every factor screen decides before showing anything: is the factor set up (else: set it
 * up), is this a step-up, may the user go back to the chooser. When nothing is pending and
 * neither `?stepUp=true` nor `?setup=true` is asked for, it continues on its own (`isPending`
 * stays true meanwhile), so a screen opened after the fact never strands the user.
 */
export function useFactorScreen(factorId: string) {
  const ctx = useAuthContext('useFactorScreen');
  const nav = useNavigation();
  const params = useAuthParams();
  const info = useMFAInfo();
  const next = useContinue();
  const data = info.data?.status === 'OK' ? info.data : undefined;
  const nothingPending = data !== undefined && data.factors.next.length === 0 && !params.stepUp && !params.setup;

  const continued = useRef(false);
  useEffect(() => {
    if (!nothingPending || continued.current) return;
    continued.current = true;
    next.mutate();
  }, [nothingPending, next]);

  const isSetUp = data?.factors.alreadySetup.includes(factorId) ?? false;
  const registered = ctx.factors.filter((f) => data?.factors.next.includes(f.id));
  return {
    /** Where sign-in stands when it needs several factors (factorkit's backend says; others leave it out). */
    progress: signInStep(data, params.stepUp),
    /** Sign-in needs each of the factors it lists next, not any one of them. */
    eachNeeded: data?.fk?.nextType === 'allOfInAnyOrder',
    /** MFA info is loading, or the screen is continuing on its own. */
    isPending: info.isPending || nothingPending,
    /** A failure of `PUT /mfa/info` (thrown, or a non-OK answer). */
    error: info.error ?? (info.data && info.data.status !== 'OK' ? info.data : null),
    /** The protocol's MFA info, once loaded. */
    info: data,
    isSetUp,
    /** Show the set-up flow: not set up yet, or `?setup=true`. */
    needsSetup: data !== undefined && (params.setup || !isSetUp),
    /** Allowed to set it up (when `needsSetup`). */
    canSetUp: data?.factors.allowedToSetup.includes(factorId) ?? false,
    stepUp: params.stepUp,
    /** Sign-in would take another factor instead of this one: the way back reads "Use another method". */
    otherMethodWillDo: data !== undefined && registered.length > 1 && data.fk?.nextType !== 'allOfInAnyOrder',
    /** Other factors would do too (or sign-in is complete): offer a way back to the chooser. */
    canGoBack: data !== undefined && (data.factors.next.length === 0 || registered.length > 1),
    /** Goes to the factor chooser, keeping `redirectToPath` and `stepUp` (the screen's back action). */
    goToChooser(): void {
      const redirectToPath = redirectToPathOf(nav);
      const query = new URLSearchParams();
      if (redirectToPath !== undefined) query.set('redirectToPath', redirectToPath);
      if (params.stepUp) query.set('stepUp', 'true');
      const search = query.toString();
      const to = `${authPaths(ctx.basePath).chooser}${search ? `?${search}` : ''}`;
      redirectTo(ctx, nav, { type: 'CHOOSER', factorIds: [], stepUp: params.stepUp, to, redirectToPath });
    },
  };
}
