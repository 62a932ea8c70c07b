import { useState, type FormEvent } from 'react';
import { useAuthContext } from '../../react/AuthContext.ts';
import { useAuthLinks, useContinue, useRecoveryCodeFlow, useSignOut } from '../../react/index.ts';
import { RetryCountdown } from './RetryCountdown.tsx';
import type { BaseScreenProps } from './screenSupport.ts';
import { failureText, refusalText, useScreenKit, useStepFocus } from './screenSupport.ts';
import { TotpSetupForm } from './settings/TotpSetupForm.tsx';

/** Props of {@link RecoveryCodeScreen}. */
export type RecoveryCodeScreenProps = BaseScreenProps;

/**
 * `{basePath}/mfa/recovery-code`, markup over `useRecoveryCodeFlow`: one of the saved codes finishes
 * sign-in when the other factors are lost. Then "You're signed in", how many codes are left, and a new
 * authenticator app set up in place (the backend allows replacing a lost factor for a few minutes
 * after a recovery code), or "Not now".
 */
export function RecoveryCodeScreen({ components, ...props }: RecoveryCodeScreenProps) {
  const { m, c, root } = useScreenKit(components);
  const ctx = useAuthContext('RecoveryCodeScreen');
  const recovery = useRecoveryCodeFlow();
  const { state, view } = recovery;
  const links = useAuthLinks();
  const next = useContinue();
  const signOut = useSignOut();
  const [phase, setPhase] = useState<'done' | 'setup' | 'added'>('done');
  const step = view.done ? phase : 'code';
  const headingRef = useStepFocus(step);
  const canAddApp = ctx.factors.some((f) => f.id === 'totp');
  const screenError = next.isError ? failureText(m, next.error) : signOut.isError ? failureText(m, signOut.error) : undefined;
  const layout = { ...root, ...props, headingRef };

  if (step === 'code') {
    const issue = state.issue;
    const fieldError = issue?.kind === 'required' ? m.format('recovery.use.required') : issue?.kind === 'wrong' ? m.format('recovery.use.wrong') : undefined;
    const alert = issue?.kind === 'failed' ? failureText(m, issue.error) : issue?.kind === 'refused' ? refusalText(m, issue.refusal) : undefined;
    const onSubmit = (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      void recovery.use(String(new FormData(event.currentTarget).get('recoveryCode') ?? ''));
    };
    return (
      <c.ScreenLayout
        data-state={state.submitting ? 'submitting' : issue ? 'error' : 'idle'}
        {...layout}
        heading={m.format('recovery.use.title')}
        subtitle={m.format('recovery.use.subtitle')}
        footer={
          <>
            <c.Button variant="link" onClick={() => links.go(links.chooser)}>
              {m.format('common.useAnotherMethod')}
            </c.Button>
            <c.Button variant="link" submitting={signOut.isPending} onClick={() => signOut.mutate()}>
              {m.format('common.signOut')}
            </c.Button>
          </>
        }
      >
        {screenError !== undefined && <c.Alert tone="error">{screenError}</c.Alert>}
        {alert !== undefined && (
          <c.Alert tone="error">
            {alert}
            <RetryCountdown m={m} c={c} retryAt={view.retryAt} />
          </c.Alert>
        )}
        <form data-fk="form" noValidate onSubmit={onSubmit}>
          <c.TextField
            name="recoveryCode"
            label={m.format('recovery.use.label')}
            description={m.format('recovery.use.hint')}
            error={fieldError}
            autoComplete="off"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            maxLength={64}
            dir="ltr"
            autoFocus
          />
          <c.Button type="submit" submitting={state.submitting} disabled={view.waiting}>
            {m.format('recovery.use.submit')}
          </c.Button>
        </form>
      </c.ScreenLayout>
    );
  }

  if (step === 'setup')
    return (
      <c.ScreenLayout data-state="idle" {...layout} heading={m.format('totp.setup.title')} subtitle={m.format('totp.setup.subtitle')}>
        <TotpSetupForm messages={m} c={c} onDone={() => setPhase('added')} />
        <c.Button variant="secondary" onClick={() => setPhase('done')}>
          {m.format('common.cancel')}
        </c.Button>
      </c.ScreenLayout>
    );

  const remaining = state.remaining ?? 0;
  return (
    <c.ScreenLayout
      data-state="success"
      {...layout}
      heading={m.format(step === 'added' ? 'totp.added.title' : 'recovery.use.done.title')}
      subtitle={step === 'added' ? undefined : m.format('recovery.use.done.body', { count: remaining })}
    >
      {screenError !== undefined && <c.Alert tone="error">{screenError}</c.Alert>}
      <div data-fk="actions">
        {step === 'done' && canAddApp && <c.Button onClick={() => setPhase('setup')}>{m.format('recovery.use.setUpNew')}</c.Button>}
        <c.Button variant={step === 'done' && canAddApp ? 'secondary' : 'primary'} submitting={next.isPending || next.isSuccess} onClick={() => next.mutate()}>
          {m.format(step === 'done' && canAddApp ? 'recovery.use.later' : 'common.continue')}
        </c.Button>
      </div>
    </c.ScreenLayout>
  );
}
