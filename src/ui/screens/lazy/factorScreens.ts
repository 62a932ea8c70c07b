// One on-demand chunk: the screens of sign-in's second step.
export { FactorChooserScreen } from '../FactorChooserScreen.tsx';
export { TotpScreen } from '../TotpScreen.tsx';
export { OtpEmailScreen, OtpPhoneScreen } from '../OtpScreen.tsx';
export { RecoveryCodeScreen } from '../RecoveryCodeScreen.tsx';
export { PasskeyScreen } from '../PasskeyScreen.tsx';
