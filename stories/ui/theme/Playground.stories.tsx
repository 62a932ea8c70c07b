import { useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react';
import { expect, within } from 'storybook/test';
import stylesheet from '../../../src/ui/theme/styles.css?raw';
import { Alert, checkContrast } from '../../../src/ui/index.ts';
import { colourTokens, primaryDerived, readThemeTokens } from '../../../src/ui/theme/themeTokens.ts';
import { useStoryKit, useStoryMessages } from '../../support/kit.tsx';
import { SampleScreen } from '../../support/SampleScreen.tsx';

/** The semantic tokens the playground sets (the rest come from the theme it starts from). */
interface PlaygroundArgs {
  base: 'light' | 'dark' | 'high-contrast';
  'color-primary': string;
  'color-bg': string;
  'color-surface': string;
  'color-fg': string;
  'color-muted': string;
  'color-border-strong': string;
  'color-focus': string;
  'color-danger': string;
  'radius-md': string;
  'font-family': string;
}

const TOKENS = ['color-primary', 'color-bg', 'color-surface', 'color-fg', 'color-muted', 'color-border-strong', 'color-focus', 'color-danger', 'radius-md', 'font-family'] as const;
const { themes } = readThemeTokens(stylesheet);

/**
 * The stylesheet an app adds for these tokens: on the built-in theme they start from (README
 * "Theming"; the rest of that theme's tokens stay as they are), unlayered so it wins over the kit's
 * `@layer fk`. Text on the primary colour and its hover are derived by the kit.
 */
export function playgroundCss(args: PlaygroundArgs): string {
  const lines = TOKENS.map((t) => `  --fk-${t}: ${args[t]};`);
  return `[data-fk-theme="${args.base}"] {\n${lines.join('\n')}\n}\n`;
}

function Playground(args: PlaygroundArgs) {
  const m = useStoryMessages();
  const { dir, locale } = useStoryKit();
  const css = playgroundCss(args);
  // The chosen tokens over the theme they start from, and what the kit derives from the primary
  // colour (its text, its hover), as the screens will see them.
  const chosen = { ...colourTokens(themes[args.base]), ...Object.fromEntries(TOKENS.filter((t) => t.startsWith('color-')).map((t) => [t, args[t]])) };
  let derived = {};
  try {
    derived = primaryDerived(chosen['color-primary']!, chosen['color-fg']!);
  } catch {
    // A colour the check cannot read (hsl(), a name): its pairs are listed as failing, with ratio 0.
  }
  const tokens = { ...chosen, ...derived };
  const failures = checkContrast(tokens);
  const [copied, setCopied] = useState(false);
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 22rem), 1fr))', gap: '1rem', alignItems: 'start' }}>
      <style>{css}</style>
      <div data-fk-theme={args.base} dir={dir} lang={locale} data-testid="preview">
        <SampleScreen message={<Alert tone="error">{m.format('code.wrong', { count: 2 })}</Alert>} />
      </div>
      <section aria-label="Your theme" style={{ fontFamily: 'system-ui, sans-serif' }}>
        <h2>Contrast (WCAG 2.2 AA)</h2>
        {failures.length === 0 ? (
          <p role="status">Every pair the screens draw passes.</p>
        ) : (
          <ul aria-label="Pairs that fall short">
            {failures.map((f) => (
              <li key={`${f.fg}/${f.bg}/${f.min}`}>{`${f.fg} on ${f.bg} (${f.use}): ${f.ratio}:1, needs ${f.min}:1`}</li>
            ))}
          </ul>
        )}
        <h2>Your stylesheet</h2>
        <pre aria-label="Your stylesheet" style={{ whiteSpace: 'pre-wrap', background: '#f1f5f9', color: '#0f172a', padding: '0.75rem' }}>
          {css}
        </pre>
        <button type="button" onClick={() => void navigator.clipboard?.writeText(css).then(() => setCopied(true))}>
          Copy CSS
        </button>{' '}
        <span role="status">{copied ? 'Copied' : ''}</span>
      </section>
    </div>
  );
}

const colour = { control: { type: 'color' } } as const;
const meta = {
  title: 'Theme/Playground',
  component: Playground,
  argTypes: {
    base: { control: { type: 'inline-radio' }, options: ['light', 'dark', 'high-contrast'] },
    'color-primary': colour,
    'color-bg': colour,
    'color-surface': colour,
    'color-fg': colour,
    'color-muted': colour,
    'color-border-strong': colour,
    'color-focus': colour,
    'color-danger': colour,
    'radius-md': { control: { type: 'text' } },
    'font-family': { control: { type: 'text' } },
  },
  args: {
    base: 'light',
    'color-primary': '#0f766e',
    'color-bg': '#f8fafc',
    'color-surface': '#ffffff',
    'color-fg': '#0f172a',
    'color-muted': '#475569',
    'color-border-strong': '#64748b',
    'color-focus': '#0f766e',
    'color-danger': '#b91c1c',
    'radius-md': '4px',
    'font-family': 'Georgia, serif',
  },
} satisfies Meta<typeof Playground>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A teal brand on the light theme: every pair passes; the stylesheet carries each token. */
export const Brand: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Every pair the screens draw passes.')).toBeInTheDocument();
    const css = canvas.getByLabelText('Your stylesheet').textContent ?? '';
    await expect(css).toContain('--fk-color-primary: #0f766e;');
    await expect(css).toContain('[data-fk-theme="light"] {');
    await expect(canvasElement.querySelector('style')?.textContent).toContain('--fk-color-primary: #0f766e;');
    await expect(canvas.getByTestId('preview').querySelector('[data-fk="screen"]')).not.toBeNull();
  },
};

/** A light-grey primary: the button text and the links fall short, and say so. */
export const LowContrast: Story = {
  args: { 'color-primary': '#cbd5e1', 'color-focus': '#e2e8f0' },
  play: async ({ canvasElement }) => {
    const list = within(canvasElement).getByRole('list', { name: 'Pairs that fall short' });
    await expect(within(list).getByText(/^color-primary on color-surface \(links and link buttons\): 1\.\d+:1, needs 4\.5:1$/)).toBeInTheDocument();
    await expect(within(list).getByText(/^color-focus on color-surface \(focus ring in the card\)/)).toBeInTheDocument();
  },
};

/** Dark: the same brand on the dark theme (its messages' backgrounds stay the dark theme's). */
export const Dark: Story = {
  args: { base: 'dark', 'color-primary': '#5eead4', 'color-bg': '#020617', 'color-surface': '#0f172a', 'color-fg': '#f8fafc', 'color-muted': '#94a3b8', 'color-border-strong': '#94a3b8', 'color-focus': '#5eead4', 'color-danger': '#fca5a5' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('Every pair the screens draw passes.')).toBeInTheDocument();
    await expect(within(canvasElement).getByLabelText('Your stylesheet').textContent).toContain('[data-fk-theme="dark"] {');
  },
};
