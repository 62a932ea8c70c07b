import { useState, type FormEvent, type ReactNode } from 'react';
import type { useOtpAttempt } from '../../react/index.ts';
import { ClaimIds } from '../../core/index.ts';
import { LiveRegion } from '../parts/LiveRegion.tsx';
import { validatePhoneNumber } from '../parts/validatePhoneNumber.ts';
import type { Messages } from '../messages/types.ts';
import type { ScreenComponents } from './components.ts';
import { RetryCountdown } from './RetryCountdown.tsx';
import { answerText, failureText, useStepFocus } from './screenSupport.ts';

type OtpAttemptApi = ReturnType<typeof useOtpAttempt>;

/** What the OTP steps need from the screen around them. */
export interface OtpStepsProps {
  otp: OtpAttemptApi;
  method: 'EMAIL' | 'PHONE';
  m: Messages;
  c: ScreenComponents;
  /** Props for the screen's root (theme attributes, the app's props). */
  rootProps: Record<string, unknown>;
  /** Number of digits of a code. */
  codeLength: number;
  /** The code was accepted: continue (the screen shows `continuing` meanwhile). */
  onVerified: () => void;
  /** The screen is on its way elsewhere: no more input. */
  continuing: boolean;
  /** Secondary actions (back, sign out, other sign-in methods). */
  footer: ReactNode;
  /** An error of the screen itself (continue failed, sign-out failed). */
  screenError?: string;
  /** Heading of the contact step. @default the factor's "get a code" title */
  contactHeading?: string;
  /** Default country for phone numbers typed without `+`. */
  defaultCountry?: string;
}

const isEmailLike = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);

/**
 * The two steps of a one-time code, shared by the OTP factor screens and OTP sign-in: give a
 * contact (or send to the known one, or start again) and enter the code.
 */
export function OtpSteps(props: OtpStepsProps) {
  const { otp, method, m, c } = props;
  const step = otp.status === 'enterCode' ? 'code' : 'contact';
  const headingRef = useStepFocus(step);
  return step === 'code' ? <CodeStep {...props} headingRef={headingRef} /> : <ContactStep {...props} headingRef={headingRef} key={`${method}`} m={m} c={c} />;
}

type StepProps = OtpStepsProps & { headingRef: ReturnType<typeof useStepFocus> };

function ContactStep({ otp, method, m, c, rootProps, footer, screenError, contactHeading, defaultCountry, headingRef }: StepProps) {
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [checking, setChecking] = useState(false);
  const email = method === 'EMAIL';
  const known = !otp.canChangeContact ? otp.contacts[0] : undefined;

  // Why the previous attempt ended, worded for the user. The backend ends an attempt on a code
  // after its last wrong try; a failed resend means the attempt was gone already.
  const consumed = otp.consume.data;
  const restartText =
    otp.restarted === 'SIGN_IN_UP_NOT_ALLOWED' && consumed
      ? answerText(m, consumed)
      : otp.restarted === 'RESTART_FLOW_ERROR' && consumed?.status === 'RESTART_FLOW_ERROR'
        ? m.format('otp.tooManyAttempts')
        : otp.restarted
          ? m.format('otp.restartRequired')
          : undefined;
  const sent = otp.send.data;
  const sendText = otp.send.isError
    ? failureText(m, otp.send.error)
    : sent && sent.status !== 'OK' && !(sent.status === 'INVALID_CLAIM' && sent.claimValidationErrors.some((e) => e.id === ClaimIds.EMAIL_VERIFICATION))
      ? answerText(m, sent)
      : undefined;
  const alertText = sendText ?? restartText ?? screenError;
  // The answer that said how long to wait, if that is what the alert shows.
  const waitFor = sendText !== undefined ? sent : restartText !== undefined ? consumed : undefined;

  const send = (contact: string) => {
    otp.consume.reset();
    otp.send.mutate(contact);
  };
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (otp.send.isPending || checking) return;
    const value = String(new FormData(event.currentTarget).get('contact') ?? '').trim();
    if (value === '') return setFieldError(m.format('fieldError.required'));
    if (email) {
      if (!isEmailLike(value)) return setFieldError(m.format('fieldError.emailInvalid'));
      setFieldError(undefined);
      return send(value);
    }
    setChecking(true);
    const phone = await validatePhoneNumber(value, defaultCountry).finally(() => setChecking(false));
    if (!phone.valid) return setFieldError(m.format('fieldError.phoneInvalid'));
    setFieldError(undefined);
    send(phone.e164 ?? value);
  };

  return (
    <c.ScreenLayout
      data-state={alertText ? 'error' : 'idle'}
      {...rootProps}
      headingRef={headingRef}
      heading={contactHeading ?? m.format(email ? 'otp.email.askTitle' : 'otp.phone.askTitle')}
      subtitle={known === undefined ? m.format(email ? 'otp.email.askSubtitle' : 'otp.phone.askSubtitle') : undefined}
      footer={footer}
    >
      {alertText !== undefined && (
        <c.Alert tone="error">
          {alertText}
          <RetryCountdown m={m} c={c} answer={waitFor} />
        </c.Alert>
      )}
      {known !== undefined ? (
        <c.Button type="button" submitting={otp.send.isPending} onClick={() => send(known)}>
          {otp.restarted ? m.format('otp.restart') : m.format('otp.sendToKnown', { contact: known })}
        </c.Button>
      ) : (
        <form data-fk="form" noValidate onSubmit={(event) => void submit(event)}>
          {email ? (
            <c.TextField name="contact" type="email" autoComplete="email" label={m.format('field.email.label')} error={fieldError} onChange={() => setFieldError(undefined)} />
          ) : (
            <c.PhoneField
              name="contact"
              label={m.format('field.phone.label')}
              description={m.format('field.phone.description')}
              invalidMessage={m.format('fieldError.phoneInvalid')}
              defaultCountry={defaultCountry}
              error={fieldError}
              onChange={() => setFieldError(undefined)}
            />
          )}
          <c.Button type="submit" submitting={otp.send.isPending || checking}>
            {m.format('otp.sendCode')}
          </c.Button>
        </form>
      )}
    </c.ScreenLayout>
  );
}

