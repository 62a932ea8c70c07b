import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  useAuthClient,
  useContinue,
  useCreateTotpDevice,
  useFactorScreen,
  useMFAInfo,
  useRemoveTotpDevice,
  useSignOut,
  useVerifyTotpCode,
  useVerifyTotpDevice,
} from '../../react/index.ts';
import type { Messages } from '../messages/types.ts';
import { LoadingScreen } from './LoadingScreen.tsx';
import type { BaseScreenProps } from './screenSupport.ts';
import { answerText, failureText, useScreenKit, useStepFocus } from './screenSupport.ts';

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

type VerifyAnswer = NonNullable<ReturnType<typeof useVerifyTotpDevice>['data'] | ReturnType<typeof useVerifyTotpCode>['data']>;

function answerError(m: Messages, answer: VerifyAnswer | undefined): string | undefined {
  if (answer === undefined) return undefined;
  switch (answer.status) {
    case 'OK':
    case 'LIMIT_REACHED_ERROR':
      return undefined;
    case 'INVALID_TOTP_ERROR':
      return m.format('totp.attemptsLeft', { count: answer.attemptsRemaining });
    case 'UNKNOWN_DEVICE_ERROR':
      return m.format('totp.unknownDevice');
    default:
      return answerText(m, answer);
  }
}

/**
 * `{basePath}/mfa/totp`. Set-up (an app not set up yet, or `?setup=true`; `?setup=false` is not
 * a request): QR code, the secret in groups with a copy button that says "copied", an `otpauth://`
 * link for this phone, then the first code. Verify: the code from the app. Wrong codes say how many
 * tries are left; after repeated ones a hint about the phone's clock; the lockout shows a countdown
 * from `retryAfterMs` before "Try again". An app created here and never verified is removed when
 * the user leaves (back, sign out, or another page). After a correct code the screen only continues.
 */
