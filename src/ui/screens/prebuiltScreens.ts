import type { RouteObject } from 'react-router-dom';
import { createAuthRoutes, type AuthScreens, type CreateAuthRoutesOptions } from '../../react/index.ts';
import { AccessDeniedScreen } from './AccessDeniedScreen.tsx';
import { EmailVerificationScreen } from './EmailVerificationScreen.tsx';
import { FactorChooserScreen } from './FactorChooserScreen.tsx';
import { OtpEmailScreen, OtpPhoneScreen } from './OtpScreen.tsx';
import { MFASettingsScreen } from './settings/MFASettingsScreen.tsx';
import { MagicLinkScreen } from './MagicLinkScreen.tsx';
import { ResetPasswordScreen } from './ResetPasswordScreen.tsx';
import { SignInScreen } from './SignInScreen.tsx';
import { ThirdPartyCallbackScreen } from './ThirdPartyCallbackScreen.tsx';
import { TotpScreen } from './TotpScreen.tsx';
import { RecoveryCodeScreen } from './RecoveryCodeScreen.tsx';
import { SecurityScreen } from './SecurityScreen.tsx';
import { PasskeyScreen } from './PasskeyScreen.tsx';
import { PasskeyRecoveryScreen } from './PasskeyRecoveryScreen.tsx';

/** The kit's pre-built screens, one per route of `createAuthRoutes`. */
export const prebuiltScreens = Object.freeze({
  SignIn: SignInScreen,
  FactorChooser: FactorChooserScreen,
  Totp: TotpScreen,
  OtpEmail: OtpEmailScreen,
  OtpPhone: OtpPhoneScreen,
  RecoveryCode: RecoveryCodeScreen,
  Passkey: PasskeyScreen,
  PasskeyRecovery: PasskeyRecoveryScreen,
  VerifyEmail: EmailVerificationScreen,
  ResetPassword: ResetPasswordScreen,
  MagicLink: MagicLinkScreen,
  ThirdPartyCallback: ThirdPartyCallbackScreen,
  Settings: MFASettingsScreen,
  Security: SecurityScreen,
  AccessDenied: AccessDeniedScreen,
} satisfies AuthScreens);

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
