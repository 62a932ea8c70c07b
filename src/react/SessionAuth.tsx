import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { MultiFactorAuthClaim, type ClaimValidator, type MFARequirementList, type RedirectDecision } from '../core/index.ts';
import { useAuthContext, type AccessDeniedDecision } from './AuthContext.ts';
import { redirectTo } from './redirect.ts';
import { useNavigation } from './useNavigation.ts';

/** Props of {@link SessionAuth}. */
export interface SessionAuthProps {
  children?: ReactNode;
  /** Without a session, send the user to sign in (and back). With `false`, children render signed out. @default true */
  requireAuth?: boolean;
  /** Rendered (inside an `aria-busy` wrapper) until the decision is known. @default null */
  fallback?: ReactNode;
  /** Rendered when the decision is access denied. @default the provider's `accessDenied`, else nothing */
  accessDenied?: (decision: AccessDeniedDecision) => ReactNode;
  /** This route's validators: receives the global list, returns the list to run. */
  overrideGlobalClaimValidators?: (globals: ClaimValidator[]) => ClaimValidator[];
  /**
   * Step-up: these factors must have been completed in this session (within `maxAgeInSeconds`
   * when given), else the user re-verifies one and comes back. e.g. `['totp']`.
   */
  requireFactors?: MFARequirementList;
  /** How recent the `requireFactors` completion must be. @default no limit */
  maxAgeInSeconds?: number;
  /**
   * How step-up happens: on the factor's page, then back (`redirect`), or in a dialog over this page
   * (`dialog`: the provider's `stepUpDialog`, e.g. `renderStepUpDialog`; the children render once the
   * factor is verified, Cancel goes back). Without a `stepUpDialog`, `dialog` redirects. @default 'redirect'
   */
  stepUp?: 'redirect' | 'dialog';
}

/** The validators of one guard: the global ones (or the route's override), then the step-up one. */
function routeValidators(props: SessionAuthProps, globals: ClaimValidator[]): ClaimValidator[] {
  const list = props.overrideGlobalClaimValidators ? props.overrideGlobalClaimValidators(globals) : globals;
  // After the global ones: an unfinished sign-in is finished before a step-up.
  return props.requireFactors ? [...list, MultiFactorAuthClaim.validators.hasCompletedFactors(props.requireFactors, { maxAgeInSeconds: props.maxAgeInSeconds })] : list;
}

type State = (
  | { kind: 'pending' }
  | { kind: 'ok' }
  | { kind: 'denied'; decision: AccessDeniedDecision }
  | { kind: 'error'; error: unknown }
  | { kind: 'stepUp'; factorIds: string[] }
) & {
  /** The guard the decision was made for. */
  guard?: string;
};

const PENDING: State = { kind: 'pending' };

/**
 * Guards its children: runs the global claim validators in order (plus this route's), and on a
 * failure goes where the first failing one says, carrying the current path, query and hash as
 * `redirectToPath` so the last step returns here. Children never render before the decision.
 * Session events (sign-out in another tab, a new access token, a 403 claim failure) re-run it.
 * A complete session is decided without a request.
 */
