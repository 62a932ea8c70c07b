// One on-demand chunk: the landings of links and redirects (email, reset, magic link, social, passkey recovery).
export { EmailVerificationScreen } from '../EmailVerificationScreen.tsx';
export { ResetPasswordScreen } from '../ResetPasswordScreen.tsx';
export { MagicLinkScreen } from '../MagicLinkScreen.tsx';
export { ThirdPartyCallbackScreen } from '../ThirdPartyCallbackScreen.tsx';
export { PasskeyRecoveryScreen } from '../PasskeyRecoveryScreen.tsx';
