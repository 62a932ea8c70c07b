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
}

type State = { kind: 'pending' } | { kind: 'ok' } | { kind: 'denied'; decision: AccessDeniedDecision } | { kind: 'error'; error: unknown };

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
  const latest = useRef({ props, ctx, nav });
  latest.current = { props, ctx, nav };
  const run = useRef(0);
  const inFlight = useRef(false);

  const evaluate = useCallback(async (hide: boolean) => {
    const id = ++run.current;
    inFlight.current = true;
    if (hide) setState(PENDING);
    const { props: p, ctx: c, nav: n } = latest.current;
    const override = p.overrideGlobalClaimValidators;
    const stepUp = p.requireFactors ? MultiFactorAuthClaim.validators.hasCompletedFactors(p.requireFactors, { maxAgeInSeconds: p.maxAgeInSeconds }) : undefined;
    let decision: RedirectDecision;
    try {
      decision = await c.client.resolveNext({
        factors: c.factors,
        redirectToPath: n.path,
        defaultPath: c.defaultRedirectPath,
        overrideGlobalClaimValidators: (globals) => {
          const list = override ? override(globals) : globals;
          // After the global ones: an unfinished sign-in is finished before a step-up.
          return stepUp ? [...list, stepUp] : list;
        },
      });
    } catch (error) {
      if (id === run.current) {
        inFlight.current = false;
        setState({ kind: 'error', error });
      }
      return;
    }
    if (id !== run.current) return;
    inFlight.current = false;
    const requireAuth = p.requireAuth ?? true;
    switch (decision.type) {
      case 'SUCCESS':
        setState({ kind: 'ok' });
        return;
      case 'ACCESS_DENIED':
        setState({ kind: 'denied', decision });
        return;
      case 'SIGN_IN':
        if (!requireAuth) {
          setState({ kind: 'ok' });
          return;
        }
        setState(PENDING);
        // A sign-out from this tab navigates by itself (to sign-in, without coming back here).
        if (c.signOutRequested.current) return;
        break;
      default:
        setState(PENDING);
    }
    // Replace: the back button should not return to a page that only redirects.
    const moved = redirectTo(c, n, { ...decision, redirectToPath: n.path }, { replace: true });
    if (!moved && decision.to === n.path) {
      // The failing claim points at this very page: deny rather than loop or show the content.
      setState({ kind: 'denied', decision: { type: 'ACCESS_DENIED', reason: 'CLAIM_FAILED' } });
    }
  }, []);

  const key = JSON.stringify([props.requireAuth ?? true, props.requireFactors ?? null, props.maxAgeInSeconds ?? null]);
  useEffect(() => {
    void evaluate(true);
    return () => {
      run.current++;
    };
  }, [evaluate, key, ctx.client]);

  useEffect(
    () =>
      ctx.client.session.onEvent((event) => {
        switch (event.type) {
          case 'SIGN_OUT':
          case 'UNAUTHORISED':
            // The session is gone: hide the content at once.
            void evaluate(true);
            return;
          case 'SESSION_CREATED':
            void evaluate(false);
            return;
          default:
            // Our own evaluation may update the payload (PUT /mfa/info); it reads the final one.
            if (inFlight.current) return;
            void evaluate(false);
        }
      }),
    [evaluate, ctx.client],
  );

  switch (state.kind) {
    case 'ok':
      return <>{props.children}</>;
    case 'denied': {
      const render = props.accessDenied ?? ctx.accessDenied;
      return <>{render ? render(state.decision) : null}</>;
    }
    case 'error':
      // An unexpected failure (network, server error) belongs to the app's error boundary.
      throw state.error;
    default:
      return (
        <div aria-busy="true" data-fk="session-auth">
          {props.fallback ?? null}
        </div>
      );
  }
}
