/**
 * The React layer of factorkit: provider, guard, hooks and routes. No markup of its own beyond the
 * guard's `aria-busy` wrapper; the screens come from the UI layer (or the app).
 */
export { AuthProvider } from './AuthProvider.tsx';
export { SessionAuth } from './SessionAuth.tsx';
export { createAuthRoutes, authRouteElements } from './routes.tsx';
export { useAuthUiSettings } from './AuthContext.ts';
export { fkKeys, mfaInfoQueryOptions, totpDevicesQueryOptions, emailVerificationQueryOptions, mfaSettingsQueryOptions, loginMethodsQueryOptions } from './fkKeys.ts';
export { useAuthClient } from './useAuthClient.ts';
export { useSession } from './useSession.ts';
export { useClaimValue } from './useClaimValue.ts';
export { useMFAInfo } from './useMFAInfo.ts';
export { useSignOut } from './useSignOut.ts';
export { useContinue } from './useContinue.ts';
export { useAuthLinks } from './useAuthLinks.ts';
export { useAuthParams } from './useAuthParams.ts';
export { useFactorChooser } from './useFactorChooser.ts';
export { useFactorScreen } from './useFactorScreen.ts';
export { useTotpDevices, useCreateTotpDevice, useVerifyTotpDevice, useVerifyTotpCode, useRemoveTotpDevice } from './useTotp.ts';
export { useOtpFlow } from './useOtpFlow.ts';
export { useTotpFlow } from './useTotpFlow.ts';
export { useSignInFlow } from './useSignInFlow.ts';
export { useEmailVerificationFlow } from './useEmailVerificationFlow.ts';
export { useSettingsFlow } from './useSettingsFlow.ts';
export { useGuardHold } from './useGuardHold.ts';
export { useForgotPasswordFlow } from './useForgotPasswordFlow.ts';
export { useResetPasswordFlow } from './useResetPasswordFlow.ts';
export { useChangePasswordFlow } from './useChangePasswordFlow.ts';
export { useRecoveryCodeFlow } from './useRecoveryCodeFlow.ts';
export { useGenerateRecoveryCodes, useRecoveryCodes } from './useRecoveryCodes.ts';
export { useMagicLinkFlow, useMagicLinkInUrl } from './useMagicLinkFlow.ts';
export { useThirdPartySignIn, useThirdPartyCallback } from './useThirdPartySignIn.ts';
export { useEmailVerification } from './useEmailVerification.ts';
export { useSignIn, useSignUp } from './useEmailPassword.ts';
export { useLoginMethods } from './useLoginMethods.ts';
export { useMFASettings, useRequiredFactorChange } from './useMFASettings.ts';
export { useRevokeSessions, useSessions } from './useSessions.ts';

export type { AuthProviderProps } from './AuthProvider.tsx';
export type { AuthUiTypes } from './AuthContext.ts';
export type { SessionAuthProps } from './SessionAuth.tsx';
export type { AuthScreens, CreateAuthRoutesOptions, CustomFactorRoute } from './routes.tsx';
export type { FactorScreenInfo, AccessDeniedDecision, RedirectionContext, GetRedirectionURL, AuthUiSettings } from './AuthContext.ts';
export type { SessionState } from './useSession.ts';
export type { ClaimReader } from './useClaimValue.ts';
export type { AuthParams } from './useAuthParams.ts';
export type { FactorChoice } from './useFactorChooser.ts';
export type { WithAttemptsRemaining } from './useTotp.ts';
export type { UseOtpFlowOptions } from './useOtpFlow.ts';
export type { UseTotpFlowOptions } from './useTotpFlow.ts';
export type { UseSignInFlowOptions } from './useSignInFlow.ts';
export type { UseEmailVerificationFlowOptions } from './useEmailVerificationFlow.ts';
export type { UseSettingsFlowOptions } from './useSettingsFlow.ts';
export type { GuardHold } from './guardHold.ts';
export type { UseForgotPasswordFlowOptions } from './useForgotPasswordFlow.ts';
export type { UseThirdPartySignInOptions } from './useThirdPartySignIn.ts';
export type { FieldErrors } from './useEmailPassword.ts';
