import type { Meta, StoryObj } from '@storybook/react';
import { expect, within } from 'storybook/test';
import { checkContrast, CopyButton } from '../../../src/ui/index.ts';
import { messagesOf } from '../../support/screenStory.tsx';
import { brandArgs, builtIn, playgroundCss, SHARED_TOKENS, VARIANT_COLOURS, variantColours, type PlaygroundArgs } from '../../support/playgroundTheme.ts';
import { PLAYGROUND_SCREENS, PlaygroundScreens, preparePlaygroundScreens, VARIANTS, type PlaygroundScreenId } from '../../support/PlaygroundScreens.tsx';

const slow = { timeout: 20_000 };
const ALL_SCREENS = Object.keys(PLAYGROUND_SCREENS) as PlaygroundScreenId[];

/** Props of the playground: the theme's tokens and which screens to show. */
type Props = PlaygroundArgs & { screens: PlaygroundScreenId[] };

/** The contrast check of one variant: every pair the screens draw, the failing ones named. */
function ContrastResult({ args, variant }: { args: PlaygroundArgs; variant: (typeof VARIANTS)[number] }) {
  const failures = checkContrast(variantColours(args, variant));
  const name = `Contrast, ${variant}`;
  return failures.length === 0 ? (
    <p role="status" aria-label={name}>{`${variant}: every pair the screens draw passes WCAG 2.2 AA.`}</p>
  ) : (
    <>
      <p role="status" aria-label={name}>{`${variant}: ${failures.length} ${failures.length === 1 ? 'pair falls' : 'pairs fall'} short of WCAG 2.2 AA.`}</p>
      <ul aria-label={`Pairs that fall short, ${variant}`}>
        {failures.map((f) => (
          <li key={`${f.fg}/${f.bg}/${f.min}`}>{`${f.fg} on ${f.bg} (${f.use}): ${f.ratio}:1, needs ${f.min}:1`}</li>
        ))}
      </ul>
    </>
  );
}

/**
 * Shape a theme of your own: set the colours of its light and dark variants and the tokens they
 * share (radii, spacing, type, focus ring) in the Controls panel, starting from a built-in theme;
 * every pre-built screen shows in both variants side by side, in the toolbar's locale and direction;
 * the contrast check names any pair under WCAG 2.2 AA; "Copy CSS" gives the stylesheet to load after
 * `factorkit/styles.css`.
 */
function Playground({ screens, ...args }: Props) {
  const css = playgroundCss(args);
  return (
    <div>
      <style>{css}</style>
      {/* The playground's own words are English and the stylesheet is code: left to right in every locale. */}
      <section aria-label="Your theme" dir="ltr" lang="en" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 24rem), 1fr))', gap: '1rem', fontFamily: 'system-ui, sans-serif' }}>
        <div>
          <h2 style={{ margin: '0 0 0.5rem', fontSize: '1.1rem' }}>Contrast (WCAG 2.2 AA: text 4.5:1, edges and focus 3:1)</h2>
          {VARIANTS.map((variant) => (
            <ContrastResult key={variant} args={args} variant={variant} />
          ))}
        </div>
        <div>
          <h2 style={{ margin: '0 0 0.5rem', fontSize: '1.1rem' }}>Your stylesheet</h2>
          <pre aria-label="Your stylesheet" tabIndex={0} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', background: '#f1f5f9', color: '#0f172a', padding: '0.75rem', maxBlockSize: '18rem', overflow: 'auto', margin: '0 0 0.5rem' }}>
            {css}
          </pre>
          <div data-fk-theme="light">
            <CopyButton text={css} copiedLabel="Copied: paste it after factorkit/styles.css" failedLabel="The browser would not copy: select the text above">
              Copy CSS
            </CopyButton>
          </div>
        </div>
      </section>
      <PlaygroundScreens show={screens} themeOf={{ light: args.lightFrom, dark: 'dark' }} />
    </div>
  );
}

const colour = (variant: string) => ({ control: { type: 'color' }, table: { category: `${variant} colours` } }) as const;
const meta = {
  title: 'Theme/Playground',
  component: Playground,
  argTypes: {
    screens: { control: { type: 'check' }, options: ALL_SCREENS, table: { category: 'Preview' } },
    lightFrom: { control: { type: 'inline-radio' }, options: ['light', 'high-contrast'], description: 'The built-in theme the light variant starts from', table: { category: 'light colours' } },
    ...Object.fromEntries(VARIANT_COLOURS.flatMap((t) => VARIANTS.map((v) => [`${v}-${t}`, { ...colour(v), description: `--fk-${t} in the ${v} variant` }]))),
    ...Object.fromEntries(SHARED_TOKENS.map((t) => [t, { control: { type: 'text' }, description: `--fk-${t} (the kit's: ${builtIn(t)})`, table: { category: 'shared' } }])),
    'space-scale': { control: { type: 'range', min: 0.5, max: 1.5, step: 0.05 }, description: '--fk-space-1 … 7, times this', table: { category: 'shared' } },
  },
  args: { ...brandArgs, screens: ALL_SCREENS },
  // Each screen shows twice, so its landmarks' names repeat by design (as in Theme/Gallery); each
  // copy has a router of its own.
  parameters: {
    layout: 'fullscreen',
    router: false,
    a11y: { config: { rules: [{ id: 'landmark-unique', enabled: false }] } },
    backend: { scenario: 'S2', prepare: preparePlaygroundScreens },
  },
} satisfies Meta<typeof Playground>;
export default meta;
type Story = StoryObj<typeof meta>;

