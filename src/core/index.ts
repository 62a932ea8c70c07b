/**
 * `factorkit/core`: the framework-free client. No React, no DOM access at import time.
 */
export { createAuthClient } from './createAuthClient.ts';
export { AuthError, AuthErrorCodes, isAuthError } from './errors.ts';
export { decodeFrontToken } from './frontToken.ts';
export { createMemoryStorage } from './storage.ts';
export { FactorIds, contactMethodOf } from '../protocol/factorIds.ts';
export { ClaimIds } from '../protocol/claims.ts';
export { maskContact } from '../protocol/maskContact.ts';
export { getNextSetOfUnsatisfiedFactors, isRequirementListSatisfied } from '../protocol/requirements.ts';
export { MultiFactorAuthClaim } from './claims/mfaClaim.ts';
export { EmailVerificationClaim } from './claims/emailVerificationClaim.ts';
export { createPrimitiveClaim, createBooleanClaim } from './claims/primitiveClaim.ts';
export { validateClaims } from './claims/validateClaims.ts';
export { sanitizeRedirectPath } from './redirect/sanitizeRedirectPath.ts';
export { resolveRedirect, returnPath, authPaths, DEFAULT_FACTOR_SCREENS } from './redirect/resolveRedirect.ts';
export { FDI_VERSIONS } from './session/transport.ts';
export { STEP_UP_CLAIM_ID } from './api/mfaSettings.ts';
export { RefusalCodes, refusalOf } from '../protocol/refusal.ts';
export { createFlowStore } from './flows/store.ts';
export { codeOutcome, stepUpFactorsOf } from './flows/codeOutcome.ts';
export { createOtpFlow, initialOtpState, otpView, reduceOtp } from './flows/otpFlow.ts';
export { forgetOtpAttempts, otpAttemptStore } from './flows/otpAttempts.ts';
export { createTotpFlow, initialTotpState, reduceTotp, totpView } from './flows/totpFlow.ts';
export { typedEmailProblem } from './flows/contact.ts';
export {
  createThirdPartyStartFlow,
  initialThirdPartyStartState,
  reduceThirdPartyStart,
} from './flows/thirdPartyFlow.ts';
export { createThirdPartyCallbackFlow, initialThirdPartyCallbackState, reduceThirdPartyCallback } from './flows/thirdPartyCallbackFlow.ts';
export { createMagicLinkFlow, initialMagicLinkState, magicLinkOf, magicLinkView, reduceMagicLink } from './flows/magicLinkFlow.ts';
export { createSignInFlow, fieldProblemOf, initialSignInState, reduceSignIn, signInView } from './flows/signInFlow.ts';
export { createPasskeyFlow, initialPasskeyState, passkeyAutofillSupported, passkeyIssueOf, passkeysSupported, reducePasskey } from './flows/passkeyFlow.ts';
export { createRecoveryCodeFlow, initialRecoveryCodeState, recoveryCodeView, reduceRecoveryCode } from './flows/recoveryCodeFlow.ts';
export {
  createChangePasswordFlow,
  createForgotPasswordFlow,
  createResetPasswordFlow,
  forgotPasswordView,
  initialChangePasswordState,
  initialForgotPasswordState,
  initialResetPasswordState,
  newPasswordProblems,
  reduceChangePassword,
  reduceForgotPassword,
  reduceResetPassword,
} from './flows/passwordFlows.ts';
export { createEmailVerificationFlow, emailVerificationView, initialEmailVerificationState, reduceEmailVerification } from './flows/emailVerificationFlow.ts';
export {
  createSettingsFlow,
  initialSettingsState,
  needsStepUpFirst,
  pendingSettingsChange,
  reduceSettings,
  SETTINGS_DEVICES_ANCHOR,
  SETTINGS_PASSWORD_ANCHOR,
  SETTINGS_RECOVERY_ANCHOR,
  settingsAnchorOf,
  settingsChangeKey,
  settingsContactOf,
  setsUpInPlace,
  verifiableInPlace,
} from './flows/settingsFlow.ts';

