import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { useContinue, useFactorScreen, useMFAInfo, useSignOut, useTotpFlow } from '../../react/index.ts';
import { CodeEntry } from './CodeEntry.tsx';
import { FactorFooter } from './FactorFooter.tsx';
import { TrustDeviceOption } from './TrustDeviceOption.tsx';
import { RecoveryCodesOffer } from './RecoveryCodesOffer.tsx';
import { LoadingScreen } from './LoadingScreen.tsx';
import type { BaseScreenProps } from './screenSupport.ts';
import { answerText, failureText, refusalText, useScreenKit, useStepFocus } from './screenSupport.ts';

/** Props of {@link TotpScreen}. */
export interface TotpScreenProps extends BaseScreenProps {
  /** Wrong codes in a row after which the clock-drift hint shows. @default 2 */
  clockDriftHintAfter?: number;
  /**
   * Ask for a device name before showing the QR code. @default only when adding a further app
   * (`?setup=true` with one set up already); the first app gets the backend's default name, so
   * the QR code shows at once
   */
  askDeviceName?: boolean;
}

/**
 * `{basePath}/mfa/totp`, markup over `useTotpFlow`. Set-up (an app not set up yet, or `?setup=true`):
 * QR code, the secret in groups with a copy button that says "copied", an `otpauth://` link for this
 * phone, then the first code. Verify: the code from the app. Codes go through the one code entry of
 * the kit (attempts left, a paused field with a countdown after too many); after repeated wrong codes
 * a hint about the phone's clock. On a phone the set-up is two steps (scan, then the code); a new app
 * is confirmed by name before the person continues. An app created here and never verified is removed
 * when the person leaves (back, sign out, or another page) but kept across a reload (same QR code).
 * When the backend would not allow a set-up now, the screen says so and offers what is possible.
 * After a correct code from an app already set up, the screen only continues.
 */
