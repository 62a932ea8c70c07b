/**
 * factorkit UI: message catalogues and the unstyled-but-themed parts the screens are built from.
 * The theme is a separate stylesheet: `import 'factorkit/styles.css'`.
 */
export { createMessages } from './messages/createMessages.ts';
export { localeDir } from './messages/localeDir.ts';
export { loadLocale, locales } from './messages/locales.ts';
export { en } from './messages/en.ts';

export { Alert, AlertTones } from './parts/Alert.tsx';
export { Button, ButtonVariants } from './parts/Button.tsx';
export { Card } from './parts/Card.tsx';
export { CopyButton } from './parts/CopyButton.tsx';
export { RecoveryCodeList } from './parts/RecoveryCodeList.tsx';
export { Countdown } from './parts/Countdown.tsx';
export { DelayedFallback } from './parts/DelayedFallback.tsx';
export { ErrorSummary } from './parts/ErrorSummary.tsx';
export { FactorIcon } from './parts/FactorIcon.tsx';
export { FactorList } from './parts/FactorList.tsx';
export { FactorOption } from './parts/FactorOption.tsx';
export { LiveRegion } from './parts/LiveRegion.tsx';
export { OtpInput } from './parts/OtpInput.tsx';
export { PhoneField } from './parts/PhoneField.tsx';
export { ProviderIcon } from './parts/ProviderIcon.tsx';
export { QrCode } from './parts/QrCode.tsx';
export { ScreenLayout } from './parts/ScreenLayout.tsx';
export { SecretDisplay } from './parts/SecretDisplay.tsx';
export { Spinner } from './parts/Spinner.tsx';
export { SpinnerIcon } from './parts/SpinnerIcon.tsx';
export { TextField } from './parts/TextField.tsx';
export { PasswordField } from './parts/PasswordField.tsx';
export { checkContrast, contrastRatio, CONTRAST_PAIRS } from './theme/contrast.ts';
export type { ContrastFailure, ContrastPair } from './theme/contrast.ts';
export { checkPhoneShape, compactPhoneNumber, loadPhonePlans, validatePhoneNumber } from './parts/validatePhoneNumber.ts';
export { normaliseDigits } from './parts/normaliseDigits.ts';
export { visuallyHidden } from './parts/visuallyHidden.ts';

export type {
  MessageArgs,
  MessageCatalogue,
  MessageKey,
  MessageOverrides,
  MessagePlaceholders,
  MessageValues,
  Messages,
  PartialCatalogue,
  PluralMessage,
  TextDirection,
} from './messages/types.ts';
export type { BuiltInLocale, LocaleDefinition } from './messages/locales.ts';
export type { AlertProps } from './parts/Alert.tsx';
export type { ButtonProps } from './parts/Button.tsx';
export type { CardProps } from './parts/Card.tsx';
export type { CopyButtonProps } from './parts/CopyButton.tsx';
export type { RecoveryCodeListProps } from './parts/RecoveryCodeList.tsx';
export type { CountdownProps } from './parts/Countdown.tsx';
export type { DelayedFallbackProps } from './parts/DelayedFallback.tsx';
export type { ErrorSummaryItem, ErrorSummaryProps } from './parts/ErrorSummary.tsx';
export type { FactorIconProps } from './parts/FactorIcon.tsx';
export type { FactorListProps } from './parts/FactorList.tsx';
export type { FactorOptionProps } from './parts/FactorOption.tsx';
export type { LiveRegionProps } from './parts/LiveRegion.tsx';
export type { OtpInputProps } from './parts/OtpInput.tsx';
export type { PhoneFieldProps } from './parts/PhoneField.tsx';
export type { ProviderIconProps } from './parts/ProviderIcon.tsx';
export type { QrCodeProps } from './parts/QrCode.tsx';
export type { ScreenLayoutProps } from './parts/ScreenLayout.tsx';
export type { SecretDisplayProps } from './parts/SecretDisplay.tsx';
export type { SpinnerProps } from './parts/Spinner.tsx';
export type { TextFieldProps } from './parts/TextField.tsx';
export type { PasswordFieldProps } from './parts/PasswordField.tsx';
export type { PhoneValidation } from './parts/validatePhoneNumber.ts';

