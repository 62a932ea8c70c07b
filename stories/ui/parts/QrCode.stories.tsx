import type { Meta, StoryObj } from '@storybook/react';
import { expect, within } from 'storybook/test';
import { QrCode } from '../../../src/ui/index.ts';
import { useStoryMessages } from '../../support/kit.tsx';

const uri = 'otpauth://totp/Acme:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme';

function Qr({ value }: { value: string }) {
  const m = useStoryMessages();
  return <QrCode value={value} label={m.format('totp.qrLabel')} errorText={m.format('totp.qrError')} />;
}

/** Dark on light with a quiet zone in every theme; an encoding error is shown, not swallowed. */
const meta = { title: 'Parts/QrCode', component: Qr, parameters: { kitComponent: QrCode }, args: { value: uri } } satisfies Meta<typeof Qr>;
export default meta;
type Story = StoryObj<typeof meta>;

export const TotpUri: Story = {
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByRole('img')).toBeInTheDocument();
  },
};
/** Nothing to encode: the slot says so instead of going blank. */
export const EncodingError: Story = {
  args: { value: '' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).queryByRole('img')).not.toBeInTheDocument();
  },
};
