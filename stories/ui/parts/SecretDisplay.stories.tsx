import type { Meta, StoryObj } from '@storybook/react';
import { expect, within } from 'storybook/test';
import { SecretDisplay } from '../../../src/ui/index.ts';
import { useStoryMessages } from '../../support/kit.tsx';

function Secret({ secret }: { secret: string }) {
  const m = useStoryMessages();
  return (
    <SecretDisplay
      secret={secret}
      label={m.format('totp.secretLabel')}
      groupsLabel={m.format('totp.secretGroups')}
      copyLabel={m.format('totp.copySecret')}
      copiedLabel={m.format('totp.copied')}
      copyFailedLabel={m.format('totp.copyFailed')}
    />
  );
}

/** The TOTP secret in groups of four (always left to right), with a copy button. */
const meta = { title: 'Parts/SecretDisplay', component: Secret, parameters: { kitComponent: SecretDisplay }, args: { secret: 'JBSWY3DPEHPK3PXPJBSWY3DP' } } satisfies Meta<typeof Secret>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Grouped: Story = {
  play: async ({ canvasElement }) => {
    const groups = canvasElement.querySelector('[role="group"]');
    await expect(groups?.textContent).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP');
    await expect(within(canvasElement).getByRole('button')).toBeInTheDocument();
  },
};
export const Short: Story = { args: { secret: 'ABCDEFGH' } };