function CodeStep({ otp, method, m, c, rootProps, codeLength, onVerified, continuing, footer, screenError, headingRef }: StepProps) {
  const attempt = otp.attempt!;
  const email = method === 'EMAIL';
  const [code, setCode] = useState('');
  // Bumped when a wrong code is cleared: a fresh input fires onComplete again for the same digits.
  const [round, setRound] = useState(0);
  const [expiredFor, setExpiredFor] = useState<number | undefined>(undefined);

  const result = otp.consume.data;
  const expired = expiredFor === attempt.sentAt || result?.status === 'EXPIRED_USER_INPUT_CODE_ERROR';
  const codeError = otp.consume.isError
    ? failureText(m, otp.consume.error)
    : result === undefined || result.status === 'OK'
      ? undefined
      : result.status === 'INCORRECT_USER_INPUT_CODE_ERROR'
        ? m.format('otp.attemptsLeft', { count: result.attemptsRemaining })
        : result.status === 'EXPIRED_USER_INPUT_CODE_ERROR'
          ? m.format('otp.expired')
          : answerText(m, result);
  const resent = otp.resend.data;
  const resendText = otp.resend.isError ? failureText(m, otp.resend.error) : resent && resent.status !== 'OK' && resent.status !== 'RESTART_FLOW_ERROR' ? answerText(m, resent) : undefined;
  const busy = otp.consume.isPending || continuing;
  const coolingDown = !otp.canResend && !otp.resend.isPending;

  const submit = (value: string) => {
    if (busy || value.length !== codeLength) return;
    otp.consume.mutate(value, {
      onSuccess: (r) => {
        if (r.status === 'OK') return onVerified();
        // A wrong code is cleared, so the next one can be typed or pasted straight away.
        setCode('');
        setRound((n) => n + 1);
      },
    });
  };
  const resend = () => {
    otp.consume.reset();
    setCode('');
    otp.requestResend();
  };

  return (
    <c.ScreenLayout
      data-state={continuing ? 'success' : busy ? 'submitting' : codeError || screenError ? 'error' : 'idle'}
      {...rootProps}
      headingRef={headingRef}
      heading={m.format(email ? 'otp.email.title' : 'otp.phone.title')}
      subtitle={m.format(email ? 'otp.email.sentTo' : 'otp.phone.sentTo', { contact: attempt.contact })}
      footer={footer}
    >
      {screenError !== undefined && <c.Alert tone="error">{screenError}</c.Alert>}
      <form
        data-fk="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit(code);
        }}
      >
        <c.OtpInput
          key={round}
          name="code"
          label={m.format('otp.codeLabel')}
          description={m.format('otp.codeDescription', { length: codeLength })}
          length={codeLength}
          value={code}
          onValueChange={setCode}
          onComplete={submit}
          error={codeError}
          disabled={continuing}
          autoFocus
        />
        {expired ? (
          <c.Alert tone="warning">{m.format('otp.expired')}</c.Alert>
        ) : (
          <p data-fk="hint">
            <c.Countdown
              endsAt={attempt.expiresAt}
              format={(s) => m.format('otp.expiresIn', { time: m.formatDuration(s) })}
              onDone={() => setExpiredFor(attempt.sentAt)}
            />
          </p>
        )}
        <c.Button type="submit" submitting={busy}>
          {m.format('otp.submit')}
        </c.Button>
      </form>
      <div data-fk="resend">
        <c.Button variant="secondary" disabled={coolingDown || continuing} submitting={otp.resend.isPending} onClick={resend}>
          {m.format('otp.resend')}
        </c.Button>
        {coolingDown && otp.resendAvailableAt !== undefined && (
          // Worded as "you can ask again in", not as a deadline: the code stays valid meanwhile.
          <c.Countdown data-fk-role="resend-cooldown" endsAt={otp.resendAvailableAt} format={(s) => m.format('otp.resendCooldown', { seconds: s })} />
        )}
        {resendText !== undefined && (
          <c.Alert tone="error">
            {resendText}
            <RetryCountdown m={m} c={c} answer={otp.resend.isError ? undefined : resent} />
          </c.Alert>
        )}
        <LiveRegion hidden={false} data-tone="success">
          {resent?.status === 'OK' && otp.resend.isSuccess ? m.format('otp.resent') : ''}
        </LiveRegion>
      </div>
      {otp.canChangeContact && (
        <c.Button variant="link" disabled={continuing} onClick={() => otp.changeContact()}>
          {m.format(email ? 'otp.changeEmail' : 'otp.changePhone')}
        </c.Button>
      )}
    </c.ScreenLayout>
  );
}
