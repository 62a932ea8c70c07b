import { useState, type FormEvent, type ReactNode } from 'react';
import { TrustDeviceOption } from './TrustDeviceOption.tsx';
import type { OtpSendIssue } from '../../core/index.ts';
import { useTypedEmail, type useOtpFlow } from '../../react/index.ts';
import { LiveRegion } from '../parts/LiveRegion.tsx';
import type { Messages } from '../messages/types.ts';
import { CodeEntry, codeOutcomeText } from './CodeEntry.tsx';
import type { ScreenComponents } from './components.ts';
import { RetryCountdown } from './RetryCountdown.tsx';
import { failureText, refusalText, useStepFocus } from './screenSupport.ts';

type OtpFlowApi = ReturnType<typeof useOtpFlow>;

/** What the OTP steps need from the screen around them. */
export interface OtpStepsProps {
  otp: OtpFlowApi;
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
  /** The message will carry a sign-in link and no code (a tenant that signs in with magic links). @default false */
  linkOnly?: boolean;
  /** Shown above the contact step's form (other ways to sign in). */
  lead?: ReactNode;
}

/** The words for a send that did not start an attempt (a step-up or email verification moves on by itself). */
export function sendIssueText(m: Messages, issue: OtpSendIssue | undefined): string | undefined {
  if (issue === undefined || issue.kind === 'verifyEmail') return undefined;
  if (issue.kind === 'failed') return failureText(m, issue.error);
  if (issue.kind === 'stepUp') return m.format('settings.stepUp.body');
  return refusalText(m, issue.refusal);
}

/**
 * The two steps of a one-time code, shared by the OTP factor screens and OTP sign-in, over
 * `useOtpFlow`: give a contact (or send to the known one, or start again) and enter the code.
 */
export function OtpSteps(props: OtpStepsProps) {
  const step = props.otp.status === 'code' ? 'code' : 'contact';
  const headingRef = useStepFocus(step);
  return step === 'code' ? <CodeStep {...props} headingRef={headingRef} /> : <ContactStep {...props} headingRef={headingRef} key={props.method} />;
}

type StepProps = OtpStepsProps & { headingRef: ReturnType<typeof useStepFocus> };

function ContactStep({ otp, method, m, c, rootProps, footer, screenError, contactHeading, defaultCountry, linkOnly = false, lead, headingRef }: StepProps) {
  const { state } = otp;
  const email = method === 'EMAIL';
  const typed = useTypedEmail();
  const known = !otp.canChangeContact ? otp.contacts[0] : undefined;
  const sending = otp.status === 'sending';

  // Why the previous attempt ended, or why the last send did not start one, worded for the person.
  const restartText = state.restarted === 'refused' ? codeOutcomeText(m, state.outcome) : state.restarted === 'tooManyAttempts' ? m.format('otp.tooManyAttempts') : state.restarted === 'gone' ? m.format('otp.restartRequired') : undefined;
  const sendText = sendIssueText(m, state.sendIssue);
  const alertText = sendText ?? restartText ?? screenError;
  const retry = state.sendIssue?.kind === 'refused' ? state.sendIssue.refusal : state.outcome?.kind === 'refused' ? state.outcome.refusal : undefined;
  const fieldError = state.contactError === undefined ? undefined : m.format(state.contactError === 'required' ? 'fieldError.required' : state.contactError === 'emailInvalid' ? 'fieldError.emailInvalid' : 'fieldError.phoneInvalid');

  return (
    <c.ScreenLayout
      data-state={alertText ? 'error' : 'idle'}
      {...rootProps}
      headingRef={headingRef}
      heading={contactHeading ?? m.format(linkOnly ? (email ? 'otp.link.email.askTitle' : 'otp.link.phone.askTitle') : email ? 'otp.email.askTitle' : 'otp.phone.askTitle')}
      subtitle={known === undefined ? m.format(linkOnly ? (email ? 'otp.link.email.askSubtitle' : 'otp.link.phone.askSubtitle') : email ? 'otp.email.askSubtitle' : 'otp.phone.askSubtitle') : undefined}
      footer={footer}
    >
      {alertText !== undefined && (
        <c.Alert tone="error">
          {alertText}
          <RetryCountdown m={m} c={c} retryAt={retry?.retryAt} />
        </c.Alert>
      )}
      {lead}
      {known !== undefined ? (
        <c.Button type="button" submitting={sending} onClick={() => void otp.send(known)}>
          {state.restarted ? m.format('otp.restart') : m.format('otp.sendToKnown', { contact: known })}
        </c.Button>
      ) : (
        <form
          data-fk="form"
          noValidate
          onSubmit={(event: FormEvent<HTMLFormElement>) => {
            event.preventDefault();
            if (!sending) void otp.submitContact(String(new FormData(event.currentTarget).get('contact') ?? ''));
          }}
        >
          {email ? (
            <c.TextField name="contact" type="email" autoComplete="email" label={m.format('field.email.label')} error={fieldError} defaultValue={typed.initial} onValueChange={typed.remember} />
          ) : (
            <c.PhoneField name="contact" label={m.format('field.phone.label')} description={m.format('field.phone.description')} invalidMessage={m.format('fieldError.phoneInvalid')} defaultCountry={defaultCountry} error={fieldError} />
          )}
          <c.Button type="submit" submitting={sending}>
            {m.format(linkOnly ? 'otp.sendLink' : 'otp.sendCode')}
          </c.Button>
        </form>
      )}
    </c.ScreenLayout>
  );
}

