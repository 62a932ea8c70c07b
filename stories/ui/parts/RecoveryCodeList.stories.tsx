import type { Meta, StoryObj } from '@storybook/react';
import { expect, within } from 'storybook/test';
import { RecoveryCodeList } from '../../../src/ui/index.ts';
import { useStoryMessages } from '../../support/kit.tsx';
import { recoveryCodeListLabels } from '../../../src/ui/screens/RecoveryCodesSave.tsx';

const CODES = ['zj6h-jsv2-05xd', 'j5tf-mbey-jpwb', 'sa7z-evf4-x0yq', 'zyts-w1xc-7560', 'hdwe-1mn6-3vq9', 'jwht-n6tc-a588', 'av7g-5dd5-81jp', 'gat2-weax-kdvx', 'ehgb-0hfz-vk3g', '79tm-1x9r-zbwe'];

function Codes({ codes }: { codes: string[] }) {
  const m = useStoryMessages();
  return (
    <RecoveryCodeList
      codes={codes}
      text={codes.join('\n')}
      labels={recoveryCodeListLabels(m)}
    />
  );
}

/** A set of recovery codes, shown once: numbered, left to right in every locale, with copy, a .txt download and print. */
const meta = { title: 'Parts/RecoveryCodeList', component: Codes, parameters: { kitComponent: RecoveryCodeList }, args: { codes: CODES } } satisfies Meta<typeof Codes>;
export default meta;
type Story = StoryObj<typeof meta>;

export const TenCodes: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getAllByRole('listitem')).toHaveLength(10);
    await expect(canvas.getByRole('list').getAttribute('dir')).toBe('ltr');
    await expect(canvas.getByRole('link').getAttribute('download')).toBe('recovery-codes.txt');
  },
};