export function TotpScreen({ clockDriftHintAfter = 2, askDeviceName, components, ...props }: TotpScreenProps) {
  const { m, c, root } = useScreenKit(components);
  const client = useAuthClient();
  const factor = useFactorScreen('totp');
  const info = useMFAInfo();
  const create = useCreateTotpDevice();
  const verifyDevice = useVerifyTotpDevice();
  const verifyCode = useVerifyTotpCode();
  const remove = useRemoveTotpDevice();
  const next = useContinue();
  const signOut = useSignOut();

  const [code, setCode] = useState('');
  // Bumped when a wrong code is cleared: a fresh input fires onComplete again for the same digits.
  const [round, setRound] = useState(0);
  const [failures, setFailures] = useState(0);
  const [lock, setLock] = useState<{ until: number; over: boolean } | undefined>(undefined);
  const [verified, setVerified] = useState(false);
  const [nameError, setNameError] = useState<string | undefined>(undefined);

  const device = create.data?.status === 'OK' ? create.data : undefined;
  const setup = factor.needsSetup;
  const namesFirst = askDeviceName ?? factor.isSetUp;
  const canCreate = !factor.isPending && factor.info !== undefined && setup && !verified;

  // One device per visit, created as soon as the set-up is known to be needed (not while the
  // screen is continuing on its own: the anchor kit kept loading after starting its redirect).
  const started = useRef(false);
  useEffect(() => {
    if (!canCreate || namesFirst || started.current) return;
    started.current = true;
    create.mutate({});
  }, [canCreate, namesFirst, create]);

  // An unverified device must not outlive the set-up screen. Removal waits a tick, so the
  // unmount-and-mount of StrictMode (same screen) cancels it.
  const unverified = useRef<string | undefined>(undefined);
  unverified.current = device && !verified ? device.deviceName : undefined;
  const removal = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    clearTimeout(removal.current);
    return () => {
      const deviceName = unverified.current;
      if (deviceName === undefined) return;
      removal.current = setTimeout(() => void client.totp.removeDevice({ deviceName }).catch(() => undefined), 0);
    };
  }, [client]);

  const leave = async (go: () => void) => {
    const deviceName = unverified.current;
    unverified.current = undefined;
    if (deviceName !== undefined) await remove.mutateAsync({ deviceName }).catch(() => undefined);
    go();
  };

  const answer = device ? verifyDevice.data : verifyCode.data;
  const verifying = verifyDevice.isPending || verifyCode.isPending;
  const continuing = verified;
  const onAnswer = (r: VerifyAnswer) => {
    if (r.status === 'OK') {
      setVerified(true);
      next.mutate();
      return;
    }
    setCode('');
    setRound((k) => k + 1);
    if (r.status === 'INVALID_TOTP_ERROR' || r.status === 'LIMIT_REACHED_ERROR') setFailures((f) => f + 1);
    if (r.status === 'LIMIT_REACHED_ERROR') setLock({ until: Date.now() + r.retryAfterMs, over: false });
  };
  const submit = (value: string) => {
    if (verifying || continuing || value.length !== 6) return;
    if (device) verifyDevice.mutate({ deviceName: device.deviceName, totp: value }, { onSuccess: onAnswer });
    else verifyCode.mutate({ totp: value }, { onSuccess: onAnswer });
  };
  const restartSetup = () => {
    verifyDevice.reset();
    started.current = true;
    create.mutate({});
  };

  const view = factor.isPending
    ? 'loading'
    : factor.error !== null
      ? 'infoError'
      : lock !== undefined
        ? 'locked'
        : !setup
          ? 'verify'
          : device
            ? 'setup'
            : create.isPending || (!namesFirst && !create.isError && create.data === undefined)
              ? 'loading'
              : (namesFirst && create.data === undefined && !create.isError) || create.data?.status === 'DEVICE_ALREADY_EXISTS_ERROR'
                ? 'name'
                : 'setupError';
  const headingRef = useStepFocus(view);

  if (view === 'loading') return <LoadingScreen components={components} {...props} />;

  const screenError = next.isError ? failureText(m, next.error) : signOut.isError ? failureText(m, signOut.error) : undefined;
  const footer = (
    <>
      {factor.canGoBack && (
        <c.Button variant="link" disabled={continuing} onClick={() => void leave(() => factor.goToChooser())}>
          {m.format('common.back')}
        </c.Button>
      )}
      <c.Button variant="link" submitting={signOut.isPending || remove.isPending} onClick={() => void leave(() => signOut.mutate())}>
        {m.format('common.signOut')}
      </c.Button>
    </>
  );
  const layout = { ...root, ...props, headingRef, footer };

  if (view === 'infoError' || view === 'setupError') {
    const text =
      view === 'infoError'
        ? factor.error instanceof Error
          ? failureText(m, factor.error)
          : answerText(m, factor.error ?? { status: '' })
        : create.isError
          ? failureText(m, create.error)
          : create.data?.status === 'GENERAL_ERROR'
            ? answerText(m, create.data)
            : m.format('error.reload');
    const retry = view === 'infoError' ? () => void info.refetch() : restartSetup;
    return (
      <c.ScreenLayout data-state="error" {...layout} heading={m.format(view === 'infoError' ? 'error.generic' : 'totp.setup.title')}>
        <c.Alert tone="error">{text}</c.Alert>
        <c.Button submitting={info.isFetching || create.isPending} onClick={retry}>
          {m.format('common.tryAgain')}
        </c.Button>
      </c.ScreenLayout>
    );
  }

  if (view === 'locked') {
    const over = lock!.over;
    return (
      <c.ScreenLayout data-state="error" data-locked="" {...layout} heading={m.format('totp.locked.title')} subtitle={m.format('totp.locked.body')}>
        <p data-fk="hint">
          <c.Countdown
            endsAt={lock!.until}
            format={(s) => m.format('totp.locked.countdown', { time: m.formatDuration(s) })}
            onDone={() => setLock((l) => l && { ...l, over: true })}
          />
        </p>
        <c.Button
          disabled={!over}
          onClick={() => {
            setLock(undefined);
            verifyCode.reset();
            verifyDevice.reset();
          }}
        >
          {m.format('totp.locked.retry')}
        </c.Button>
      </c.ScreenLayout>
    );
  }

  if (view === 'name') {
    const exists = create.data?.status === 'DEVICE_ALREADY_EXISTS_ERROR';
    const onName = (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const deviceName = String(new FormData(event.currentTarget).get('deviceName') ?? '').trim();
      setNameError(undefined);
      started.current = true;
      create.mutate(deviceName === '' ? {} : { deviceName });
    };
    return (
      <c.ScreenLayout data-state={exists ? 'error' : 'idle'} {...layout} heading={m.format('totp.setup.title')} subtitle={m.format('totp.setup.nameSubtitle')}>
        {screenError !== undefined && <c.Alert tone="error">{screenError}</c.Alert>}
        <form data-fk="form" noValidate onSubmit={onName}>
          <c.TextField
            name="deviceName"
            autoComplete="off"
            maxLength={256}
            label={m.format('totp.deviceNameLabel')}
            description={m.format('totp.deviceNameDescription')}
            error={nameError ?? (exists ? m.format('totp.deviceExists') : undefined)}
          />
          <c.Button type="submit" submitting={create.isPending}>
            {m.format('common.continue')}
          </c.Button>
        </form>
      </c.ScreenLayout>
    );
  }

  const error = verifyDevice.isError || verifyCode.isError ? failureText(m, verifyDevice.error ?? verifyCode.error) : answerError(m, answer);
  const unknownDevice = answer?.status === 'UNKNOWN_DEVICE_ERROR';
  const codeForm = (
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
        name="totp"
        label={m.format('totp.codeLabel')}
        length={6}
        value={code}
        onValueChange={setCode}
        onComplete={submit}
        error={unknownDevice ? undefined : error}
        disabled={continuing}
        autoFocus={view === 'verify' || round > 0}
      />
      {failures >= clockDriftHintAfter && <c.Alert tone="warning">{m.format('totp.clockDrift')}</c.Alert>}
      <c.Button type="submit" submitting={verifying || continuing}>
        {m.format('totp.submit')}
      </c.Button>
    </form>
  );
  const state = continuing ? 'success' : verifying ? 'submitting' : error || screenError ? 'error' : 'idle';

  if (view === 'verify')
    return (
      <c.ScreenLayout data-state={state} {...layout} heading={m.format('totp.verify.title')} subtitle={m.format('totp.verify.subtitle')}>
        {screenError !== undefined && <c.Alert tone="error">{screenError}</c.Alert>}
        {codeForm}
      </c.ScreenLayout>
    );

  return (
    <c.ScreenLayout data-state={state} {...layout} heading={m.format('totp.setup.title')} subtitle={m.format('totp.setup.subtitle')}>
      {screenError !== undefined && <c.Alert tone="error">{screenError}</c.Alert>}
      {unknownDevice ? (
        <>
          <c.Alert tone="error">{m.format('totp.unknownDevice')}</c.Alert>
          <c.Button onClick={restartSetup}>{m.format('otp.restart')}</c.Button>
        </>
      ) : (
        <>
          <div data-fk="totp-device">
            <p data-fk="hint">{m.format('totp.setup.scanQr')}</p>
            <c.QrCode value={device!.qrCodeString} label={m.format('totp.qrLabel')} errorText={m.format('totp.qrError')} />
            <p data-fk="hint">{m.format('totp.setup.cantScan')}</p>
            <c.SecretDisplay
              secret={device!.secret}
              label={m.format('totp.secretLabel')}
              groupsLabel={m.format('totp.secretGroups')}
              copyLabel={m.format('totp.copySecret')}
              copiedLabel={m.format('totp.copied')}
              copyFailedLabel={m.format('totp.copyFailed')}
            />
            <p data-fk="hint">
              {m.format('totp.openInAppHint')}{' '}
              <a data-fk="link" href={device!.qrCodeString}>
                {m.format('totp.openInApp')}
              </a>
            </p>
          </div>
          {codeForm}
        </>
      )}
    </c.ScreenLayout>
  );
}
