import { useEffect, useRef, useState } from 'react';
import { useAuthClient, useAuthParams, useContinue, useEmailVerification, useSession, useSignOut } from '../../react/index.ts';
import { LiveRegion } from '../parts/LiveRegion.tsx';
import { LoadingScreen } from './LoadingScreen.tsx';
import type { BaseScreenProps } from './screenSupport.ts';
import { answerText, failureText, useScreenKit, useStepFocus } from './screenSupport.ts';

/** Props of {@link EmailVerificationScreen}. */
export interface EmailVerificationScreenProps extends BaseScreenProps {
  /** Seconds before the email may be sent again. @default 30 */
  resendCooldownSeconds?: number;
}

function sentKey(prefix: string, userId: string): string {
  return `${prefix}.emailVerificationSentAt.${userId}`;
}

function readSentAt(key: string): number | undefined {
  try {
    const value = Number(globalThis.sessionStorage?.getItem(key));
    return Number.isFinite(value) && value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

function writeSentAt(key: string, at: number): void {
  try {
    globalThis.sessionStorage?.setItem(key, String(at));
  } catch {
    // No storage: a reload sends the email again.
  }
}

/**
 * Takes the token of a verification link out of the address bar (it must not stay in the history,
 * a bookmark or a screenshot) and returns it. Runs once per screen.
 */
function useLinkToken(fromRouter: string | undefined): string | undefined {
  const [token] = useState(fromRouter);
  useEffect(() => {
    if (token === undefined || typeof window === 'undefined') return;
    const url = new URL(window.location.href);
    if (!url.searchParams.has('token')) return;
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }, [token]);
  return token;
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
  const client = useAuthClient();
  const session = useSession();
  const params = useAuthParams();
  const token = useLinkToken(params.token);
  const ev = useEmailVerification();
  const next = useContinue();
  const signOut = useSignOut();

  const key = sentKey(client.config.storageKeyPrefix, session.userId ?? '');
  const [sentAt, setSentAt] = useState(() => readSentAt(key));
  const [cooldownOver, setCooldownOver] = useState<number | undefined>(undefined);
  const [checkedNotVerified, setCheckedNotVerified] = useState(false);
  const [resent, setResent] = useState(false);

  const verified = ev.isVerified.data?.status === 'OK' && ev.isVerified.data.isVerified;
  const linkAnswer = ev.verifyToken.data;
  const sendAnswer = ev.send.data;
  const inboxFlow = session.exists && (token === undefined || linkAnswer?.status === 'EMAIL_VERIFICATION_INVALID_TOKEN_ERROR');
  // Nothing to do here: no session and no link, or the address is confirmed already.
  const done = !session.isPending && token === undefined && (!session.exists || verified);

  const continued = useRef(false);
  useEffect(() => {
    if (!done || continued.current) return;
    continued.current = true;
    next.mutate();
  }, [done, next]);

  // With a session the link was opened in the browser that asked for it: check it at once.
  const checked = useRef(false);
  useEffect(() => {
    if (token === undefined || !session.exists || checked.current) return;
    checked.current = true;
    ev.verifyToken.mutate({ token, tenantId: params.tenantId });
  }, [token, session.exists, ev.verifyToken, params.tenantId]);

  const send = () =>
    ev.send.mutate(undefined, {
      onSuccess: (r) => {
        // Confirmed elsewhere meanwhile: refresh the claim, and the screen continues.
        if (r.status === 'EMAIL_ALREADY_VERIFIED_ERROR') void ev.isVerified.refetch();
        if (r.status !== 'OK') return;
        const at = Date.now();
        writeSentAt(key, at);
        setSentAt(at);
        setCheckedNotVerified(false);
      },
    });
  // Once per visit and user: a reload of "check your inbox" does not send another email.
  const autoSent = useRef(false);
  const wantsSend = token === undefined && session.exists && ev.isVerified.data?.status === 'OK' && !verified && sentAt === undefined && !ev.send.isError;
  useEffect(() => {
    if (!wantsSend || autoSent.current) return;
    autoSent.current = true;
    send();
  });

  const view = done
    ? 'loading'
    : token !== undefined && linkAnswer?.status === 'OK'
      ? 'success'
      : token !== undefined && linkAnswer?.status === 'EMAIL_VERIFICATION_INVALID_TOKEN_ERROR' && !(sentAt !== undefined && ev.send.isSuccess)
        ? 'invalid'
        : token !== undefined && !(inboxFlow && ev.send.isSuccess)
          ? session.exists && (ev.verifyToken.isPending || (linkAnswer === undefined && !ev.verifyToken.isError))
            ? 'loading'
            : 'confirm'
          : session.isPending || ev.isVerified.isPending
            ? 'loading'
            : 'inbox';
  const headingRef = useStepFocus(view);
  if (view === 'loading') return <LoadingScreen components={components} {...props} />;

  const screenError = next.isError ? failureText(m, next.error) : signOut.isError ? failureText(m, signOut.error) : undefined;
  const footer = session.exists ? (
    <c.Button variant="link" submitting={signOut.isPending} onClick={() => signOut.mutate()}>
      {m.format('common.signOut')}
    </c.Button>
  ) : undefined;
  const layout = { ...root, ...props, headingRef, footer };

  if (view === 'success')
    return (
      <c.ScreenLayout data-state="success" {...layout} heading={m.format('ev.success.title')} subtitle={m.format('ev.success.body')}>
        {screenError !== undefined && <c.Alert tone="error">{screenError}</c.Alert>}
        <c.Button submitting={next.isPending} onClick={() => next.mutate()}>
          {m.format('common.continue')}
        </c.Button>
      </c.ScreenLayout>
    );

  if (view === 'invalid')
    return (
      <c.ScreenLayout data-state="error" {...layout} heading={m.format('ev.invalidLink.title')} subtitle={m.format('ev.invalidLink.body')}>
        {screenError !== undefined && <c.Alert tone="error">{screenError}</c.Alert>}
        {ev.send.isError && <c.Alert tone="error">{failureText(m, ev.send.error)}</c.Alert>}
        {session.exists ? (
          <c.Button submitting={ev.send.isPending} onClick={send}>
            {m.format('ev.requestNew')}
          </c.Button>
        ) : (
          <c.Button submitting={next.isPending} onClick={() => next.mutate()}>
            {m.format('signIn.submit')}
          </c.Button>
        )}
      </c.ScreenLayout>
    );

  if (view === 'confirm') {
    const error = ev.verifyToken.isError ? failureText(m, ev.verifyToken.error) : linkAnswer && linkAnswer.status === 'GENERAL_ERROR' ? answerText(m, linkAnswer) : undefined;
    return (
      <c.ScreenLayout data-state={error ? 'error' : 'idle'} {...layout} heading={m.format('ev.link.title')} subtitle={m.format('ev.link.body')}>
        {error !== undefined && <c.Alert tone="error">{error}</c.Alert>}
        <c.Button submitting={ev.verifyToken.isPending} onClick={() => ev.verifyToken.mutate({ token: token!, tenantId: params.tenantId })}>
          {m.format('ev.link.confirm')}
        </c.Button>
      </c.ScreenLayout>
    );
  }

  const resendAt = sentAt === undefined ? undefined : sentAt + resendCooldownSeconds * 1000;
  const coolingDown = resendAt !== undefined && cooldownOver !== resendAt && Date.now() < resendAt;
  const sendError = ev.send.isError ? failureText(m, ev.send.error) : sendAnswer && sendAnswer.status === 'GENERAL_ERROR' ? answerText(m, sendAnswer) : undefined;
  const confirmCheck = async () => {
    const result = await ev.isVerified.refetch();
    if (result.data?.status === 'OK' && !result.data.isVerified) setCheckedNotVerified(true);
  };
  return (
    <c.ScreenLayout data-state={sendError || screenError ? 'error' : 'idle'} {...layout} heading={m.format('ev.checkInbox.title')} subtitle={m.format('ev.checkInbox.bodyNoEmail')}>
      {screenError !== undefined && <c.Alert tone="error">{screenError}</c.Alert>}
      {sendError !== undefined && <c.Alert tone="error">{sendError}</c.Alert>}
      {checkedNotVerified && <c.Alert tone="warning">{m.format('ev.notVerifiedYet')}</c.Alert>}
      <c.Button submitting={ev.isVerified.isFetching} onClick={() => void confirmCheck()}>
        {m.format('ev.checkInbox.done')}
      </c.Button>
      <div data-fk="resend">
        <c.Button
          variant="secondary"
          disabled={coolingDown}
          submitting={ev.send.isPending}
          onClick={() => {
            setResent(true);
            send();
          }}
        >
          {m.format('ev.resend')}
        </c.Button>
        {coolingDown && <c.Countdown endsAt={resendAt} format={(s) => m.format('ev.resendCooldown', { seconds: s })} onDone={() => setCooldownOver(resendAt)} />}
        <LiveRegion hidden={false} data-tone="success">
          {resent && ev.send.data?.status === 'OK' ? m.format('ev.sent') : ''}
        </LiveRegion>
      </div>
    </c.ScreenLayout>
  );
}
