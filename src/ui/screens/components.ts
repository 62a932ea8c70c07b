import type { ComponentType } from 'react';
import { lazyComponent } from '../parts/lazyComponent.tsx';
import { loadLaterMessages } from '../messages/locales.ts';
import { Alert, type AlertProps } from '../parts/Alert.tsx';
import { Button, type ButtonProps } from '../parts/Button.tsx';
import { Countdown, type CountdownProps } from '../parts/Countdown.tsx';
import { DelayedFallback, type DelayedFallbackProps } from '../parts/DelayedFallback.tsx';
import { ErrorSummary, type ErrorSummaryProps } from '../parts/ErrorSummary.tsx';
import { FactorIcon, type FactorIconProps } from '../parts/FactorIcon.tsx';
import type { FactorListProps } from '../parts/FactorList.tsx';
import type { FactorOptionProps } from '../parts/FactorOption.tsx';
import type { OtpInputProps } from '../parts/OtpInput.tsx';
import { PasswordField, type PasswordFieldProps } from '../parts/PasswordField.tsx';
import type { PhoneFieldProps } from '../parts/PhoneField.tsx';
import { ProviderIcon, type ProviderIconProps } from '../parts/ProviderIcon.tsx';
import type { QrCodeProps } from '../parts/QrCode.tsx';
import type { RecoveryCodeListProps } from '../parts/RecoveryCodeList.tsx';
import { ScreenLayout, type ScreenLayoutProps } from '../parts/ScreenLayout.tsx';
import type { SecretDisplayProps } from '../parts/SecretDisplay.tsx';
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

const laterParts = () => import('../parts/laterParts.ts');
const later = {
  FactorList: lazyComponent<FactorListProps>(() => laterParts().then((m) => m.FactorList)),
  FactorOption: lazyComponent<FactorOptionProps>(() => laterParts().then((m) => m.FactorOption)),
  OtpInput: lazyComponent<OtpInputProps>(() => laterParts().then((m) => m.OtpInput)),
  PhoneField: lazyComponent<PhoneFieldProps>(() => laterParts().then((m) => m.PhoneField)),
  QrCode: lazyComponent<QrCodeProps>(() => laterParts().then((m) => m.QrCode)),
  RecoveryCodeList: lazyComponent<RecoveryCodeListProps>(() => laterParts().then((m) => m.RecoveryCodeList)),
  SecretDisplay: lazyComponent<SecretDisplayProps>(() => laterParts().then((m) => m.SecretDisplay)),
};

/**
 * Fetches the parts the sign-in form does not use (one chunk); the on-demand screens do it with
 * their own code, so a screen and its parts arrive together.
 */
export function preloadLaterParts(): Promise<void> {
  return Promise.all(Object.values(later).map((part) => part.preload())).then(() => undefined);
}

/**
 * Code that is not the sign-in form's (a screen after it, signing in with a code), with the parts
 * and the English messages it needs, fetched at the same time: it then renders without waiting.
 */
export function withLaterParts<T>(code: Promise<T>): Promise<T> {
  return Promise.all([code, preloadLaterParts(), loadLaterMessages()]).then(([loaded]) => loaded);
}

/** The kit's own parts, used where nothing is overridden. Those the sign-in form does not use load on demand. */
export const defaultScreenComponents: Readonly<ScreenComponents> = Object.freeze({
  ...later,
  ScreenLayout,
  Button,
  TextField,
  PasswordField,
  Alert,
  ErrorSummary,
  DelayedFallback,
  Countdown,
  FactorIcon,
  ProviderIcon,
});
