import { useEffect } from 'react';
import type { RouteObject } from 'react-router-dom';
import { createAuthRoutes, type AuthScreens, type CreateAuthRoutesOptions } from '../../react/index.ts';
import { afterPaint } from '../../react/afterPaint.ts';
import { AccessDeniedScreen } from './AccessDeniedScreen.tsx';
import { withLaterParts } from './components.ts';
import { lazyScreen } from './lazyScreen.tsx';
import { SignInScreen } from './SignInScreen.tsx';

// Sign-in is in the main bundle; every other screen loads when its route is first shown, in three
// chunks (the second step, the account pages, the landings of links), each with the parts and the
// English messages the sign-in form does not use, fetched at the same time.
const factorScreens = () => withLaterParts(import('./lazy/factorScreens.ts'));
const accountScreens = () => withLaterParts(import('./lazy/accountScreens.ts'));
const linkScreens = () => withLaterParts(import('./lazy/linkScreens.ts'));

// Sign-in fetches the second step's screens once it is on screen and the browser is idle, so they
// show at once after it.
function SignInThenPreload() {
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 1));
    const cancel = window.cancelIdleCallback ?? window.clearTimeout;
    const { FactorChooser, Totp, OtpEmail, OtpPhone, RecoveryCode, Passkey } = prebuiltScreens;
    let id: number | undefined;
    const cancelWait = afterPaint(() => {
      id = idle(() => void Promise.all([FactorChooser, Totp, OtpEmail, OtpPhone, RecoveryCode, Passkey].map((screen) => screen.preload())).catch(() => undefined));
    });
    return () => {
      cancelWait();
      if (id !== undefined) cancel(id);
    };
  }, []);
  return <SignInScreen />;
}

/**
 * The kit's pre-built screens, one per route of `createAuthRoutes`. All but `SignIn` and
 * `AccessDenied` load on demand (the loading screen shows meanwhile); import a screen by name
 * (`TotpScreen`) to put it in your main bundle instead.
 */
export const prebuiltScreens = Object.freeze({
  SignIn: SignInThenPreload,
  FactorChooser: lazyScreen(() => factorScreens().then((m) => m.FactorChooserScreen)),
  Totp: lazyScreen(() => factorScreens().then((m) => m.TotpScreen)),
  OtpEmail: lazyScreen(() => factorScreens().then((m) => m.OtpEmailScreen)),
  OtpPhone: lazyScreen(() => factorScreens().then((m) => m.OtpPhoneScreen)),
  RecoveryCode: lazyScreen(() => factorScreens().then((m) => m.RecoveryCodeScreen)),
  Passkey: lazyScreen(() => factorScreens().then((m) => m.PasskeyScreen)),
  PasskeyRecovery: lazyScreen(() => linkScreens().then((m) => m.PasskeyRecoveryScreen)),
  VerifyEmail: lazyScreen(() => linkScreens().then((m) => m.EmailVerificationScreen)),
  ResetPassword: lazyScreen(() => linkScreens().then((m) => m.ResetPasswordScreen)),
  MagicLink: lazyScreen(() => linkScreens().then((m) => m.MagicLinkScreen)),
  ThirdPartyCallback: lazyScreen(() => linkScreens().then((m) => m.ThirdPartyCallbackScreen)),
  Settings: lazyScreen(() => accountScreens().then((m) => m.MFASettingsScreen)),
  Security: lazyScreen(() => accountScreens().then((m) => m.SecurityScreen)),
  AccessDenied: AccessDeniedScreen,
} satisfies AuthScreens);

/**
 * Fetches the on-demand screens of `prebuiltScreens` now (e.g. while the user types a password, so
 * the second step shows at once). Resolves when all are loaded.
 */
export function preloadPrebuiltScreens(): Promise<void> {
  return Promise.all(Object.values(prebuiltScreens).map((screen) => ('preload' in screen ? screen.preload() : undefined))).then(() => undefined);
}

/** Options of {@link getPrebuiltAuthRoutes}: those of `createAuthRoutes`, with `screens` optional. */
export interface PrebuiltAuthRoutesOptions extends Omit<CreateAuthRoutesOptions, 'screens'> {
  /** Screens to use instead of (or besides) the pre-built ones, e.g. `{ Settings: MySettings }`. */
  screens?: AuthScreens;
}

/**
 * The kit's routes with the pre-built screens:
 * `createBrowserRouter([...getPrebuiltAuthRoutes(), ...appRoutes])`. For `<Routes>`, use
 * `authRouteElements({ screens: prebuiltScreens })`.
 */
export function getPrebuiltAuthRoutes(options: PrebuiltAuthRoutesOptions = {}): RouteObject[] {
  return createAuthRoutes({ ...options, screens: { ...prebuiltScreens, ...options.screens } });
}
