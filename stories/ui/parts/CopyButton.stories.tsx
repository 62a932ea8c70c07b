import type { Meta, StoryObj } from '@storybook/react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { CopyButton } from '../../../src/ui/index.ts';
import { useStoryMessages } from '../../support/kit.tsx';

function CopySecret({ text }: { text: string }) {
  const m = useStoryMessages();
  return (
    <CopyButton text={text} copiedLabel={m.format('totp.copied')} failedLabel={m.format('totp.copyFailed')}>
      {m.format('totp.copySecret')}
    </CopyButton>
  );
}

/** A real button that copies text (Clipboard API, then execCommand) and announces the result. */
const meta = { title: 'Parts/CopyButton', component: CopySecret, parameters: { kitComponent: CopyButton }, args: { text: 'JBSWY3DPEHPK3PXP' } } satisfies Meta<typeof CopySecret>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = {};

/** After a click the live region says the key was copied (user-event stands in for the clipboard). */
export const Copied: Story = {
  play: async ({ canvasElement }) => {
    const user = userEvent.setup();
    const canvas = within(canvasElement);
    await user.click(canvas.getByRole('button'));
    await waitFor(() => expect(canvas.getByRole('status')).not.toBeEmptyDOMElement());
    await expect(await navigator.clipboard.readText()).toBe('JBSWY3DPEHPK3PXP');
  },
};
