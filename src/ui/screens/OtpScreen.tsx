import { useContinue, useFactorScreen, useMFAInfo, useOtpFlow, useSignOut } from '../../react/index.ts';
import { FactorFooter } from './FactorFooter.tsx';
import { validatePhoneNumber } from '../parts/validatePhoneNumber.ts';
import { LoadingScreen } from './LoadingScreen.tsx';
import { OtpSteps } from './OtpSteps.tsx';
import type { BaseScreenProps } from './screenSupport.ts';
import { answerText, failureText, useScreenKit } from './screenSupport.ts';

/** Props of {@link OtpScreen}. */
export interface OtpScreenProps extends BaseScreenProps {
  /** Which OTP factor: a code by email or by text message. */
  factorId: 'otp-email' | 'otp-phone';
  /** Seconds before another code may be asked for. @default 15 */
  resendCooldownSeconds?: number;
  /** How long the backend keeps a code valid, for the expiry countdown. @default 900 */
  codeLifetimeSeconds?: number;
  /** Digits per code. @default 6 */
  codeLength?: number;
  /** ISO 3166 country for phone numbers typed without `+` (e.g. `GB`). Without it, `+` is required. */
  defaultCountry?: string;
}

/**
 * `{basePath}/mfa/otp-email` and `/otp-phone`: sends a code to the contact the backend knows (once
 * per visit; a reload resumes the attempt) or asks for one; takes the code typed, pasted or
 * autofilled and submits it when complete; says how many attempts are left, when the code expires
 * and when a new one may be asked for (the cooldown survives a reload and one click sends one code);
 * lets the user change the contact or start again. A 403 asking for email verification first goes
 * to the verify-email screen. `data-state="idle|submitting|error|success"`.
 */
export function OtpScreen({ factorId, resendCooldownSeconds, codeLifetimeSeconds, codeLength = 6, defaultCountry, components, ...props }: OtpScreenProps) {
  const { m, c, root } = useScreenKit(components);
  const factor = useFactorScreen(factorId);
  const otp = useOtpFlow(factorId, { resendCooldownSeconds, codeLifetimeSeconds, validatePhone: (value) => validatePhoneNumber(value, defaultCountry) });
  const info = useMFAInfo();
  const next = useContinue();
  const signOut = useSignOut();
  const method = factorId === 'otp-phone' ? 'PHONE' : 'EMAIL';

  if (factor.isPending || otp.status === 'loading' || otp.status === 'sending') return <LoadingScreen components={components} {...props} />;

  const infoError = factor.error === null ? undefined : factor.error instanceof Error ? failureText(m, factor.error) : answerText(m, factor.error);
  if (infoError !== undefined)
    return (
      <c.ScreenLayout data-state="error" {...root} {...props} heading={m.format('error.generic')}>
        <c.Alert tone="error">{infoError}</c.Alert>
        <c.Button submitting={info.isFetching} onClick={() => void info.refetch()}>
          {m.format('common.tryAgain')}
        </c.Button>
      </c.ScreenLayout>
    );

  const screenError = next.isError ? failureText(m, next.error) : signOut.isError ? failureText(m, signOut.error) : undefined;
  const footer = <FactorFooter m={m} c={c} factor={factor} signOut={signOut} />;

  return (
    <OtpSteps
      otp={otp}
      method={method}
      m={m}
      c={c}
      rootProps={{ ...root, progress: factor.progress && m.format('common.step', factor.progress), ...props }}
      codeLength={codeLength}
      defaultCountry={defaultCountry}
      continuing={next.isPending || next.isSuccess}
      onVerified={() => next.mutate()}
      footer={footer}
      screenError={screenError}
    />
  );
}

/** Props of {@link OtpEmailScreen} and {@link OtpPhoneScreen}. */
export type OtpFactorScreenProps = Omit<OtpScreenProps, 'factorId'>;

/** {@link OtpScreen} for a code by email (`otp-email`). */
export function OtpEmailScreen(props: OtpFactorScreenProps) {
  return <OtpScreen factorId="otp-email" {...props} />;
}

/** {@link OtpScreen} for a code by text message (`otp-phone`). */
export function OtpPhoneScreen(props: OtpFactorScreenProps) {
  return <OtpScreen factorId="otp-phone" {...props} />;
}
