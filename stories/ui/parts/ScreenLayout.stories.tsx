import type { Meta, StoryObj } from '@storybook/react';
import { expect, within } from 'storybook/test';
import { Button, Card, ScreenLayout, TextField } from '../../../src/ui/index.ts';
import { useStoryMessages } from '../../support/kit.tsx';

function Frame({ withFooter, withSubtitle }: { withFooter?: boolean; withSubtitle?: boolean }) {
  const m = useStoryMessages();
  return (
    <ScreenLayout
      heading={m.format('signIn.title')}
      subtitle={withSubtitle ? m.format('signIn.subtitle') : undefined}
      footer={
        withFooter ? (
          <>
            <Button variant="link">{m.format('signIn.toSignUp')}</Button>
            <Button variant="secondary">{m.format('common.back')}</Button>
          </>
        ) : undefined
      }
    >
      <TextField label={m.format('field.email.label')} type="email" autoComplete="email" />
      <Button type="submit">{m.format('signIn.submit')}</Button>
    </ScreenLayout>
  );
}

/** The frame of every screen: a card named by its heading, body, and footer actions. */
const meta = { title: 'Parts/ScreenLayout', component: Frame, parameters: { kitComponent: ScreenLayout }, args: { withFooter: true, withSubtitle: true } } satisfies Meta<typeof Frame>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Full: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const heading = canvas.getByRole('heading', { level: 1 });
    await expect(canvas.getByRole('region', { name: heading.textContent ?? '' })).toBeInTheDocument();
  },
};
export const HeadingOnly: Story = { args: { withFooter: false, withSubtitle: false } };

/** A plain themed surface, as the settings screen uses for each section. */
export const CardSurface: Story = {
  render: function Render() {
    const m = useStoryMessages();
    return (
      <Card>
        <p>{m.format('settings.devices.count', { count: 3 })}</p>
        <Button variant="secondary" aria-label={m.format('settings.devices.removeNamed', { name: 'Pixel' })}>
          {m.format('settings.devices.remove')}
        </Button>
      </Card>
    );
  },
};
