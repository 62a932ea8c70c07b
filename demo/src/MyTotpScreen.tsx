import { useState } from 'react';
import { Alert, Button, Countdown, LoadingScreen, OtpInput, QrCode, ScreenLayout, SecretDisplay, useContinue, useFactorKit, useFactorScreen, useTotpFlow } from 'factorkit';

/** The authenticator-app step in our own words and layout, from factorkit's hooks and parts. */
export function MyTotpScreen() {
  const factor = useFactorScreen('totp');
  const mode = factor.info === undefined ? undefined : factor.needsSetup ? 'setup' : 'verify';
  const { state, view, verify, lockOver, restartSetup } = useTotpFlow({ mode });
  const next = useContinue();
  const [code, setCode] = useState('');
  // The app's theme; the text below is ours, in English.
  const frame = { 'data-fk-theme': useFactorKit().theme, lang: 'en', dir: 'ltr' } as const;

  if (factor.isPending || view.step === 'loading') return <LoadingScreen />;
  if (view.step === 'createFailed' || view.deviceGone)
    return (
      <ScreenLayout {...frame} heading="Add an authenticator app">
        <Alert>We could not start the set-up.</Alert>
        <Button onClick={() => void restartSetup()}>Try again</Button>
      </ScreenLayout>
    );

  const submit = async (typed: string) => {
    const outcome = await verify(typed);
    if (outcome?.kind === 'ok') next.mutate();
    else setCode('');
  };
  const o = state.outcome;
  const locked = view.lockedUntil !== undefined;
  const problem = locked ? (
    <Countdown endsAt={view.lockedUntil!} onDone={lockOver} format={(s) => `Too many tries. Try again in ${s} s.`} />
  ) : o?.kind === 'wrong' ? (
    `That code did not work.${o.attemptsLeft !== undefined ? ` ${o.attemptsLeft} tries left.` : ''}`
  ) : state.verifyFailure !== undefined ? (
    'We could not check the code. Check your connection and try again.'
  ) : o !== undefined && o.kind !== 'ok' ? (
    'That did not work. Try again.'
  ) : undefined;

  return (
    <ScreenLayout {...frame} heading={state.device ? 'Add an authenticator app' : 'Enter the code from your app'}>
      {state.device && (
        <>
          <QrCode value={state.device.qrCodeString} label="QR code for your authenticator app" errorText="Type the key below instead." />
          <details>
            <summary>Can’t scan it?</summary>
            <SecretDisplay secret={state.device.secret} label="Key" groupsLabel="Key, in groups of four" copyLabel="Copy" copiedLabel="Copied" copyFailedLabel="Could not copy" />
          </details>
        </>
      )}
      {problem !== undefined && <Alert>{problem}</Alert>}
      <OtpInput label="6-digit code" autoFocus value={code} onValueChange={setCode} onComplete={(c) => void submit(c)} readOnly={state.verifying || state.verified} disabled={locked} />
      <Button submitting={state.verifying || state.verified} disabled={locked || code.length < 6} onClick={() => void submit(code)}>
        Continue
      </Button>
    </ScreenLayout>
  );
}
