/**
 * The equivalent app on factorkit: every pre-built screen (sign-in, chooser, email/SMS OTP, TOTP,
 * email verification, access denied, MFA settings), the guard, and the theme stylesheet.
 */
import '../../src/ui/theme/styles.css';
import { AuthProvider, MFASettingsScreen, SessionAuth, authRouteElements, prebuiltScreens } from '../../src/index.ts';
import { mount } from './shell.tsx';

mount({
  wrap: (app) => (
    <AuthProvider config={{ apiDomain: 'http://localhost:3001', claims: { emailVerification: { mode: 'REQUIRED' } } }}>{app}</AuthProvider>
  ),
  authRoutes: authRouteElements({ screens: { ...prebuiltScreens, Settings: MFASettingsScreen } }),
  guard: (page) => <SessionAuth>{page}</SessionAuth>,
});
