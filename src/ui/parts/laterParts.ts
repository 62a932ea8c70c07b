// One on-demand chunk: the parts the sign-in form does not use (codes, QR codes, lists of factors
// and recovery codes, phone numbers), loaded with the first screen that does.
export { FactorList } from './FactorList.tsx';
export { FactorOption } from './FactorOption.tsx';
export { OtpInput } from './OtpInput.tsx';
export { PhoneField } from './PhoneField.tsx';
export { QrCode } from './QrCode.tsx';
export { RecoveryCodeList } from './RecoveryCodeList.tsx';
export { SecretDisplay } from './SecretDisplay.tsx';
