/**
 * The equivalent app on factorkit: every pre-built screen (sign-in, chooser, email/SMS OTP, TOTP,
 * passkeys, recovery codes, email verification, reset, magic link, social callback, settings and
 * security centre, access denied) through `prebuiltScreens`, the guard, and the theme stylesheet.
 */
import '../../src/ui/theme/styles.css';
import { AuthProvider, SessionAuth, authRouteElements, prebuiltScreens } from '../../src/index.ts';
import { mount } from './shell.tsx';

mount({
  wrap: (app) => (
    <AuthProvider config={{ apiDomain: 'http://localhost:3001', firstFactors: ['emailpassword'], claims: { emailVerification: { mode: 'REQUIRED' } } }}>{app}</AuthProvider>
  ),
  authRoutes: authRouteElements({ screens: prebuiltScreens }),
  guard: (page) => <SessionAuth>{page}</SessionAuth>,
});
