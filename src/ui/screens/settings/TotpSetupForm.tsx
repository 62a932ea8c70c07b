import { useState, type FormEvent } from 'react';
import { useTotpFlow } from '../../../react/index.ts';
import type { Messages } from '../../messages/types.ts';
import { CodeEntry } from '../CodeEntry.tsx';
import type { ScreenComponents } from '../components.ts';
import { failureText, refusalText } from '../screenSupport.ts';

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
 * Adds an authenticator app from the settings page, over `useTotpFlow`: a name, then the QR code and
 * secret, then a code from the app, in the kit's one code entry.
 */
export function TotpSetupForm({ messages: m, c, onDone, onStepUpRequired }: TotpSetupFormProps) {
  const totp = useTotpFlow({ mode: 'setup', askDeviceName: true, defaultDeviceName: (count) => m.format('totp.defaultName', { count }) });
  const { state, view } = totp;
  const [name, setName] = useState('');
  const device = state.device;

  if (!device) {
    const issue = state.createIssue;
    const nameError = issue?.kind === 'nameTaken' ? m.format('totp.deviceExists') : undefined;
    const failure = issue?.kind === 'failed' ? failureText(m, issue.error) : issue?.kind === 'refused' ? refusalText(m, issue.refusal) : undefined;
    return (
      <form
        data-fk="settings-totp-setup"
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void totp.create(name.trim() || undefined).then((issue) => {
            if (issue?.kind === 'stepUp') onStepUpRequired?.(issue.factors);
          });
        }}
      >
        {failure && <c.Alert>{failure}</c.Alert>}
        <c.TextField label={m.format('totp.deviceNameLabel')} description={m.format('totp.deviceNameDescription')} value={name} onValueChange={setName} error={nameError} autoComplete="off" />
        <c.Button type="submit" submitting={state.creating}>
          {m.format('common.continue')}
        </c.Button>
      </form>
    );
  }

  return (
    <div data-fk="settings-totp-setup">
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
      {view.deviceGone ? (
        <>
          <c.Alert>{m.format('totp.unknownDevice')}</c.Alert>
          <c.Button onClick={() => void totp.restartSetup(device.deviceName)}>{m.format('otp.restart')}</c.Button>
        </>
      ) : (
        <CodeEntry
          m={m}
          c={c}
          name="totp"
          label={m.format('totp.codeLabel')}
          outcome={state.outcome}
          failure={state.verifyFailure}
          busy={state.verifying}
          submitLabel={m.format('totp.submit')}
          onLockOver={totp.lockOver}
          onSubmit={async (code) => {
            const outcome = await totp.verify(code);
            if (outcome?.kind === 'ok') onDone(device.deviceName);
            return outcome;
          }}
        />
      )}
    </div>
  );
}
