import type { ReactNode } from 'react';
import { useOtpFlow } from '../../react/index.ts';
import { validatePhoneNumber } from '../parts/validatePhoneNumber.ts';
import type { Messages } from '../messages/types.ts';
import type { ScreenComponents } from './components.ts';
import { useScreenKitValue } from './FactorKitProvider.tsx';
import { LoadingScreen } from './LoadingScreen.tsx';
import { OtpSteps } from './OtpSteps.tsx';

/** What the sign-in screen gives each of its forms. */
export interface FormProps {
  m: Messages;
  c: ScreenComponents;
  rootProps: Record<string, unknown>;
  footer: ReactNode;
  screenError: string | undefined;
  /** The social and enterprise sign-in buttons, above the form. */
  lead?: ReactNode;
}

/** Sign-in with a code (or a magic link) by email or text message: the sign-in screen's on-demand part. */
export function SignInWithCode({ factorId, linkOnly, lead, c, rootProps, footer, screenError, defaultCountry }: FormProps & { factorId: 'otp-email' | 'otp-phone'; linkOnly: boolean; defaultCountry?: string }) {
  const otp = useOtpFlow(factorId, { validatePhone: (value) => validatePhoneNumber(value, defaultCountry) });
  // The code steps' messages are not the sign-in form's: this part's own, all of English (its loader fetched the rest).
  const all = useScreenKitValue('all').messages;
  // A correct code starts the session; the screen then continues on its own.
  if (otp.status === 'loading') return <LoadingScreen components={c} />;
  return (
    <OtpSteps
      otp={otp}
      method={factorId === 'otp-phone' ? 'PHONE' : 'EMAIL'}
      m={all}
      c={c}
      rootProps={rootProps}
      codeLength={6}
      defaultCountry={defaultCountry}
      continuing={false}
      onVerified={() => undefined}
      footer={footer}
      screenError={screenError}
      linkOnly={linkOnly}
      lead={lead}
    />
  );
}
