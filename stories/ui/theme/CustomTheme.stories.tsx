import type { Meta, StoryObj } from '@storybook/react';
import { expect, within } from 'storybook/test';
import { Alert } from '../../../src/ui/index.ts';
import { useStoryKit, useStoryMessages } from '../../support/kit.tsx';
import { SampleScreen } from '../../support/SampleScreen.tsx';

/**
 * A brand theme made of nothing but CSS custom properties on a `data-fk-theme` value of our own:
 * semantic tokens only (colours, radius, font), no selectors into the parts, no `!important`.
 * Unlayered, so it wins over the kit's `@layer fk` without any specificity games.
 */
const acmeThemeCss = `
[data-fk-theme="acme"] {
  color-scheme: light;
  --fk-color-bg: #fff7ed;
  --fk-color-surface: #ffffff;
  --fk-color-fg: #1c1917;
  --fk-color-muted: #57534e;
  --fk-color-primary: #9a3412;
  --fk-color-primary-hover: #7c2d12;
  --fk-color-primary-fg: #ffffff;
  --fk-color-border: #fdba74;
  --fk-color-border-strong: #9a3412;
  --fk-color-focus: #c2410c;
  --fk-radius-sm: 0;
  --fk-radius-md: 0;
  --fk-radius-lg: 0;
  --fk-font-family: Georgia, 'Times New Roman', serif;
}`;

function AcmeScreen() {
  const m = useStoryMessages();
  const { dir, locale } = useStoryKit();
  return (
    <>
      <style>{acmeThemeCss}</style>
      <div data-fk-theme="acme" dir={dir} lang={locale}>
        <SampleScreen message={<Alert tone="info">{m.format('otp.resent')}</Alert>} />
      </div>
    </>
  );
}

const meta = { title: 'Theme/Custom theme (CSS variables only)', component: AcmeScreen } satisfies Meta<typeof AcmeScreen>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Acme: Story = {
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('heading', { level: 1 })).toBeInTheDocument();
    await expect(canvasElement.querySelector('[data-fk-theme="acme"]')).not.toBeNull();
  },
};
