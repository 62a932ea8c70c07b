import { useEffect, useRef, useState } from 'react';
import type { EmailVerificationIssue } from '../../core/index.ts';
import { useAuthParams, useContinue, useEmailVerificationFlow, useSession, useSignOut } from '../../react/index.ts';
import type { Messages } from '../messages/types.ts';
import { LiveRegion } from '../parts/LiveRegion.tsx';
import { LoadingScreen } from './LoadingScreen.tsx';
import { useLinkToken } from './useLinkToken.ts';
import type { BaseScreenProps } from './screenSupport.ts';
import { failureText, refusalText, useScreenKit, useStepFocus } from './screenSupport.ts';

/** Props of {@link EmailVerificationScreen}. */
export interface EmailVerificationScreenProps extends BaseScreenProps {
  /** Seconds before the email may be sent again. @default 30 */
  resendCooldownSeconds?: number;
}

/**
 * `{basePath}/verify-email`. Signed in without a link: "check your inbox" (the email is sent once
 * per visit, a reload does not send another), with a resend after a cooldown and "I have confirmed"
 * for a link opened elsewhere; an address already confirmed continues at once. From a link: the
 * token is read and removed from the address bar; with a session it is checked at once, without one
 * the user confirms with a click (mail scanners that open links have no session and do not click).
 * Then "confirmed" with Continue, or "expired or not valid" with a way to get a new link.
 */
export function EmailVerificationScreen({ resendCooldownSeconds = 30, components, ...props }: EmailVerificationScreenProps) {
  const { m, c, root } = useScreenKit(components);
  const session = useSession();
  const params = useAuthParams();
  const token = useLinkToken(params.token);
  const { state, view, isPending, check, send, openLink } = useEmailVerificationFlow({ token, tenantId: params.tenantId, resendCooldownSeconds });
  const next = useContinue();
  const signOut = useSignOut();

  const continued = useRef(false);
  useEffect(() => {
    if (view.step !== 'done' || session.isPending || continued.current) return;
    continued.current = true;
    next.mutate();
  }, [view.step, session.isPending, next]);

  const step = isPending || view.step === 'done' ? 'loading' : view.step;
  const headingRef = useStepFocus(step);
  // A countdown that ended re-renders the screen through the hook; this only hides it on time.
  const [cooldownOver, setCooldownOver] = useState<number | undefined>(undefined);
  if (step === 'loading') return <LoadingScreen components={components} {...props} />;

  const screenError = next.isError ? failureText(m, next.error) : signOut.isError ? failureText(m, signOut.error) : undefined;
  const footer = session.exists ? (
    <c.Button variant="link" submitting={signOut.isPending} onClick={() => signOut.mutate()}>
      {m.format('common.signOut')}
    </c.Button>
  ) : undefined;
  const layout = { ...root, ...props, headingRef, footer };
  const sendError = issueText(m, state.sendIssue);

  if (step === 'success')
    return (
      <c.ScreenLayout data-state="success" {...layout} heading={m.format('ev.success.title')} subtitle={m.format('ev.success.body')}>
        {screenError !== undefined && <c.Alert tone="error">{screenError}</c.Alert>}
        <c.Button submitting={next.isPending} onClick={() => next.mutate()}>
          {m.format('common.continue')}
        </c.Button>
      </c.ScreenLayout>
    );

  if (step === 'invalid')
    return (
      <c.ScreenLayout data-state="error" {...layout} heading={m.format('ev.invalidLink.title')} subtitle={m.format('ev.invalidLink.body')}>
        {screenError !== undefined && <c.Alert tone="error">{screenError}</c.Alert>}
        {sendError !== undefined && <c.Alert tone="error">{sendError}</c.Alert>}
        {session.exists ? (
          <c.Button submitting={state.sending} onClick={() => void send(true)}>
            {m.format('ev.requestNew')}
          </c.Button>
        ) : (
          <c.Button submitting={next.isPending} onClick={() => next.mutate()}>
            {m.format('signIn.submit')}
          </c.Button>
        )}
      </c.ScreenLayout>
    );

  if (step === 'confirm') {
    const error = issueText(m, state.linkIssue);
    return (
      <c.ScreenLayout data-state={error ? 'error' : 'idle'} {...layout} heading={m.format('ev.link.title')} subtitle={m.format('ev.link.body')}>
        {error !== undefined && <c.Alert tone="error">{error}</c.Alert>}
        <c.Button submitting={state.link === 'checking'} onClick={() => void openLink()}>
          {m.format('ev.link.confirm')}
        </c.Button>
      </c.ScreenLayout>
    );
  }

  const checkError = issueText(m, state.checkIssue);
  const coolingDown = view.resendAt !== undefined && cooldownOver !== view.resendAt && !view.canResend;
  return (
    <c.ScreenLayout data-state={sendError || checkError || screenError ? 'error' : 'idle'} {...layout} heading={m.format('ev.checkInbox.title')} subtitle={m.format('ev.checkInbox.bodyNoEmail')}>
      {screenError !== undefined && <c.Alert tone="error">{screenError}</c.Alert>}
      {(sendError ?? checkError) !== undefined && <c.Alert tone="error">{sendError ?? checkError}</c.Alert>}
      {state.notYet && <c.Alert tone="warning">{m.format('ev.notVerifiedYet')}</c.Alert>}
      <c.Button submitting={state.checking} onClick={() => void check(true)}>
        {m.format('ev.checkInbox.done')}
      </c.Button>
      <div data-fk="resend">
        <c.Button variant="secondary" disabled={coolingDown} submitting={state.sending} onClick={() => void send(true)}>
          {m.format('ev.resend')}
        </c.Button>
        {coolingDown && <c.Countdown endsAt={view.resendAt!} format={(s) => m.format('ev.resendCooldown', { seconds: s })} onDone={() => setCooldownOver(view.resendAt)} />}
        <LiveRegion hidden={false} data-tone="success">
          {state.resent ? m.format('ev.sent') : ''}
        </LiveRegion>
      </div>
    </c.ScreenLayout>
  );
}

function issueText(m: Messages, issue: EmailVerificationIssue | undefined): string | undefined {
  if (issue === undefined) return undefined;
  return issue.kind === 'failed' ? failureText(m, issue.error) : refusalText(m, issue.refusal);
}
