import { useId, useState, type FormEvent } from 'react';
import type { PasswordIssue } from '../../core/index.ts';
import { useAuthLinks, useAuthParams, useForgotPasswordFlow, useResetPasswordFlow, useTypedEmail } from '../../react/index.ts';
import type { Messages } from '../messages/types.ts';
import { LiveRegion } from '../parts/LiveRegion.tsx';
import { AuthLink } from './AuthLink.tsx';
import type { ScreenComponents } from './components.ts';
import { RetryCountdown } from './RetryCountdown.tsx';
import type { BaseScreenProps } from './screenSupport.ts';
import { failureText, fieldProblemText, refusalText, useScreenKit, useStepFocus } from './screenSupport.ts';
import { useLinkToken } from './useLinkToken.ts';
import { NewPasswordFields } from './NewPasswordFields.tsx';

/** Props of {@link ResetPasswordScreen}. */
export interface ResetPasswordScreenProps extends BaseScreenProps {
  /** Seconds before another link may be asked for. @default 30 */
  resendCooldownSeconds?: number;
}

function issueText(m: Messages, issue: PasswordIssue | undefined): string | undefined {
  if (issue === undefined) return undefined;
  return issue.kind === 'failed' ? failureText(m, issue.error) : refusalText(m, issue.refusal);
}

/**
 * `{basePath}/reset-password`, markup over `useForgotPasswordFlow` and `useResetPasswordFlow`. Without
 * a token: the account's address, then "check your email" (kept across a reload) with a resend after
 * a cooldown. From the emailed link (the token is taken out of the address bar): the new password
 * twice, then "changed, sign in" or "this link no longer works" with a way to ask again.
 */
export function ResetPasswordScreen({ resendCooldownSeconds = 30, components, ...props }: ResetPasswordScreenProps) {
  const kit = useScreenKit(components);
  const params = useAuthParams();
  const token = useLinkToken(params.token);
  const links = useAuthLinks();
  const [asking, setAsking] = useState(false);
  const layout = { ...kit.root, ...props };
  if (token !== undefined && !asking) return <NewPassword {...kit} layout={layout} links={links} token={token} tenantId={params.tenantId} onAskAgain={() => setAsking(true)} />;
  return <AskForLink {...kit} layout={layout} links={links} resendCooldownSeconds={resendCooldownSeconds} />;
}

interface PartProps {
  m: Messages;
  c: ScreenComponents;
  layout: Record<string, unknown>;
  links: ReturnType<typeof useAuthLinks>;
}

function AskForLink({ m, c, layout, links, resendCooldownSeconds }: PartProps & { resendCooldownSeconds: number }) {
  const { state, view, request, resend, otherAddress } = useForgotPasswordFlow({ resendCooldownSeconds });
  const typed = useTypedEmail();
  const headingRef = useStepFocus(view.step);
  const [cooldownOver, setCooldownOver] = useState<number | undefined>(undefined);
  const error = issueText(m, state.issue);
  const back = (
    <AuthLink href={links.signIn} go={links.go}>
      {m.format('common.backToSignIn')}
    </AuthLink>
  );
  const alert = error !== undefined && (
    <c.Alert tone="error">
      {error}
      <RetryCountdown m={m} c={c} retryAt={view.retryAt} />
    </c.Alert>
  );

  if (view.step === 'sent') {
    const coolingDown = view.resendAt !== undefined && cooldownOver !== view.resendAt && !view.canResend;
    return (
      <c.ScreenLayout data-state={error ? 'error' : 'success'} {...layout} headingRef={headingRef} heading={m.format('reset.sent.title')} footer={back}>
        <p>{m.format('reset.sent.body', { email: state.sentTo! })}</p>
        {alert}
        <div data-fk="resend">
          <c.Button variant="secondary" disabled={coolingDown} submitting={state.sending} onClick={() => void resend()}>
            {m.format('reset.sent.resend')}
          </c.Button>
          {coolingDown && <c.Countdown endsAt={view.resendAt!} format={(s) => m.format('reset.sent.resendCooldown', { seconds: s })} onDone={() => setCooldownOver(view.resendAt)} />}
          <LiveRegion hidden={false} data-tone="success">
            {state.resent ? m.format('reset.sent.resent') : ''}
          </LiveRegion>
        </div>
        <c.Button variant="link" onClick={otherAddress}>
          {m.format('reset.sent.otherAddress')}
        </c.Button>
      </c.ScreenLayout>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void request(String(new FormData(event.currentTarget).get('email') ?? ''));
  };
  return (
    <c.ScreenLayout data-state={state.sending ? 'submitting' : error || state.emailError ? 'error' : 'idle'} {...layout} headingRef={headingRef} heading={m.format('reset.request.title')} subtitle={m.format('reset.request.subtitle')} footer={back}>
      {alert}
      <form data-fk="form" noValidate onSubmit={submit}>
        <c.TextField autoFocus name="email" type="email" autoComplete="username" label={m.format('field.email.label')} error={fieldProblemText(m, state.emailError)} defaultValue={typed.initial} onValueChange={typed.remember} />
        <c.Button type="submit" submitting={state.sending}>
          {m.format('reset.request.submit')}
        </c.Button>
      </form>
    </c.ScreenLayout>
  );
}

function NewPassword({ m, c, layout, links, token, tenantId, onAskAgain }: PartProps & { token: string; tenantId: string | undefined; onAskAgain: () => void }) {
  const { state, submit, signIn } = useResetPasswordFlow({ token, tenantId });
  const id = useId();
  const headingRef = useStepFocus(state.outcome ?? 'form');

  if (state.outcome === 'done')
    return (
      <c.ScreenLayout data-state="success" {...layout} headingRef={headingRef} heading={m.format('reset.done.title')} subtitle={m.format('reset.done.body')}>
        <c.Button onClick={() => links.go(signIn)}>{m.format('signIn.submit')}</c.Button>
      </c.ScreenLayout>
    );
  if (state.outcome === 'invalid')
    return (
      <c.ScreenLayout data-state="error" {...layout} headingRef={headingRef} heading={m.format('reset.invalid.title')} subtitle={m.format('reset.invalid.body')}>
        <c.Button onClick={onAskAgain}>{m.format('reset.invalid.again')}</c.Button>
      </c.ScreenLayout>
    );

  const error = issueText(m, state.issue);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void submit({ password: String(form.get('password') ?? ''), confirmation: String(form.get('confirmation') ?? '') });
  };
  return (
    <c.ScreenLayout
      data-state={state.submitting ? 'submitting' : error || Object.keys(state.fieldErrors).length > 0 ? 'error' : 'idle'}
      {...layout}
      headingRef={headingRef}
      heading={m.format('reset.form.title')}
      subtitle={m.format('reset.form.subtitle')}
      footer={
        <AuthLink href={links.signIn} go={links.go}>
          {m.format('common.backToSignIn')}
        </AuthLink>
      }
    >
      {error !== undefined && <c.Alert tone="error">{error}</c.Alert>}
      <form data-fk="form" noValidate onSubmit={onSubmit}>
        <NewPasswordFields
          m={m}
          c={c}
          autoFocus
          ids={{ password: `${id}-password`, confirmation: `${id}-confirmation` }}
          name="password"
          problems={{ password: state.fieldErrors.password, confirmation: state.fieldErrors.confirmation }}
        />
        <c.Button type="submit" submitting={state.submitting}>
          {m.format('reset.form.submit')}
        </c.Button>
      </form>
    </c.ScreenLayout>
  );
}