/**
 * A teal brand in light and dark: every screen in both, every pair passes, the stylesheet carries each
 * token. Opened with other values in the URL (a shared link), it checks only what holds for any theme.
 */
export const Brand: Story = {
  play: async ({ canvasElement, globals, args }) => {
    const m = messagesOf(globals);
    const canvas = within(canvasElement);
    const css = canvas.getByLabelText('Your stylesheet').textContent ?? '';
    await expect(canvasElement.querySelector('style')?.textContent).toBe(css);
    const own = Object.entries(brandArgs).every(([token, value]) => args[token as keyof PlaygroundArgs] === value);
    if (own) {
      for (const variant of VARIANTS) await expect(canvas.getByRole('status', { name: `Contrast, ${variant}` })).toHaveTextContent(`${variant}: every pair the screens draw passes WCAG 2.2 AA.`);
      await expect(css).toContain('[data-fk-theme="light"],\n[data-fk-theme="system"] {\n  --fk-color-primary: #0f766e;');
      await expect(css).toContain('[data-fk-theme="dark"] {\n  --fk-color-primary: #5eead4;');
      await expect(css).toContain('@media (prefers-color-scheme: dark) {\n  [data-fk-theme="system"] {\n    --fk-color-primary: #5eead4;');
      // Only the shared tokens that differ from the kit's.
      await expect(css).toContain('[data-fk-theme] {\n  --fk-radius-md: 4px;\n  --fk-font-family: Georgia, "Noto Serif", serif;\n}');
    }
    // Every screen shown with a heading, in both variants, each in its theme.
    for (const [id, screen] of Object.entries(PLAYGROUND_SCREENS)) {
      if (id === 'loading' || !args.screens.includes(id as PlaygroundScreenId)) continue; // the loading screen: a spinner and its label, no heading
      for (const variant of VARIANTS) {
        const copy = canvas.getByRole('group', { name: `${screen.label}, ${variant}` });
        await within(copy).findByRole('heading', { name: m.format(screen.title as 'signIn.title'), level: 1 }, slow);
        await expect(copy.querySelector('[data-fk="screen"]')).toHaveAttribute('data-fk-theme', variant);
      }
    }
  },
};

/** A light-grey primary in the light variant: the button text and the links fall short, and say so. */
export const LowContrast: Story = {
  args: { 'light-color-primary': '#cbd5e1', 'light-color-focus': '#e2e8f0', screens: ['sign-in'] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const list = canvas.getByRole('list', { name: 'Pairs that fall short, light' });
    await expect(within(list).getByText(/^color-primary on color-surface \(links and link buttons\): 1\.\d+:1, needs 4\.5:1$/)).toBeInTheDocument();
    await expect(within(list).getByText(/^color-focus on color-surface \(focus ring in the card\)/)).toBeInTheDocument();
    await expect(canvas.getByRole('status', { name: 'Contrast, dark' })).toHaveTextContent('dark: every pair the screens draw passes');
  },
};

/** Starting from high contrast, rounder, roomier, larger type: the shared tokens and the spacing scale in the stylesheet. */
export const Roomy: Story = {
  args: { lightFrom: 'high-contrast', 'light-color-primary': '#1e3a8a', 'light-color-bg': '#ffffff', 'light-color-fg': '#000000', 'light-color-border-strong': '#000000', 'light-color-focus': '#000000', 'radius-md': '999px', 'font-size-md': '1.125rem', 'focus-width': '3px', 'space-scale': 1.25, screens: ['sign-in', 'email-code'] },
  play: async ({ canvasElement }) => {
    const css = within(canvasElement).getByLabelText('Your stylesheet').textContent ?? '';
    await expect(css).toContain('[data-fk-theme="high-contrast"] {\n  --fk-color-primary: #1e3a8a;');
    await expect(css).not.toContain('[data-fk-theme="system"]');
    for (const line of ['--fk-radius-md: 999px;', '--fk-font-size-md: 1.125rem;', '--fk-focus-width: 3px;', '--fk-space-1: 0.3125rem;', '--fk-space-7: 3.75rem;']) await expect(css).toContain(line);
    // Two screens, each in both variants (jsdom computes no styles: test/e2e/storybook.test.ts reads them in Chromium).
    await expect(within(canvasElement).getAllByRole('group')).toHaveLength(4);
  },
};
