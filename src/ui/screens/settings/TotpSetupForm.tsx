import { useState, type FormEvent } from 'react';
import { useCreateTotpDevice, useVerifyTotpDevice } from '../../../react/index.ts';
import type { Messages } from '../../messages/types.ts';
import type { ScreenComponents } from '../components.ts';
import { errorText, stepUpFactorsOf } from './errorText.ts';

/** Props of {@link TotpSetupForm}. */
export interface TotpSetupFormProps {
  messages: Messages;
  /** The parts to draw with. */
  c: ScreenComponents;
  /** The device is verified (and `totp` completed in this session). */
  onDone: (deviceName: string) => void;
  /** The backend asks for step-up first (`403 fk-step-up`): the factors that would do. */
  onStepUpRequired?: (factors: string[]) => void;
}

/**
 * Adds an authenticator app from the settings page: a name, then the QR code and secret, then a
 * code from the app (`POST /totp/device`, `POST /totp/device/verify`).
 */
export function TotpSetupForm({ messages: m, c, onDone, onStepUpRequired }: TotpSetupFormProps) {
  const create = useCreateTotpDevice();
  const verify = useVerifyTotpDevice();
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const device = create.data?.status === 'OK' ? create.data : undefined;

  if (!device) {
    const answer = create.data;
    const nameError = answer?.status === 'DEVICE_ALREADY_EXISTS_ERROR' ? m.format('totp.deviceExists') : undefined;
    const failure = create.error !== null ? errorText(m, create.error) : answer && answer.status !== 'OK' && !nameError ? errorText(m, answer) : undefined;
    return (
      <form
        data-fk="settings-totp-setup"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          create.mutate(
            { deviceName: name.trim() || undefined },
            {
              onSuccess: (r) => {
                const factors = stepUpFactorsOf(r);
                if (factors && onStepUpRequired) onStepUpRequired(factors);
              },
            },
          );
        }}
      >
        {failure && <c.Alert>{failure}</c.Alert>}
        <c.TextField label={m.format('totp.deviceNameLabel')} description={m.format('totp.deviceNameDescription')} value={name} onValueChange={setName} error={nameError} autoComplete="off" />
        <c.Button type="submit" submitting={create.isPending}>
          {m.format('common.continue')}
        </c.Button>
      </form>
    );
  }

  const submit = (totp: string) => {
    if (totp.length !== 6 || verify.isPending) return;
    verify.mutate(
      { deviceName: device.deviceName, totp },
      {
        onSuccess: (r) => {
          if (r.status === 'OK') onDone(device.deviceName);
          else if (r.status === 'UNKNOWN_DEVICE_ERROR') create.reset();
          else setCode('');
        },
      },
    );
  };
  const r = verify.data;
  const codeError =
    verify.error !== null
      ? errorText(m, verify.error)
      : r === undefined || r.status === 'OK'
        ? undefined
        : r.status === 'INVALID_TOTP_ERROR'
          ? r.attemptsRemaining > 0
            ? m.format('totp.attemptsLeft', { count: r.attemptsRemaining })
            : m.format('totp.invalid')
          : r.status === 'LIMIT_REACHED_ERROR'
            ? `${m.format('totp.locked.body')} ${m.format('totp.locked.countdown', { time: m.formatDuration(r.retryAfterMs / 1000) })}`
            : errorText(m, r);
  return (
    <form
      data-fk="settings-totp-setup"
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        submit(code);
      }}
    >
      <p>{m.format('totp.setup.scanQr')}</p>
      <c.QrCode value={device.qrCodeString} label={m.format('totp.qrLabel')} errorText={m.format('totp.qrError')} />
      <p>{m.format('totp.setup.cantScan')}</p>
      <c.SecretDisplay
        secret={device.secret}
        label={m.format('totp.secretLabel')}
        groupsLabel={m.format('totp.secretGroups')}
        copyLabel={m.format('totp.copySecret')}
        copiedLabel={m.format('totp.copied')}
        copyFailedLabel={m.format('totp.copyFailed')}
      />
      <c.OtpInput label={m.format('totp.codeLabel')} value={code} onValueChange={setCode} onComplete={submit} error={codeError} />
      <c.Button type="submit" submitting={verify.isPending}>
        {m.format('totp.submit')}
      </c.Button>
    </form>
  );
}
