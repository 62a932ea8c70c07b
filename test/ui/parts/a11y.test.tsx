// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import axe from 'axe-core';
import { createMessages } from '../../../src/ui/messages/createMessages.ts';
import { loadLocale } from '../../../src/ui/messages/locales.ts';
import type { Messages } from '../../../src/ui/messages/types.ts';
import { Alert } from '../../../src/ui/parts/Alert.tsx';
import { Button } from '../../../src/ui/parts/Button.tsx';
import { Card } from '../../../src/ui/parts/Card.tsx';
import { Countdown } from '../../../src/ui/parts/Countdown.tsx';
import { DelayedFallback } from '../../../src/ui/parts/DelayedFallback.tsx';
import { ErrorSummary } from '../../../src/ui/parts/ErrorSummary.tsx';
import { FactorIcon } from '../../../src/ui/parts/FactorIcon.tsx';
import { FactorList } from '../../../src/ui/parts/FactorList.tsx';
import { FactorOption } from '../../../src/ui/parts/FactorOption.tsx';
import { LiveRegion } from '../../../src/ui/parts/LiveRegion.tsx';
import { OtpInput } from '../../../src/ui/parts/OtpInput.tsx';
import { PhoneField } from '../../../src/ui/parts/PhoneField.tsx';
import { QrCode } from '../../../src/ui/parts/QrCode.tsx';
import { ScreenLayout } from '../../../src/ui/parts/ScreenLayout.tsx';
import { SecretDisplay } from '../../../src/ui/parts/SecretDisplay.tsx';
import { Spinner } from '../../../src/ui/parts/Spinner.tsx';
import { TextField } from '../../../src/ui/parts/TextField.tsx';

await loadLocale('ar');

afterEach(cleanup);

// jsdom has no canvas; axe probes it for icon fonts and copes with null, but jsdom prints
// "Not implemented" for every call.
HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;

const uri = 'otpauth://totp/Acme:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme';

/** Every part, in the states a screen shows, with text from the catalogue. */
function Gallery({ m }: { m: Messages }) {
  const factors = ['otp-email', 'otp-phone', 'totp', 'emailpassword'] as const;
  return (
    <ScreenLayout
      heading={m.format('totp.setup.title')}
      subtitle={m.format('totp.setup.subtitle')}
      footer={
        <>
          <Button variant="link">{m.format('common.signOut')}</Button>
          <Button variant="secondary">{m.format('common.back')}</Button>
        </>
      }
    >
      <ErrorSummary
        autoFocus={false}
        title={m.format('errorSummary.title', { count: 2 })}
        errors={[
          { fieldId: 'email', message: m.format('fieldError.emailInvalid') },
          { fieldId: 'password', message: m.format('fieldError.passwordTooWeak') },
        ]}
      />
      <Alert title={m.format('error.generic')}>{m.format('error.network')}</Alert>
      <Alert tone="info">{m.format('otp.resent')}</Alert>
      <Alert tone="warning">{m.format('totp.clockDrift')}</Alert>
      <Alert tone="success" title={m.format('ev.success.title')} />
      <TextField id="email" label={m.format('field.email.label')} type="email" autoComplete="email" error={m.format('fieldError.emailInvalid')} />
      <TextField id="password" label={m.format('field.password.label')} type="password" autoComplete="new-password" description={m.format('field.password.description')} />
      <PhoneField label={m.format('field.phone.label')} description={m.format('field.phone.description')} invalidMessage={m.format('fieldError.phoneInvalid')} />
      <OtpInput label={m.format('otp.codeLabel')} description={m.format('otp.codeDescription', { length: 6 })} defaultValue="12" error={m.format('code.wrong', { count: 2 })} />
      <Countdown endsAt={Date.now() + 15_000} format={(s) => m.format('otp.resendCooldown', { seconds: s })} />
      <Countdown endsAt={Date.now() + 299_000} format={(s) => m.format('otp.expiresIn', { time: m.formatDuration(s) })} />
      <QrCode value={uri} label={m.format('totp.qrLabel')} errorText={m.format('totp.qrError')} />
      <QrCode value="" label={m.format('totp.qrLabel')} errorText={m.format('totp.qrError')} />
      <SecretDisplay
        secret="JBSWY3DPEHPK3PXP"
        label={m.format('totp.secretLabel')}
        groupsLabel={m.format('totp.secretGroups')}
        copyLabel={m.format('totp.copySecret')}
        copiedLabel={m.format('totp.copied')}
        copyFailedLabel={m.format('totp.copyFailed')}
      />
      <a data-fk="link" href={uri}>
        {m.format('totp.openInApp')}
      </a>
      <FactorList aria-label={m.format('chooser.listLabel')}>
        {factors.map((id) => (
          <FactorOption key={id} factorId={id} name={m.format(`factor.${id}.name`)} description={m.format(`factor.${id}.description`)} icon={<FactorIcon factorId={id} />} />
        ))}
        <FactorOption factorId="acme" href="/auth/mfa/acme" name={m.format('factor.custom.name')} description={m.format('factor.custom.description')} icon={<FactorIcon factorId="acme" />} />
        <FactorOption factorId="acme-off" disabled name={m.format('factor.custom.name')} icon={<FactorIcon factorId="acme" />} />
      </FactorList>
      <Card>
        <p>{m.format('settings.devices.count', { count: 3 })}</p>
        <Button variant="secondary" aria-label={m.format('settings.devices.removeNamed', { name: 'Pixel' })}>
          {m.format('settings.devices.remove')}
        </Button>
      </Card>
      <Button type="submit" submitting>
        {m.format('totp.submit')}
      </Button>
      <Button disabled>{m.format('otp.resend')}</Button>
      <Spinner label={m.format('common.loading')} />
      <DelayedFallback delayMs={0} label={m.format('common.loading')} />
      <LiveRegion>{m.format('totp.copied')}</LiveRegion>
    </ScreenLayout>
  );
}

const themes = ['light', 'dark', 'high-contrast'] as const;
const cases = [...themes.map((theme) => ['en', theme] as const), ...themes.map((theme) => ['ar', theme] as const), ['fr', 'light'] as const, ['de', 'dark'] as const];

describe('axe-core on every part', () => {
  it('reports a real problem in jsdom (the harness works)', async () => {
    const { container } = render(<input type="text" />);
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => v.id)).toContain('label');
  });

  it.each(cases)('%s, %s theme: no violations', async (locale, theme) => {
    const m = createMessages(locale);
    const { container } = render(
      <div data-fk-theme={theme} dir={m.dir} lang={m.locale}>
        <Gallery m={m} />
      </div>,
    );
    if (locale === 'ar') expect(container.querySelector('[dir="rtl"]')).not.toBeNull();
    // The QR encoder loads on demand: check the finished image, not its placeholder.
    await screen.findByRole('img', { name: m.format('totp.qrLabel') });
    const results = await axe.run(container, {
      // jsdom computes no CSS colours: contrast is checked in a real browser, not here.
      rules: { 'color-contrast': { enabled: false } },
    });
    expect(results.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.html) }))).toEqual([]);
  });
});
