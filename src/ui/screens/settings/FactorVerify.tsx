import { useState, type FormEvent } from 'react';
import { useOtpAttempt, useSignIn, useVerifyTotpCode } from '../../../react/index.ts';
import type { Messages } from '../../messages/types.ts';
import { validatePhoneNumber } from '../../parts/validatePhoneNumber.ts';
import type { ScreenComponents } from '../components.ts';
import { RetryCountdown } from '../RetryCountdown.tsx';
import { errorText, stepUpFactorsOf } from './errorText.ts';

/** Props of {@link TotpCodeForm}. */
export interface TotpCodeFormProps {
  messages: Messages;
  /** The parts to draw with. */
  c: ScreenComponents;
  /** The session completed `totp` just now. */
  onVerified: () => void;
  submitLabel?: string;
}

/** A code from the user's authenticator app, completing `totp` in this session (`POST /totp/verify`). */
export function TotpCodeForm({ messages: m, c, onVerified, submitLabel }: TotpCodeFormProps) {
  const verify = useVerifyTotpCode();
  const [code, setCode] = useState('');
  const [lockedUntil, setLockedUntil] = useState<number | undefined>(undefined);
  const submit = (totp: string) => {
    if (totp.length !== 6 || verify.isPending || lockedUntil !== undefined) return;
    verify.mutate(
      { totp },
      {
        onSuccess: (r) => {
          if (r.status === 'OK') onVerified();
          else if (r.status === 'LIMIT_REACHED_ERROR') setLockedUntil(Date.now() + r.retryAfterMs);
          else setCode('');
        },
      },
    );
  };
  const r = verify.data;
  const error =
    verify.error !== null
      ? errorText(m, verify.error)
      : r === undefined || r.status === 'OK' || r.status === 'LIMIT_REACHED_ERROR'
        ? undefined
        : r.status === 'INVALID_TOTP_ERROR'
          ? r.attemptsRemaining > 0
            ? m.format('totp.attemptsLeft', { count: r.attemptsRemaining })
            : m.format('totp.invalid')
          : errorText(m, r);
  return (
    <form
      data-fk="settings-verify"
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        submit(code);
      }}
    >
      {lockedUntil !== undefined && (
        <c.Alert title={m.format('totp.locked.title')}>
          {m.format('totp.locked.body')}{' '}
          <c.Countdown endsAt={lockedUntil} format={(s) => m.format('totp.locked.countdown', { time: m.formatDuration(s) })} onDone={() => setLockedUntil(undefined)} />
        </c.Alert>
      )}
      <c.OtpInput label={m.format('totp.codeLabel')} value={code} onValueChange={setCode} onComplete={submit} error={error} disabled={lockedUntil !== undefined} />
      <c.Button type="submit" submitting={verify.isPending} disabled={lockedUntil !== undefined}>
        {submitLabel ?? m.format('totp.submit')}
      </c.Button>
    </form>
  );
}

/** Props of {@link OtpCodeFlow}. */
export interface OtpCodeFlowProps {
  messages: Messages;
  /** The parts to draw with. */
  c: ScreenComponents;
  factorId: string;
  /** Send to this contact (a button "Send a code to …"); without it, the user types one. */
  contact?: string;
  /** The session completed the factor; `contact` is where the code went. */
  onVerified: (contact: string) => void;
  submitLabel?: string;
  /** A new contact needs step-up first (`403 fk-step-up`): the factors that would do. */
  onStepUpRequired?: (factors: string[]) => void;
}

/**
 * An email or SMS code as a second factor of this session (`shouldTryLinkingWithSessionUser`):
 * to a known contact on request, or to one the user types (which links it to the account).
 */