export type { AuthClient, ClaimsConfig, CreateAuthClientConfig, ResolveNextOptions, SessionSnapshot } from './createAuthClient.ts';
export type { AuthClientConfig, TokenTransferMethod, LockManagerLike, ChannelLike } from './config.ts';
export type { FrontToken, DecodeFrontTokenResult } from './frontToken.ts';
export type { KeyValueStorage } from './storage.ts';
export type { MFARequirement, MFARequirementList, MFAClaimValue, UnsatisfiedFactors } from '../protocol/requirements.ts';
export type { ClaimClient, ClaimValidator, ClaimFailure, ClaimFailureTarget, ClaimValidationResult } from './claims/ClaimValidator.ts';
export type { PrimitiveClaim, PrimitiveClaimOptions } from './claims/primitiveClaim.ts';
export type { FactorScreen, ResolveRedirectInput, RedirectDecision, AccessDeniedReason } from './redirect/resolveRedirect.ts';
export type { SessionEvent, SessionEventType, ClaimValidationError } from './session/sessionEvents.ts';
export type { User, GeneralError, InvalidClaim, FieldError, NotAllowed } from './api/types.ts';
export type { RefusalCode, Refusal, RetryAfter } from '../protocol/refusal.ts';
export type { FlowStore } from './flows/store.ts';
export type { CodeOutcome } from './flows/codeOutcome.ts';
export type { OtpFlow, OtpFlowEvent, OtpFlowOptions, OtpFlowState, OtpSendIssue } from './flows/otpFlow.ts';
export type { StoredOtpAttempt } from './flows/otpAttempts.ts';
export type { TotpCreateIssue, TotpFlow, TotpFlowEvent, TotpFlowOptions, TotpFlowState, TotpNewDevice } from './flows/totpFlow.ts';
export type { TypedEmailProblem } from './flows/contact.ts';
export type {
  ThirdPartyAttempt,
  ThirdPartyStartEvent,
  ThirdPartyStartFlow,
  ThirdPartyStartIssue,
  ThirdPartyStartOptions,
  ThirdPartyStartState,
} from './flows/thirdPartyFlow.ts';
export type { ThirdPartyCallbackEvent, ThirdPartyCallbackFlow, ThirdPartyCallbackOptions, ThirdPartyCallbackOutcome, ThirdPartyCallbackState } from './flows/thirdPartyCallbackFlow.ts';
export type { MagicLinkEvent, MagicLinkFlow, MagicLinkFlowOptions, MagicLinkState } from './flows/magicLinkFlow.ts';
export type { PasskeyBrowser, PasskeyEvent, PasskeyFlow, PasskeyFlowOptions, PasskeyIssue, PasskeyState } from './flows/passkeyFlow.ts';
export type { Passkey, PasskeyCeremonyResult, PasskeyRegisterOptions, PasskeySignInOptions } from './api/webauthn.ts';
export type { RecoveryCodeEvent, RecoveryCodeFlow, RecoveryCodeIssue, RecoveryCodeState } from './flows/recoveryCodeFlow.ts';
export type { FieldProblem, SignInFields, SignInFlow, SignInFlowEvent, SignInFlowOptions, SignInFlowState, SignInIssue } from './flows/signInFlow.ts';
export type {
  ChangePasswordEvent,
  ChangePasswordFlow,
  ChangePasswordState,
  ForgotPasswordEvent,
  ForgotPasswordFlow,
  ForgotPasswordFlowOptions,
  ForgotPasswordState,
  NewPasswordProblem,
  PasswordIssue,
  ResetPasswordEvent,
  ResetPasswordFlow,
  ResetPasswordState,
} from './flows/passwordFlows.ts';
export type { EmailVerificationFlow, EmailVerificationFlowEvent, EmailVerificationFlowOptions, EmailVerificationFlowState, EmailVerificationIssue } from './flows/emailVerificationFlow.ts';
export type { SettingsChange, SettingsFlow, SettingsFlowEvent, SettingsFlowOptions, SettingsFlowState, SettingsLeave, SettingsNotice, SettingsPanel } from './flows/settingsFlow.ts';
export type { SignInResult, SignUpResult, EmailPasswordInput, SendPasswordResetEmailResult, SubmitNewPasswordResult, ChangePasswordResult } from './api/emailPassword.ts';
export type { OtpAttempt, CreateCodeInput, CreateCodeResult, ResendCodeResult, ConsumeCodeResult } from './api/passwordless.ts';
export type { TotpDevice, CreateDeviceResult, VerifyDeviceResult, VerifyCodeResult, InvalidTotp, TotpLimitReached } from './api/totp.ts';
export type { MFAInfo, MFAInfoResult } from './api/mfa.ts';
export type { LoginMethods } from './api/multitenancy.ts';
export type { AuthorisationUrlResult, ThirdPartySignInUpResult } from './api/thirdParty.ts';
export type { MFASettings, MFASettingsFactor, RecoveryCodeCount, RequiredFactorChangeResult, UseRecoveryCodeResult } from './api/mfaSettings.ts';
export type { UserSession } from './api/sessions.ts';
export type { TrustedDevice } from './api/trustedDevices.ts';
export type { ConnectedAccount } from './api/connectedAccounts.ts';