function CodeStep({ otp, method, m, c, rootProps, codeLength, onVerified, continuing, footer, screenError, headingRef }: StepProps) {
  const { state, view } = otp;
  const attempt = state.attempt!;
  const email = method === 'EMAIL';
  const coolingDown = !view.canResend && !state.resending;
  const resendText = sendIssueText(m, state.resendIssue);

  return (
    <c.ScreenLayout
      data-state={continuing ? 'success' : state.verifying ? 'submitting' : state.outcome || screenError ? 'error' : 'idle'}
      {...rootProps}
      headingRef={headingRef}
      heading={m.format(view.withCode ? (email ? 'otp.email.title' : 'otp.phone.title') : email ? 'otp.link.email.title' : 'otp.link.phone.title')}
      subtitle={view.withCode ? m.format(email ? 'otp.email.sentTo' : 'otp.phone.sentTo', { contact: attempt.contact }) : m.format('otp.link.sentTo', { contact: attempt.contact })}
      footer={footer}
    >
      {screenError !== undefined && <c.Alert tone="error">{screenError}</c.Alert>}
      {view.withCode && (
        <CodeEntry
          m={m}
          c={c}
          label={m.format('otp.codeLabel')}
          description={m.format('otp.codeDescription', { length: codeLength })}
          length={codeLength}
          outcome={state.outcome}
          failure={state.verifyFailure}
          busy={state.verifying}
          done={continuing}
          autoFocus
          onLockOver={otp.lockOver}
          onSubmit={async (code) => {
            const outcome = await otp.verify(code);
            if (outcome?.kind === 'ok') onVerified();
            return outcome;
          }}
        >
          <ExpiryHint m={m} c={c} expiresAt={attempt.expiresAt} sentAt={attempt.sentAt} />
          <TrustDeviceOption m={m} />
        </CodeEntry>
      )}
      {view.withCode && view.withLink && <p data-fk="hint">{m.format('otp.link.orCode')}</p>}
      <div data-fk="resend">
        <c.Button variant="secondary" disabled={coolingDown || continuing} submitting={state.resending} onClick={() => void otp.resend()}>
          {m.format(view.withCode ? 'otp.resend' : 'otp.link.resend')}
        </c.Button>
        {coolingDown && view.resendAvailableAt !== undefined && (
          // Worded as "you can ask again in", not as a deadline: the code stays valid meanwhile.
          <c.Countdown data-fk-role="resend-cooldown" endsAt={view.resendAvailableAt} format={(s) => m.format('otp.resendCooldown', { seconds: s })} />
        )}
        {resendText !== undefined && (
          <c.Alert tone="error">
            {resendText}
            <RetryCountdown m={m} c={c} retryAt={state.resendIssue?.kind === 'refused' ? state.resendIssue.refusal.retryAt : undefined} />
          </c.Alert>
        )}
        <LiveRegion hidden={false} data-tone="success">
          {state.resent ? m.format('otp.resent') : ''}
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

/** "This code expires in 14:59.", then a warning once it has (until a new code is sent). */
function ExpiryHint({ m, c, expiresAt, sentAt }: { m: Messages; c: ScreenComponents; expiresAt: number; sentAt: number }) {
  const [expiredFor, setExpiredFor] = useState<number | undefined>(undefined);
  if (expiredFor === sentAt) return <c.Alert tone="warning">{m.format('code.expired')}</c.Alert>;
  return (
    <p data-fk="hint">
      <c.Countdown endsAt={expiresAt} format={(s) => m.format('otp.expiresIn', { time: m.formatDuration(s) })} onDone={() => setExpiredFor(sentAt)} />
    </p>
  );
}