export function OtpCodeFlow({ messages: m, c, factorId, contact, onVerified, submitLabel, onStepUpRequired }: OtpCodeFlowProps) {
  const otp = useOtpAttempt(factorId, { autoSend: false });
  const phone = otp.attempt?.contactMethod === 'PHONE' || factorId.includes('phone');
  const [sentTo, setSentTo] = useState<string | undefined>(undefined);
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState<string | undefined>(undefined);
  const [code, setCode] = useState('');

  const send = (to: string) =>
    otp.send.mutate(to, {
      onSuccess: (r) => {
        if (r.status === 'OK') {
          setSentTo(to);
          setCode('');
          otp.consume.reset();
        }
        const factors = stepUpFactorsOf(r);
        if (factors && onStepUpRequired) onStepUpRequired(factors);
      },
    });
  const sendTyped = async () => {
    const value = typed.trim();
    if (value === '') {
      setTypedError(m.format('fieldError.required'));
      return;
    }
    if (phone) {
      const checked = await validatePhoneNumber(value);
      if (!checked.valid || !checked.e164) {
        setTypedError(m.format('fieldError.phoneInvalid'));
        return;
      }
      setTypedError(undefined);
      send(checked.e164);
      return;
    }
    if (!/^[^\s@]+@[^\s@]+$/.test(value)) {
      setTypedError(m.format('fieldError.emailInvalid'));
      return;
    }
    setTypedError(undefined);
    send(value);
  };
  const submit = (userInputCode: string) => {
    if (userInputCode.length !== 6 || otp.consume.isPending || sentTo === undefined) return;
    const to = sentTo;
    otp.consume.mutate(userInputCode, {
      onSuccess: (r) => {
        if (r.status === 'OK') onVerified(to);
        else if (r.status === 'RESTART_FLOW_ERROR' || r.status === 'SIGN_IN_UP_NOT_ALLOWED') setSentTo(undefined);
        else setCode('');
      },
    });
  };

  const sendAnswer = otp.send.data;
  const sendError = otp.send.error !== null ? errorText(m, otp.send.error) : sendAnswer && sendAnswer.status !== 'OK' ? errorText(m, sendAnswer) : undefined;
  const consumed = otp.consume.data;
  const codeError =
    otp.consume.error !== null
      ? errorText(m, otp.consume.error)
      : consumed === undefined || consumed.status === 'OK'
        ? undefined
        : consumed.status === 'INCORRECT_USER_INPUT_CODE_ERROR'
          ? consumed.attemptsRemaining > 0
            ? m.format('otp.attemptsLeft', { count: consumed.attemptsRemaining })
            : m.format('otp.tooManyAttempts')
          : consumed.status === 'EXPIRED_USER_INPUT_CODE_ERROR'
            ? m.format('otp.expired')
            : undefined;
  const restartError =
    sentTo === undefined && consumed !== undefined && (consumed.status === 'RESTART_FLOW_ERROR' || consumed.status === 'SIGN_IN_UP_NOT_ALLOWED')
      ? consumed.status === 'SIGN_IN_UP_NOT_ALLOWED'
        ? errorText(m, consumed)
        : m.format('otp.restartRequired')
      : undefined;

  if (sentTo === undefined) {
    return (
      <div data-fk="settings-verify">
        {(sendError ?? restartError) && (
          <c.Alert>
            {sendError ?? restartError}
            <RetryCountdown m={m} c={c} answer={sendError !== undefined ? sendAnswer : consumed} />
          </c.Alert>
        )}
        {contact !== undefined ? (
          <c.Button variant="secondary" submitting={otp.send.isPending} onClick={() => send(contact)}>
            {m.format('otp.sendToKnown', { contact })}
          </c.Button>
        ) : (
          <form
            noValidate
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              void sendTyped();
            }}
          >
            {phone ? (
              <c.PhoneField
                label={m.format('field.phone.label')}
                description={m.format('field.phone.description')}
                invalidMessage={m.format('fieldError.phoneInvalid')}
                value={typed}
                onValueChange={setTyped}
                error={typedError}
                autoComplete="tel"
              />
            ) : (
              <c.TextField label={m.format('field.email.label')} type="email" autoComplete="email" value={typed} onValueChange={setTyped} error={typedError} />
            )}
            <c.Button type="submit" submitting={otp.send.isPending}>
              {m.format('otp.sendCode')}
            </c.Button>
          </form>
        )}
      </div>
    );
  }
  return (
    <form
      data-fk="settings-verify"
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        submit(code);
      }}
    >
      <p>{m.format(phone ? 'otp.phone.sentTo' : 'otp.email.sentTo', { contact: sentTo })}</p>
      <c.OtpInput label={m.format('otp.codeLabel')} description={m.format('otp.codeDescription', { length: 6 })} value={code} onValueChange={setCode} onComplete={submit} error={codeError} />
      <c.Button type="submit" submitting={otp.consume.isPending}>
        {submitLabel ?? m.format('otp.submit')}
      </c.Button>
      <c.Button variant="link" disabled={!otp.canResend} onClick={() => otp.requestResend()}>
        {m.format('otp.resend')}
      </c.Button>
      {!otp.canResend && otp.resendAvailableAt !== undefined && (
        <c.Countdown endsAt={otp.resendAvailableAt} format={(s) => m.format('otp.resendCooldown', { seconds: s })} />
      )}
    </form>
  );
}

/** Props of {@link PasswordVerifyForm}. */
export interface PasswordVerifyFormProps {
  messages: Messages;
  /** The parts to draw with. */
  c: ScreenComponents;
  /** The account's email for its password (`emails.emailpassword[0]` of the MFA info). */
  email: string;
  /** The session completed `emailpassword` just now. */
  onVerified: () => void;
  submitLabel?: string;
}

/**
 * The account's password again, completing `emailpassword` in this session (`POST /signin` with
 * `shouldTryLinkingWithSessionUser`): step-up for an account with no second factor yet.
 */
export function PasswordVerifyForm({ messages: m, c, email, onVerified, submitLabel }: PasswordVerifyFormProps) {
  const signIn = useSignIn();
  const [password, setPassword] = useState('');
  const r = signIn.data;
  const error =
    signIn.error !== null
      ? errorText(m, signIn.error)
      : r === undefined || r.status === 'OK'
        ? undefined
        : r.status === 'WRONG_CREDENTIALS_ERROR'
          ? m.format('settings.stepUp.wrongPassword')
          : r.status === 'FIELD_ERROR'
            ? m.format('fieldError.required')
            : errorText(m, r);
  return (
    <form
      data-fk="settings-verify"
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        if (signIn.isPending || password === '') return;
        signIn.mutate({ email, password, asSecondFactor: true }, { onSuccess: (answer) => (answer.status === 'OK' ? onVerified() : setPassword('')) });
      }}
    >
      {/* The account name lets a password manager fill the right entry. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <c.TextField label={m.format('field.password.label')} type="password" autoComplete="current-password" value={password} onValueChange={setPassword} error={error} />
      {r !== undefined && r.status !== 'OK' && <RetryCountdown m={m} c={c} answer={r} />}
      <c.Button type="submit" submitting={signIn.isPending}>
        {submitLabel ?? m.format('settings.stepUp.action')}
      </c.Button>
    </form>
  );
}
