import type { ComponentType } from 'react';
import { Alert, type AlertProps } from '../parts/Alert.tsx';
import { Button, type ButtonProps } from '../parts/Button.tsx';
import { Countdown, type CountdownProps } from '../parts/Countdown.tsx';
import { DelayedFallback, type DelayedFallbackProps } from '../parts/DelayedFallback.tsx';
import { ErrorSummary, type ErrorSummaryProps } from '../parts/ErrorSummary.tsx';
import { FactorIcon, type FactorIconProps } from '../parts/FactorIcon.tsx';
import { FactorList, type FactorListProps } from '../parts/FactorList.tsx';
import { FactorOption, type FactorOptionProps } from '../parts/FactorOption.tsx';
import { OtpInput, type OtpInputProps } from '../parts/OtpInput.tsx';
import { PasswordField, type PasswordFieldProps } from '../parts/PasswordField.tsx';
import { PhoneField, type PhoneFieldProps } from '../parts/PhoneField.tsx';
import { ProviderIcon, type ProviderIconProps } from '../parts/ProviderIcon.tsx';
import { QrCode, type QrCodeProps } from '../parts/QrCode.tsx';
import { RecoveryCodeList, type RecoveryCodeListProps } from '../parts/RecoveryCodeList.tsx';
import { ScreenLayout, type ScreenLayoutProps } from '../parts/ScreenLayout.tsx';
import { SecretDisplay, type SecretDisplayProps } from '../parts/SecretDisplay.tsx';
import { TextField, type TextFieldProps } from '../parts/TextField.tsx';

/**
 * The parts a pre-built screen is assembled from. Replace any of them, for every screen with
 * `<FactorKitProvider components>` or for one screen with its `components` prop; a replacement
 * receives the same props as the part it replaces.
 */
export interface ScreenComponents {
  ScreenLayout: ComponentType<ScreenLayoutProps>;
  Button: ComponentType<ButtonProps>;
  TextField: ComponentType<TextFieldProps>;
  PasswordField: ComponentType<PasswordFieldProps>;
  PhoneField: ComponentType<PhoneFieldProps>;
  OtpInput: ComponentType<OtpInputProps>;
  Alert: ComponentType<AlertProps>;
  ErrorSummary: ComponentType<ErrorSummaryProps>;
  DelayedFallback: ComponentType<DelayedFallbackProps>;
  Countdown: ComponentType<CountdownProps>;
  QrCode: ComponentType<QrCodeProps>;
  SecretDisplay: ComponentType<SecretDisplayProps>;
  FactorList: ComponentType<FactorListProps>;
  FactorOption: ComponentType<FactorOptionProps>;
  FactorIcon: ComponentType<FactorIconProps>;
  ProviderIcon: ComponentType<ProviderIconProps>;
  RecoveryCodeList: ComponentType<RecoveryCodeListProps>;
}

/** The kit's own parts, used where nothing is overridden. */
export const defaultScreenComponents: Readonly<ScreenComponents> = Object.freeze({
  ScreenLayout,
  Button,
  TextField,
  PasswordField,
  PhoneField,
  OtpInput,
  Alert,
  ErrorSummary,
  DelayedFallback,
  Countdown,
  QrCode,
  SecretDisplay,
  FactorList,
  FactorOption,
  FactorIcon,
  ProviderIcon,
  RecoveryCodeList,
});
