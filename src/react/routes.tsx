import { createElement, type ComponentType, type ReactElement } from 'react';
import { Route, type RouteObject } from 'react-router-dom';
import type { ClaimValidator } from '../core/index.ts';
import type { AccessDeniedDecision } from './AuthContext.ts';
import { SessionAuth } from './SessionAuth.tsx';

/** The screens the kit's routes render. The UI layer provides pre-built ones; omitted screens get no route. */
export interface AuthScreens {
  /** `{basePath}`: the first factor. */
  SignIn?: ComponentType;
  /** `{basePath}/mfa`. */
  FactorChooser?: ComponentType;
  /** `{basePath}/mfa/totp`. */
  Totp?: ComponentType;
  /** `{basePath}/mfa/otp-email`. */
  OtpEmail?: ComponentType;
  /** `{basePath}/mfa/otp-phone`. */
  OtpPhone?: ComponentType;
  /** `{basePath}/webauthn/recover`: a new passkey from an emailed link. No session needed. */
  PasskeyRecovery?: ComponentType;
  /** `{basePath}/mfa/webauthn`: a passkey as a second factor. */
  Passkey?: ComponentType;
  /** `{basePath}/mfa/recovery-code`: sign-in's second step with a recovery code (factorkit's backend). */
  RecoveryCode?: ComponentType;
  /** `{basePath}/verify-email` (also opened from the link, maybe without a session). */
  VerifyEmail?: ComponentType;
  /** `{basePath}/reset-password`: ask for a reset link, and the link's landing (`?token=`). No session needed. */
  ResetPassword?: ComponentType;
  /** `{basePath}/verify`: a magic link's landing (`?preAuthSessionId=…#linkCode`). No session needed. */
  MagicLink?: ComponentType;
  /** `{basePath}/callback/:providerId`: the way back from a social or enterprise provider. No session needed. */
  ThirdPartyCallback?: ComponentType;
  /** `{basePath}/settings`: needs a complete sign-in. */
  Settings?: ComponentType;
  /** `{basePath}/security`: the security centre; needs a complete sign-in. */
  Security?: ComponentType;
  /** Rendered by the kit's guarded routes when access is denied (e.g. no factor can be completed). */
  AccessDenied?: ComponentType<{ decision: AccessDeniedDecision }>;
}

/** A custom factor's screen; register the same `id` and `path` in `<AuthProvider factors>`. */
export interface CustomFactorRoute {
  id: string;
  /** Under `basePath`, e.g. `/mfa/passkey`. */
  path: string;
  Screen: ComponentType;
}

/** Options of {@link createAuthRoutes}. */
export interface CreateAuthRoutesOptions {
  /** Must equal the client's `websiteBasePath`. @default '/auth' */
  basePath?: string;
  screens: AuthScreens;
  customFactors?: readonly CustomFactorRoute[];
}

// Factor screens still need a session, but run no global validators: those would send the user
// away from the very screen that satisfies them.
const noValidators = (): ClaimValidator[] => [];

/**
 * The kit's routes as `RouteObject`s for a data router (`createBrowserRouter([...createAuthRoutes(o), ...appRoutes])`).
 * Paths are absolute: nest them under a pathless parent, or a parent whose path is a prefix of `basePath`.
 */
export function createAuthRoutes(options: CreateAuthRoutesOptions): RouteObject[] {
  const base = (options.basePath ?? '/auth').replace(/\/$/, '');
  const { screens } = options;
  const Denied = screens.AccessDenied;
  const accessDenied = Denied ? (decision: AccessDeniedDecision) => createElement(Denied, { decision }) : undefined;
  const routes: RouteObject[] = [];
  const guarded = (path: string, Screen: ComponentType | undefined, guard: { requireAuth?: boolean; overrideGlobalClaimValidators?: typeof noValidators }) => {
    if (!Screen) return;
    routes.push({ path, element: createElement(SessionAuth, { ...guard, accessDenied }, createElement(Screen)) });
  };
  if (screens.SignIn) routes.push({ path: base || '/', element: createElement(screens.SignIn) });
  if (screens.ResetPassword) routes.push({ path: `${base}/reset-password`, element: createElement(screens.ResetPassword) });
  if (screens.PasskeyRecovery) routes.push({ path: `${base}/webauthn/recover`, element: createElement(screens.PasskeyRecovery) });
  if (screens.MagicLink) routes.push({ path: `${base}/verify`, element: createElement(screens.MagicLink) });
  if (screens.ThirdPartyCallback) routes.push({ path: `${base}/callback/:providerId`, element: createElement(screens.ThirdPartyCallback) });
  guarded(`${base}/mfa`, screens.FactorChooser, { overrideGlobalClaimValidators: noValidators });
  guarded(`${base}/mfa/totp`, screens.Totp, { overrideGlobalClaimValidators: noValidators });
  guarded(`${base}/mfa/otp-email`, screens.OtpEmail, { overrideGlobalClaimValidators: noValidators });
  guarded(`${base}/mfa/otp-phone`, screens.OtpPhone, { overrideGlobalClaimValidators: noValidators });
  guarded(`${base}/mfa/webauthn`, screens.Passkey, { overrideGlobalClaimValidators: noValidators });
  guarded(`${base}/mfa/recovery-code`, screens.RecoveryCode, { overrideGlobalClaimValidators: noValidators });
  for (const custom of options.customFactors ?? []) guarded(`${base}${custom.path}`, custom.Screen, { overrideGlobalClaimValidators: noValidators });
  // The link may be opened signed out (another device): the screen handles both.
  guarded(`${base}/verify-email`, screens.VerifyEmail, { requireAuth: false, overrideGlobalClaimValidators: noValidators });
  guarded(`${base}/settings`, screens.Settings, {});
  guarded(`${base}/security`, screens.Security, {});
  return routes;
}

/**
 * The same routes as `<Route>` elements, for `<Routes>`: `<Routes>{authRouteElements(o)}<Route …/></Routes>`.
 * (`<Routes>` accepts only `<Route>` children, so this is a list, not a component.)
 */
export function authRouteElements(options: CreateAuthRoutesOptions): ReactElement[] {
  return createAuthRoutes(options).map((route) => createElement(Route, { key: route.path, path: route.path, element: route.element }));
}
