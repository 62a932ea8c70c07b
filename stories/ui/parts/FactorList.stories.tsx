import type { Meta, StoryObj } from '@storybook/react';
import { expect, fn, userEvent, within } from 'storybook/test';
import { FactorIcon, FactorList, FactorOption } from '../../../src/ui/index.ts';
import { useStoryMessages } from '../../support/kit.tsx';

const builtIn = ['otp-email', 'otp-phone', 'totp', 'emailpassword'] as const;

function Factors({ onSelect, withCustom, disabledCustom }: { onSelect?: (id: string) => void; withCustom?: boolean; disabledCustom?: boolean }) {
  const m = useStoryMessages();
  return (
    <FactorList aria-label={m.format('chooser.listLabel')}>
      {builtIn.map((id) => (
        <FactorOption
          key={id}
          factorId={id}
          name={m.format(`factor.${id}.name`)}
          description={m.format(`factor.${id}.description`)}
          icon={<FactorIcon factorId={id} />}
          onSelect={onSelect}
        />
      ))}
      {withCustom && <FactorOption factorId="acme" href="#acme" name={m.format('factor.custom.name')} description={m.format('factor.custom.description')} icon={<FactorIcon factorId="acme" />} />}
      {disabledCustom && <FactorOption factorId="acme-off" disabled name={m.format('factor.custom.name')} icon={<FactorIcon factorId="acme" />} />}
    </FactorList>
  );
}

/** The chooser's list: each factor a real button (or link), named by its title, described by its line. */
const meta = { title: 'Parts/FactorList', component: Factors, parameters: { kitComponent: FactorList }, args: { onSelect: fn() } } satisfies Meta<typeof Factors>;
export default meta;
type Story = StoryObj<typeof meta>;

export const BuiltInFactors: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getAllByRole('listitem')).toHaveLength(4);
    await userEvent.click(canvas.getAllByRole('button')[2]!);
    await expect(args.onSelect).toHaveBeenCalledWith('totp', expect.anything());
  },
};
/** A custom factor as a link, and one that is unavailable. */
export const WithCustomFactors: Story = { args: { withCustom: true, disabledCustom: true } };
