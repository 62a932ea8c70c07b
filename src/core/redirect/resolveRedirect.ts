import type { ClaimFailure } from '../claims/ClaimValidator.ts';
import { sanitizeRedirectPath } from './sanitizeRedirectPath.ts';

/** A factor screen the app enables: its id and its path under the website base path. */
export interface FactorScreen {
  id: string;
  /** e.g. `/mfa/totp`. */
  path: string;
}

/** The kit's own pages, under `websiteBasePath`. */
export function authPaths(websiteBasePath: string) {
  return {
    signIn: websiteBasePath || '/',
    chooser: `${websiteBasePath}/mfa`,
    /** Sign-in's second step with a recovery code (factorkit's backend). */
    recoveryCode: `${websiteBasePath}/mfa/recovery-code`,
    verifyEmail: `${websiteBasePath}/verify-email`,
    settings: `${websiteBasePath}/settings`,
    /** A new passkey for a passkey account whose passkeys are lost (ask for a link, and the link's landing). */
    passkeyRecovery: `${websiteBasePath}/webauthn/recover`,
    /** The security centre: two-step verification, devices, sessions. */
    security: `${websiteBasePath}/security`,
    /** A forgotten password: ask for a link, and the link's landing (`?token=`). */
    resetPassword: `${websiteBasePath}/reset-password`,
    /** A magic link's landing (`?preAuthSessionId=…#linkCode`). */
    magicLink: `${websiteBasePath}/verify`,
    /** The way back from a social or enterprise provider: `{callback}/{providerId}`. */
    callback: `${websiteBasePath}/callback`,
  };
}

/** The default screens of the built-in secondary factors. */
export const DEFAULT_FACTOR_SCREENS: readonly FactorScreen[] = Object.freeze([
  { id: 'totp', path: '/mfa/totp' },
  { id: 'otp-email', path: '/mfa/otp-email' },
  { id: 'otp-phone', path: '/mfa/otp-phone' },
  { id: 'webauthn', path: '/mfa/webauthn' },
]);

export interface ResolveRedirectInput {
  sessionExists: boolean;
  /** Failed validators, in validator order. */
  failures: readonly ClaimFailure[];
  /** `factors.next` of `PUT /mfa/info`, when the first failure is the MFA requirement for sign-in. */
  mfaNext?: readonly string[];
  /** The factor screens the app enables. */
  factors: readonly FactorScreen[];
  websiteBasePath: string;
  /** Where the user wanted to go: only same-origin paths outside the auth pages are honoured. */
  redirectToPath?: unknown;
  /** Where to go when done and nothing better is known. @default '/' */
  defaultPath?: string;
}

export type AccessDeniedReason = 'NO_FACTOR_POSSIBLE' | 'CLAIM_FAILED';

export type RedirectDecision =
  | { type: 'SIGN_IN'; to: string }
  | { type: 'FACTOR'; factorId: string; stepUp: boolean; to: string }
  | { type: 'CHOOSER'; factorIds: string[]; stepUp: boolean; to: string }
  | { type: 'VERIFY_EMAIL'; to: string }
  | { type: 'PATH'; to: string }
  | { type: 'ACCESS_DENIED'; reason: AccessDeniedReason; claimId?: string; validatorId?: string }
  | { type: 'SUCCESS'; to: string };

function withQuery(path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) query.set(k, v);
  const s = query.toString();
  return s ? `${path}?${s}` : path;
}

/**
 * The path to come back to, unless it is missing, foreign, or one of the auth flow's own pages
 * (sign-in, factors, email verification). The settings page is a destination like any other page:
 * a step-up started there must come back to it.
 */
export function returnPath(redirectToPath: unknown, websiteBasePath: string): string | undefined {
  const path = sanitizeRedirectPath(redirectToPath);
  if (path === undefined) return undefined;
  const pathname = path.split(/[?#]/)[0]!.replace(/\/$/, '');
  if (websiteBasePath && pathname === authPaths(websiteBasePath).settings) return path;
  if (websiteBasePath && (pathname === websiteBasePath || pathname.startsWith(`${websiteBasePath}/`))) return undefined;
  return path;
}

/**
 * Decides where the user goes next: the first failed validator wins; with none, back to the page
 * they asked for. Pure: the caller fetches MFA info first when the first failure needs it.
 */
export function resolveRedirect(input: ResolveRedirectInput): RedirectDecision {
  const paths = authPaths(input.websiteBasePath);
  const back = returnPath(input.redirectToPath, input.websiteBasePath);
  if (!input.sessionExists) return { type: 'SIGN_IN', to: withQuery(paths.signIn, { redirectToPath: back }) };
  const failure = input.failures[0];
  if (failure === undefined) return { type: 'SUCCESS', to: back ?? sanitizeRedirectPath(input.defaultPath) ?? '/' };

  switch (failure.onFailure.kind) {
    case 'VERIFY_EMAIL':
      return { type: 'VERIFY_EMAIL', to: withQuery(paths.verifyEmail, { redirectToPath: back }) };
    case 'PATH': {
      const to = sanitizeRedirectPath(failure.onFailure.path);
      return to === undefined ? { type: 'ACCESS_DENIED', reason: 'CLAIM_FAILED', claimId: failure.claimId, validatorId: failure.validatorId } : { type: 'PATH', to };
    }
    case 'ACCESS_DENIED':
      return { type: 'ACCESS_DENIED', reason: 'CLAIM_FAILED', claimId: failure.claimId, validatorId: failure.validatorId };
    case 'MFA': {
      // A step-up validator names its factors; the sign-in requirement asks the backend (`next`).
      const named = stepUpFactors(failure.reason);
      const stepUp = named !== undefined;
      const candidates = named ?? input.mfaNext;
      if (candidates === undefined) {
        return { type: 'CHOOSER', factorIds: [], stepUp, to: withQuery(paths.chooser, { redirectToPath: back }) };
      }
      const possible = candidates.filter((id) => input.factors.some((f) => f.id === id));
      if (possible.length === 0) return { type: 'ACCESS_DENIED', reason: 'NO_FACTOR_POSSIBLE', claimId: failure.claimId, validatorId: failure.validatorId };
      if (possible.length === 1) {
        const factorId = possible[0]!;
        const screen = input.factors.find((f) => f.id === factorId)!;
        return { type: 'FACTOR', factorId, stepUp, to: withQuery(`${input.websiteBasePath}${screen.path}`, { redirectToPath: back, stepUp: stepUp ? 'true' : undefined }) };
      }
      return { type: 'CHOOSER', factorIds: possible, stepUp, to: withQuery(paths.chooser, { n: possible.join(','), redirectToPath: back, stepUp: stepUp ? 'true' : undefined }) };
    }
  }
}

function stepUpFactors(reason: unknown): string[] | undefined {
  if (typeof reason !== 'object' || reason === null) return undefined;
  const ids = (reason as { factorIds?: unknown }).factorIds;
  return Array.isArray(ids) && ids.every((id) => typeof id === 'string') ? ids : undefined;
}
