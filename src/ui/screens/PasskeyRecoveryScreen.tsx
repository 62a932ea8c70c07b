import { useId, useState, type FormEvent } from 'react';
import { useAuthClient, useAuthLinks, useAuthParams, usePasskeyFlow, useTypedEmail } from '../../react/index.ts';
import { AuthLink } from './AuthLink.tsx';
import { passkeyIssueText } from './passkeyText.ts';
import type { BaseScreenProps } from './screenSupport.ts';
import { answerText, failureText, useScreenKit, useStepFocus } from './screenSupport.ts';
import { useLinkToken } from './useLinkToken.ts';

/** Props of {@link PasskeyRecoveryScreen}. */
export type PasskeyRecoveryScreenProps = BaseScreenProps;

/**
 * `{basePath}/webauthn/recover`: a passkey account whose passkeys are lost. Without a link: the
 * address, then "check your email". From the emailed link (`?token=`, taken out of the address bar):
 * "Make a new passkey" on this device, then sign in with it. Never a password to "change".
 */
export function PasskeyRecoveryScreen({ components, ...props }: PasskeyRecoveryScreenProps) {
  const { m, c, root } = useScreenKit(components);
  const params = useAuthParams();
  const token = useLinkToken(params.token);
  const links = useAuthLinks();
  const client = useAuthClient();
  const passkey = usePasskeyFlow();
  const id = useId();
  const typed = useTypedEmail();
  const [send, setSend] = useState<{ busy: boolean; sentTo?: string; error?: string }>({ busy: false });
  const step = token !== undefined ? (passkey.state.done ? 'done' : 'make') : send.sentTo !== undefined ? 'sent' : 'ask';
  const headingRef = useStepFocus(step);
  const layout = { ...root, ...props, headingRef, footer: <AuthLink href={links.signIn} go={links.go}>{m.format('common.back')}</AuthLink> };

  if (step === 'make' || step === 'done') {
    const issue = passkeyIssueText(m, passkey.state.issue);
    return (
      <c.ScreenLayout
        data-state={step === 'done' ? 'success' : passkey.state.busy ? 'submitting' : issue ? 'error' : 'idle'}
        {...layout}
        heading={m.format(step === 'done' ? 'passkeyRecovery.done.title' : 'passkeyRecovery.make.title')}
        subtitle={m.format(step === 'done' ? 'passkeyRecovery.done.body' : 'passkeyRecovery.make.body')}
      >
        {issue !== undefined && <c.Alert tone="error">{issue}</c.Alert>}
        {step === 'done' ? (
          <c.Button onClick={() => links.go(links.signIn)}>{m.format('signIn.submit')}</c.Button>
        ) : (
          <c.Button submitting={passkey.state.busy === 'recover'} disabled={!passkey.supported} onClick={() => void passkey.recover({ token: token!, ...(params.tenantId !== undefined && { tenantId: params.tenantId }) })}>
            {m.format('passkeyRecovery.make.title')}
          </c.Button>
        )}
        {!passkey.supported && <c.Alert tone="warning">{m.format('passkey.unsupported')}</c.Alert>}
      </c.ScreenLayout>
    );
  }

  if (step === 'sent')
    return (
      <c.ScreenLayout data-state="success" {...layout} heading={m.format('passkeyRecovery.sent.title')} subtitle={m.format('passkeyRecovery.sent.body', { email: send.sentTo! })}>
        <c.Button variant="secondary" onClick={() => setSend({ busy: false })}>
          {m.format('common.back')}
        </c.Button>
      </c.ScreenLayout>
    );

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email') ?? '').trim();
    if (email === '') return setSend({ busy: false, error: m.format('passkey.emailRequired') });
    setSend({ busy: true });
    try {
      const answer = await client.webauthn.sendRecoveryEmail({ email });
      setSend(answer.status === 'OK' ? { busy: false, sentTo: email } : { busy: false, error: answer.status === 'INVALID_EMAIL_ERROR' ? m.format('fieldError.emailInvalid') : answerText(m, answer) });
    } catch (error) {
      setSend({ busy: false, error: failureText(m, error) });
    }
  };
  return (
    <c.ScreenLayout data-state={send.error ? 'error' : send.busy ? 'submitting' : 'idle'} {...layout} heading={m.format('passkeyRecovery.title')} subtitle={m.format('passkeyRecovery.body')}>
      <form data-fk="form" noValidate onSubmit={(e) => void onSubmit(e)}>
        <c.TextField autoFocus id={`${id}-email`} name="email" type="email" autoComplete="username" label={m.format('field.email.label')} error={send.error} defaultValue={typed.initial} onValueChange={typed.remember} />
        <c.Button type="submit" submitting={send.busy}>
          {m.format('passkeyRecovery.send')}
        </c.Button>
      </form>
    </c.ScreenLayout>
  );
}