export function SessionAuth(props: SessionAuthProps) {
  const ctx = useAuthContext('SessionAuth');
  const nav = useNavigation();
  const [state, setState] = useState<State>(PENDING);
  const stateRef = useRef(state);
  stateRef.current = state;
  const latest = useRef({ props, ctx, nav });
  latest.current = { props, ctx, nav };
  const run = useRef(0);
  const inFlight = useRef(false);

  const evaluate = useCallback(async (hide: boolean, guard: string) => {
    const id = ++run.current;
    inFlight.current = true;
    if (hide) setState({ kind: 'pending', guard });
    const { props: p, ctx: c, nav: n } = latest.current;
    let decision: RedirectDecision;
    try {
      decision = await c.client.resolveNext({
        factors: c.factors,
        redirectToPath: n.path,
        defaultPath: c.defaultRedirectPath,
        overrideGlobalClaimValidators: (globals) => routeValidators(p, globals),
      });
    } catch (error) {
      if (id === run.current) {
        inFlight.current = false;
        setState({ kind: 'error', error, guard });
      }
      return;
    }
    if (id !== run.current) return;
    inFlight.current = false;
    const requireAuth = p.requireAuth ?? true;
    switch (decision.type) {
      case 'SUCCESS':
        setState({ kind: 'ok', guard });
        return;
      case 'ACCESS_DENIED':
        setState({ kind: 'denied', decision, guard });
        return;
      case 'SIGN_IN':
        if (!requireAuth) {
          setState({ kind: 'ok', guard });
          return;
        }
        setState({ kind: 'pending', guard });
        // A sign-out from this tab navigates by itself (to sign-in, without coming back here).
        if (c.signOutRequested.current) return;
        break;
      default: {
        // Step-up in a dialog over this page, when the app gave one: no navigation.
        if ((decision.type === 'FACTOR' || decision.type === 'CHOOSER') && decision.stepUp && p.stepUp === 'dialog' && c.stepUpDialog) {
          setState({ kind: 'stepUp', factorIds: decision.type === 'FACTOR' ? [decision.factorId] : decision.factorIds, guard });
          return;
        }
        // A screen asks for the missing factor in place (settings, after a change): the content
        // already shown stays until it is done or gives up.
        const shown = stateRef.current;
        if ((decision.type === 'FACTOR' || decision.type === 'CHOOSER') && !decision.stepUp && c.guardHold.held && shown.kind === 'ok' && shown.guard === guard) return;
        setState({ kind: 'pending', guard });
      }
    }
    // Replace: the back button should not return to a page that only redirects.
    const moved = redirectTo(c, n, { ...decision, redirectToPath: n.path }, { replace: true });
    if (!moved && decision.to === n.path) {
      // The failing claim points at this very page: deny rather than loop or show the content.
      setState({ kind: 'denied', decision: { type: 'ACCESS_DENIED', reason: 'CLAIM_FAILED' }, guard });
    }
  }, []);

  // What this guard checks. Router outlets reuse one SessionAuth instance across routes, so a
  // change of it means another guard: hide the content until it has decided. A navigation under
  // the same guard (a layout route) re-checks without hiding.
  const guardKey = JSON.stringify([props.requireAuth ?? true, routeValidators(props, ctx.client.getGlobalClaimValidators()).map((v) => v.id)]);
  const decidedFor = useRef<string | undefined>(undefined);
  useEffect(() => {
    const hide = decidedFor.current !== guardKey;
    decidedFor.current = guardKey;
    void evaluate(hide, guardKey);
  }, [evaluate, guardKey, nav.path, ctx.client]);
  useEffect(
    () => () => {
      run.current++;
      decidedFor.current = undefined;
    },
    [],
  );

  const guardRef = useRef(guardKey);
  guardRef.current = guardKey;
  // The hold is over: decide again (and move on if the factor is still missing).
  useEffect(() => ctx.guardHold.subscribe(() => void evaluate(false, guardRef.current)), [evaluate, ctx.guardHold]);
  useEffect(
    () =>
      ctx.client.session.onEvent((event) => {
        switch (event.type) {
          case 'SIGN_OUT':
          case 'UNAUTHORISED':
            // The session is gone: hide the content at once.
            void evaluate(true, guardRef.current);
            return;
          case 'SESSION_CREATED':
            void evaluate(false, guardRef.current);
            return;
          default:
            // Our own evaluation may update the payload (PUT /mfa/info); it reads the final one.
            if (inFlight.current) return;
            void evaluate(false, guardRef.current);
        }
      }),
    [evaluate, ctx.client],
  );

  // Until this guard has decided (an outlet may reuse the instance of another), render nothing of it.
  const current = state.guard === guardKey ? state : PENDING;
  switch (current.kind) {
    case 'ok':
      return <>{props.children}</>;
    case 'denied': {
      const render = props.accessDenied ?? ctx.accessDenied;
      return <>{render ? render(current.decision) : null}</>;
    }
    case 'error':
      // An unexpected failure (network, server error) belongs to the app's error boundary.
      throw current.error;
    case 'stepUp':
      return (
        <div aria-busy="true" data-fk="session-auth">
          {props.fallback ?? null}
          {ctx.stepUpDialog?.({
            factorIds: current.factorIds,
            onVerified: () => void evaluate(false, guardRef.current),
            onCancel: () => {
              // Back where the person came from; a page opened directly goes to the app's home.
              if (typeof history !== 'undefined' && history.length > 1) history.back();
              else nav.navigate(ctx.defaultRedirectPath, { replace: true });
            },
          })}
        </div>
      );
    default:
      return (
        <div aria-busy="true" data-fk="session-auth">
          {props.fallback ?? null}
        </div>
      );
  }
}