export function TotpScreen({ clockDriftHintAfter = 2, askDeviceName, components, ...props }: TotpScreenProps) {
  const { m, c, root } = useScreenKit(components);
  const factor = useFactorScreen('totp');
  const info = useMFAInfo();
  const next = useContinue();
  const signOut = useSignOut();
  // Set-up the backend would refuse (not in allowedToSetup): say what is possible instead of failing.
  const cannotSetUp = !factor.isPending && factor.info !== undefined && factor.needsSetup && !factor.canSetUp;
  const mode = factor.isPending || factor.info === undefined || cannotSetUp ? undefined : factor.needsSetup ? 'setup' : 'verify';
  const totp = useTotpFlow({ mode, askDeviceName: askDeviceName ?? factor.isSetUp, defaultDeviceName: (count) => m.format('totp.defaultName', { count }) });
  const { state, view } = totp;
  const continuing = state.verified;

  // On a phone the set-up is two steps (scan, then the code) so the QR code is not pushed away by
  // the keyboard; on a wide screen both show at once.
  const narrow = useNarrowViewport();
  const [phase, setPhase] = useState<'scan' | 'code'>('scan');

  // Verified: a new app is confirmed (the person continues when ready); a code from an app already
  // set up keeps its step on screen (busy) while the screen continues.
  const flowStep = view.step === 'verified' ? (state.device ? 'added' : 'verify') : view.step;
  const splitSetup = narrow && flowStep === 'setup' && !view.deviceGone;
  const screenStep = factor.isPending ? 'loading' : factor.error !== null ? 'infoError' : cannotSetUp ? 'cannotSetUp' : splitSetup ? (phase === 'scan' ? 'setup' : 'setupCode') : flowStep;
  const headingRef = useStepFocus(screenStep);
  if (screenStep === 'loading') return <LoadingScreen components={components} {...props} />;

  const screenError = next.isError ? failureText(m, next.error) : signOut.isError ? failureText(m, signOut.error) : undefined;
  const footer = <FactorFooter m={m} c={c} factor={factor} signOut={signOut} beforeLeave={totp.dropUnverified} busy={continuing} recovery={mode === 'verify'} />;
  const layout = { ...root, progress: factor.progress && m.format('common.step', factor.progress), ...props, headingRef, footer };

  if (screenStep === 'infoError' || screenStep === 'createFailed') {
    const issue = state.createIssue;
    const text =
      screenStep === 'infoError'
        ? factor.error instanceof Error
          ? failureText(m, factor.error)
          : answerText(m, factor.error ?? { status: '' })
        : issue?.kind === 'failed'
          ? failureText(m, issue.error)
          : issue?.kind === 'refused'
            ? refusalText(m, issue.refusal)
            : m.format('error.reload');
    const retry = screenStep === 'infoError' ? () => void info.refetch() : () => void totp.restartSetup();
    return (
      <c.ScreenLayout data-state="error" {...layout} heading={m.format(screenStep === 'infoError' ? 'error.generic' : 'totp.setup.title')}>
        <c.Alert tone="error">{text}</c.Alert>
        <c.Button submitting={info.isFetching || state.creating} onClick={retry}>
          {m.format('common.tryAgain')}
        </c.Button>
      </c.ScreenLayout>
    );
  }

  if (screenStep === 'added') {
    return (
      <c.ScreenLayout data-state="success" {...layout} progress={undefined} footer={null} heading={m.format('totp.added.title')} subtitle={m.format('totp.added.body', { name: state.device!.deviceName })}>
        {screenError !== undefined && <c.Alert tone="error">{screenError}</c.Alert>}
        {/* The first second factor: the moment to save recovery codes (factorkit's backend). */}
        <RecoveryCodesOffer
          m={m}
          c={c}
          onSaved={() => next.mutate()}
          next={
            <c.Button submitting={next.isPending || next.isSuccess} onClick={() => next.mutate()}>
              {m.format('common.continue')}
            </c.Button>
          }
        />
      </c.ScreenLayout>
    );
  }

  if (screenStep === 'cannotSetUp') {
    const others = factor.info!.factors.next.some((f) => f !== 'totp');
    return (
      <c.ScreenLayout data-state="idle" {...layout} heading={m.format('totp.cannotSetUp.title')} subtitle={m.format(others ? 'totp.cannotSetUp.others' : 'totp.cannotSetUp.none')}>
        {screenError !== undefined && <c.Alert tone="error">{screenError}</c.Alert>}
        {/* Continuing goes to what sign-in asks next (another factor's screen, or the page). */}
        <c.Button submitting={next.isPending} onClick={() => next.mutate()}>
          {m.format(others ? 'common.useAnotherMethod' : 'common.continue')}
        </c.Button>
      </c.ScreenLayout>
    );
  }

  if (screenStep === 'name') {
    const taken = state.createIssue?.kind === 'nameTaken';
    const onName = (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const deviceName = String(new FormData(event.currentTarget).get('deviceName') ?? '').trim();
      void totp.create(deviceName === '' ? undefined : deviceName);
    };
    return (
      <c.ScreenLayout data-state={taken ? 'error' : 'idle'} {...layout} heading={m.format('totp.setup.title')} subtitle={m.format('totp.setup.nameSubtitle')}>
        {screenError !== undefined && <c.Alert tone="error">{screenError}</c.Alert>}
        <form data-fk="form" noValidate onSubmit={onName}>
          <c.TextField name="deviceName" autoComplete="off" maxLength={256} label={m.format('totp.deviceNameLabel')} description={m.format('totp.deviceNameDescription')} error={taken ? m.format('totp.deviceExists') : undefined} />
          <c.Button type="submit" submitting={state.creating}>
            {m.format('common.continue')}
          </c.Button>
        </form>
      </c.ScreenLayout>
    );
  }

  const codeEntry = (
    <CodeEntry
      m={m}
      c={c}
      name="totp"
      label={m.format('totp.codeLabel')}
      outcome={view.deviceGone ? undefined : state.outcome}
      failure={state.verifyFailure}
      busy={state.verifying}
      done={continuing}
      autoFocus
      submitLabel={m.format('totp.submit')}
      onLockOver={totp.lockOver}
      onSubmit={async (code) => {
        const outcome = await totp.verify(code);
        if (outcome?.kind === 'ok' && mode === 'verify') next.mutate();
        return outcome;
      }}
    >
      {state.wrongInARow >= clockDriftHintAfter && <c.Alert tone="warning">{m.format('totp.clockDrift')}</c.Alert>}
      {mode === 'verify' && <TrustDeviceOption m={m} />}
    </CodeEntry>
  );
  const dataState = continuing ? 'success' : state.verifying ? 'submitting' : state.outcome || screenError ? 'error' : 'idle';

  if (screenStep === 'verify')
    return (
      <c.ScreenLayout data-state={dataState} data-locked={view.lockedUntil !== undefined ? '' : undefined} {...layout} heading={m.format('totp.verify.title')} subtitle={m.format('totp.verify.subtitle')}>
        {screenError !== undefined && <c.Alert tone="error">{screenError}</c.Alert>}
        {codeEntry}
      </c.ScreenLayout>
    );

  const device = state.device!;
  if (screenStep === 'setupCode')
    return (
      <c.ScreenLayout data-state={dataState} data-step="code" {...layout} heading={m.format('totp.setup.title')} subtitle={m.format('totp.setup.codeStep')}>
        {screenError !== undefined && <c.Alert tone="error">{screenError}</c.Alert>}
        {codeEntry}
        <c.Button variant="link" disabled={continuing} onClick={() => setPhase('scan')}>
          {m.format('totp.setup.showQr')}
        </c.Button>
      </c.ScreenLayout>
    );
  return (
    <c.ScreenLayout data-state={dataState} data-step={splitSetup ? 'scan' : undefined} {...layout} heading={m.format('totp.setup.title')} subtitle={m.format('totp.setup.subtitle')}>
      {screenError !== undefined && <c.Alert tone="error">{screenError}</c.Alert>}
      {view.deviceGone ? (
        <>
          <c.Alert tone="error">{m.format('totp.unknownDevice')}</c.Alert>
          <c.Button submitting={state.creating} onClick={() => void totp.restartSetup()}>
            {m.format('otp.restart')}
          </c.Button>
        </>
      ) : (
        <>
          <div data-fk="totp-device">
            <p data-fk="hint">{m.format('totp.setup.scanQr')}</p>
            <c.QrCode value={device.qrCodeString} label={m.format('totp.qrLabel')} errorText={m.format('totp.qrError')} />
            <p data-fk="hint">{m.format('totp.setup.cantScan')}</p>
            <c.SecretDisplay
              secret={device.secret}
              label={m.format('totp.secretLabel')}
              groupsLabel={m.format('totp.secretGroups')}
              copyLabel={m.format('totp.copySecret')}
              copiedLabel={m.format('totp.copied')}
              copyFailedLabel={m.format('totp.copyFailed')}
            />
            <p data-fk="hint">
              {m.format('totp.openInAppHint')}{' '}
              <a data-fk="link" href={device.qrCodeString}>
                {m.format('totp.openInApp')}
              </a>
            </p>
          </div>
          {splitSetup ? <c.Button onClick={() => setPhase('code')}>{m.format('totp.setup.next')}</c.Button> : codeEntry}
        </>
      )}
    </c.ScreenLayout>
  );
}

const NARROW = '(max-width: 32rem)';

const subscribeNarrow = (change: () => void) => {
  const query = typeof matchMedia === 'function' ? matchMedia(NARROW) : undefined;
  query?.addEventListener('change', change);
  return () => query?.removeEventListener('change', change);
};
const isNarrow = () => typeof matchMedia === 'function' && matchMedia(NARROW).matches;

/** True on a phone-sized viewport (and false where there is no `matchMedia`, as in jsdom). */
function useNarrowViewport(): boolean {
  return useSyncExternalStore(subscribeNarrow, isNarrow, () => false);
}
