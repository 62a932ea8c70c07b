import type { ReactNode } from 'react';
import type { Meta, StoryObj } from '@storybook/react';
import { expect, within } from 'storybook/test';
import { Alert, Button, FactorIcon, FactorList, FactorOption, OtpInput, ScreenLayout, SecretDisplay, QrCode, TextField } from '../../../src/ui/index.ts';
import { themes, useStoryMessages } from '../../support/kit.tsx';
import { ThemeGallery } from '../../support/ThemeGallery.tsx';

function SignInParts() {
  const m = useStoryMessages();
  return (
    <ScreenLayout heading={m.format('signIn.title')} subtitle={m.format('signIn.subtitle')} headingLevel={2} footer={<Button variant="link">{m.format('signIn.toSignUp')}</Button>}>
      <Alert>{m.format('fieldError.wrongCredentials')}</Alert>
      <TextField label={m.format('field.email.label')} type="email" defaultValue="alice@example.com" />
      <TextField label={m.format('field.password.label')} type="password" error={m.format('fieldError.required')} />
      <Button type="submit">{m.format('signIn.submit')}</Button>
    </ScreenLayout>
  );
}

function CodeParts() {
  const m = useStoryMessages();
  return (
    <ScreenLayout heading={m.format('otp.email.title')} subtitle={m.format('otp.email.sentTo', { contact: 'alice@example.com' })} headingLevel={2}>
      <OtpInput label={m.format('otp.codeLabel')} defaultValue="123456" error={m.format('code.wrong', { count: 2 })} />
      <Button type="submit" submitting>
        {m.format('otp.submit')}
      </Button>
      <Button variant="secondary" disabled>
        {m.format('otp.resend')}
      </Button>
    </ScreenLayout>
  );
}

function TotpParts() {
  const m = useStoryMessages();
  return (
    <ScreenLayout heading={m.format('totp.setup.title')} headingLevel={2}>
      <QrCode value="otpauth://totp/Acme:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme" label={m.format('totp.qrLabel')} errorText={m.format('totp.qrError')} size={128} />
      <SecretDisplay
        secret="JBSWY3DPEHPK3PXP"
        label={m.format('totp.secretLabel')}
        groupsLabel={m.format('totp.secretGroups')}
        copyLabel={m.format('totp.copySecret')}
        copiedLabel={m.format('totp.copied')}
        copyFailedLabel={m.format('totp.copyFailed')}
      />
      <FactorList aria-label={m.format('chooser.listLabel')}>
        {(['totp', 'otp-email'] as const).map((id) => (
          <FactorOption key={id} factorId={id} name={m.format(`factor.${id}.name`)} icon={<FactorIcon factorId={id} />} />
        ))}
      </FactorList>
    </ScreenLayout>
  );
}

/** The parts in every theme side by side (light, dark, high contrast, system). Screens have their own galleries. */
const meta = {
  title: 'Theme/Gallery',
  component: ThemeGallery,
  args: { children: (): ReactNode => null },
  // The same screen four times means four regions with the same name: intended here, so this one
  // rule is off for galleries only (the addon and test/stories both read this).
  parameters: { a11y: { config: { rules: [{ id: 'landmark-unique', enabled: false }] } } },
} satisfies Meta<typeof ThemeGallery>;
export default meta;
type Story = StoryObj<typeof meta>;

export const SignInForm: Story = {
  args: { children: () => <SignInParts /> },
  play: async ({ canvasElement }) => {
    for (const theme of themes) await expect(within(canvasElement).getByRole('region', { name: `Theme: ${theme}` })).toBeInTheDocument();
  },
};
export const CodeEntry: Story = { args: { children: () => <CodeParts /> } };
export const TotpSetUp: Story = { args: { children: () => <TotpParts /> } };