// ------------------------------------------------------------------ pre-built screens
export { FactorKitProvider, ThemeRoot, ThemeNames, useFactorKit, useThemeRootProps } from './screens/FactorKitProvider.tsx';
export { defaultScreenComponents } from './screens/components.ts';
export { LoadingScreen } from './screens/LoadingScreen.tsx';
export { AccessDeniedScreen } from './screens/AccessDeniedScreen.tsx';
export { SignInScreen } from './screens/SignInScreen.tsx';
export { FactorChooserScreen } from './screens/FactorChooserScreen.tsx';
export { OtpScreen, OtpEmailScreen, OtpPhoneScreen } from './screens/OtpScreen.tsx';
export { TotpScreen } from './screens/TotpScreen.tsx';
export { RecoveryCodeScreen } from './screens/RecoveryCodeScreen.tsx';
export { renderStepUpDialog, StepUpDialog } from './screens/StepUpDialog.tsx';
export { SecurityScreen } from './screens/SecurityScreen.tsx';
export { PasskeyScreen } from './screens/PasskeyScreen.tsx';
export { PasskeyRecoveryScreen } from './screens/PasskeyRecoveryScreen.tsx';
export { PasskeyPrompt } from './screens/PasskeyPrompt.tsx';
export { EmailVerificationScreen } from './screens/EmailVerificationScreen.tsx';
export { ResetPasswordScreen } from './screens/ResetPasswordScreen.tsx';
export { MagicLinkScreen } from './screens/MagicLinkScreen.tsx';
export { ThirdPartyCallbackScreen } from './screens/ThirdPartyCallbackScreen.tsx';
export { prebuiltScreens, getPrebuiltAuthRoutes, preloadPrebuiltScreens } from './screens/prebuiltScreens.tsx';

export type { FactorKitValue, FactorKitProviderProps, ThemeRootProps } from './screens/FactorKitProvider.tsx';
export type { ScreenComponents } from './screens/components.ts';
export type { BaseScreenProps } from './screens/screenSupport.ts';
export type { LoadingScreenProps } from './screens/LoadingScreen.tsx';
export type { AccessDeniedScreenProps, AccessDeniedScreenReason } from './screens/AccessDeniedScreen.tsx';
export type { SignInScreenProps, SignInMode } from './screens/SignInScreen.tsx';
export type { FactorChooserScreenProps } from './screens/FactorChooserScreen.tsx';
export type { OtpScreenProps, OtpFactorScreenProps } from './screens/OtpScreen.tsx';
export type { TotpScreenProps } from './screens/TotpScreen.tsx';
export type { RecoveryCodeScreenProps } from './screens/RecoveryCodeScreen.tsx';
export type { StepUpDialogProps } from './screens/StepUpDialog.tsx';
export type { SecurityScreenProps } from './screens/SecurityScreen.tsx';
export type { PasskeyScreenProps } from './screens/PasskeyScreen.tsx';
export type { PasskeyRecoveryScreenProps } from './screens/PasskeyRecoveryScreen.tsx';
export type { PasskeyPromptProps } from './screens/PasskeyPrompt.tsx';
export type { EmailVerificationScreenProps } from './screens/EmailVerificationScreen.tsx';
export type { ResetPasswordScreenProps } from './screens/ResetPasswordScreen.tsx';
export type { MagicLinkScreenProps } from './screens/MagicLinkScreen.tsx';
export type { ThirdPartyCallbackScreenProps } from './screens/ThirdPartyCallbackScreen.tsx';
export type { PrebuiltAuthRoutesOptions } from './screens/prebuiltScreens.tsx';

// ------------------------------------------------------------------ MFA settings
export { MFASettingsScreen } from './screens/settings/MFASettingsScreen.tsx';
export type { MFASettingsScreenProps } from './screens/settings/MFASettingsScreen.tsx';
