import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useOtpFlow, usePasskeyFlow, useSignInFlow, useTotpFlow } from '../../../react/index.ts';
import { passkeyIssueText } from '../passkeyText.ts';
import type { Messages } from '../../messages/types.ts';
import { validatePhoneNumber } from '../../parts/validatePhoneNumber.ts';
import { CodeEntry, codeOutcomeText } from '../CodeEntry.tsx';
import type { ScreenComponents } from '../components.ts';
import { sendIssueText } from '../OtpSteps.tsx';
import { RetryCountdown } from '../RetryCountdown.tsx';
import { refusalText } from '../screenSupport.ts';
import { errorText } from './errorText.ts';

/** Props of {@link TotpCodeForm}. */
export interface TotpCodeFormProps {
  messages: Messages;
  /** The parts to draw with. */
  c: ScreenComponents;
  /** The session completed `totp` just now. */
  onVerified: () => void;
  submitLabel?: string;
}

/** A code from the user's authenticator app, completing `totp` in this session (`useTotpFlow` in verify mode). */
export function TotpCodeForm({ messages: m, c, onVerified, submitLabel }: TotpCodeFormProps) {
  const totp = useTotpFlow({ mode: 'verify' });
  return (
    <div data-fk="settings-verify">
      <CodeEntry
        m={m}
        c={c}
        name="totp"
        label={m.format('totp.codeLabel')}
        outcome={totp.state.outcome}
        failure={totp.state.verifyFailure}
        busy={totp.state.verifying}
        submitLabel={submitLabel ?? m.format('totp.submit')}
        onLockOver={totp.lockOver}
        onSubmit={async (code) => {
          const outcome = await totp.verify(code);
          if (outcome?.kind === 'ok') onVerified();
          return outcome;
        }}
      />
    </div>
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
 * An email or SMS code as a second factor of this session, over `useOtpFlow`: to a known contact on
 * request, or to one the user types (which links it to the account).
 */
export function OtpCodeFlow({ messages: m, c, factorId, contact, onVerified, submitLabel, onStepUpRequired }: OtpCodeFlowProps) {
  const otp = useOtpFlow(factorId, { autoSend: false, validatePhone: (value) => validatePhoneNumber(value) });
  const { state, view } = otp;
  const phone = state.contactMethod === 'PHONE';
  const [typed, setTyped] = useState('');

  // A new contact that needs step-up first: the page around asks for it (once per refusal).
  const stepUp = state.sendIssue?.kind === 'stepUp' ? state.sendIssue.factors : undefined;
  const onStepUp = useRef(onStepUpRequired);
  onStepUp.current = onStepUpRequired;
  useEffect(() => {
    if (stepUp) onStepUp.current?.(stepUp);
  }, [stepUp]);

  if (view.step !== 'code') {
    const sendText = stepUp && onStepUpRequired ? undefined : sendIssueText(m, state.sendIssue);
    const restartText = state.restarted === 'refused' ? codeOutcomeText(m, state.outcome) : state.restarted ? m.format('otp.restartRequired') : undefined;
    const alert = sendText ?? restartText;
    const retry = state.sendIssue?.kind === 'refused' ? state.sendIssue.refusal.retryAt : state.outcome?.kind === 'refused' ? state.outcome.refusal.retryAt : undefined;
    const fieldError = state.contactError === undefined ? undefined : m.format(state.contactError === 'required' ? 'fieldError.required' : state.contactError === 'emailInvalid' ? 'fieldError.emailInvalid' : 'fieldError.phoneInvalid');
    return (
      <div data-fk="settings-verify">
        {alert && (
          <c.Alert>
            {alert}
            <RetryCountdown m={m} c={c} retryAt={retry} />
          </c.Alert>
        )}
        {contact !== undefined ? (
          <c.Button variant="secondary" submitting={view.sending} onClick={() => void otp.send(contact)}>
            {m.format('otp.sendToKnown', { contact })}
          </c.Button>
        ) : (
          <form
            noValidate
            onSubmit={(e: FormEvent) => {
              e.preventDefault();
              if (!view.sending) void otp.submitContact(typed);
            }}
          >
            {phone ? (
              <c.PhoneField label={m.format('field.phone.label')} description={m.format('field.phone.description')} invalidMessage={m.format('fieldError.phoneInvalid')} value={typed} onValueChange={setTyped} error={fieldError} autoComplete="tel" />
            ) : (
              <c.TextField label={m.format('field.email.label')} type="email" autoComplete="email" value={typed} onValueChange={setTyped} error={fieldError} />
            )}
            <c.Button type="submit" submitting={view.sending}>
              {m.format('otp.sendCode')}
            </c.Button>
          </form>
        )}
      </div>
    );
  }

  const sentTo = state.attempt!.contact;
  const resendText = sendIssueText(m, state.resendIssue);
  return (
    <div data-fk="settings-verify">
      <p>{m.format(phone ? 'otp.phone.sentTo' : 'otp.email.sentTo', { contact: sentTo })}</p>
      <CodeEntry
        m={m}
        c={c}
        label={m.format('otp.codeLabel')}
        description={m.format('otp.codeDescription', { length: 6 })}
        outcome={state.outcome}
        failure={state.verifyFailure}
        busy={state.verifying}
        submitLabel={submitLabel}
        onLockOver={otp.lockOver}
        onSubmit={async (code) => {
          const outcome = await otp.verify(code);
          if (outcome?.kind === 'ok') onVerified(sentTo);
          return outcome;
        }}
      />
      <c.Button variant="link" disabled={!view.canResend} onClick={() => void otp.resend()}>
        {m.format('otp.resend')}
      </c.Button>
      {!view.canResend && view.resendAvailableAt !== undefined && <c.Countdown endsAt={view.resendAvailableAt} format={(s) => m.format('otp.resendCooldown', { seconds: s })} />}
      {resendText && <c.Alert>{resendText}</c.Alert>}
    </div>
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
  const { flow, state, view, submit } = useSignInFlow({ asSecondFactor: true });
  const [password, setPassword] = useState('');
  const verified = useRef(false);
  useEffect(() => {
    if (!state.signedIn || verified.current) return;
    verified.current = true;
    onVerified();
  });
  const issue = state.issue;
  const error =
    state.fieldErrors.password !== undefined
      ? m.format('fieldError.required')
      : issue === undefined
        ? undefined
        : issue.kind === 'wrongCredentials'
          ? m.format('settings.stepUp.wrongPassword')
          : issue.kind === 'failed'
            ? errorText(m, issue.error)
            : refusalText(m, issue.refusal);
  return (
    <form
      data-fk="settings-verify"
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void submit({ email, password }).then(() => {
          if (flow.store.getSnapshot().issue?.kind === 'wrongCredentials') setPassword('');
        });
      }}
    >
      {/* The account name lets a password manager fill the right entry. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <c.TextField label={m.format('field.password.label')} type="password" autoComplete="current-password" value={password} onValueChange={setPassword} error={error} />
      <RetryCountdown m={m} c={c} retryAt={view.retryAt} />
      <c.Button type="submit" submitting={view.busy}>
        {submitLabel ?? m.format('settings.stepUp.action')}
      </c.Button>
    </form>
  );
}

/** "Use your passkey": the browser's prompt, completing `webauthn` in this session. */
export function PasskeyVerify({ m, c, onVerified }: { m: Messages; c: ScreenComponents; onVerified: () => void }) {
  const passkey = usePasskeyFlow();
  const issue = passkeyIssueText(m, passkey.state.issue);
  return (
    <div data-fk="settings-verify">
      {issue !== undefined && <c.Alert tone="error">{issue}</c.Alert>}
      <c.Button submitting={passkey.state.busy !== undefined} onClick={() => void passkey.signIn({ asSecondFactor: true }).then((ok) => ok && onVerified())}>
        {m.format('passkey.use')}
      </c.Button>
    </div>
  );
}
