import type { Meta, StoryObj } from '@storybook/react';
import { expect, within } from 'storybook/test';
import stylesheet from '../../../src/ui/theme/styles.css?raw';
import { checkContrast, contrastRatio, CONTRAST_PAIRS, parseColor } from '../../../src/ui/theme/contrast.ts';
import { colourTokens, readThemeTokens, SEMANTIC_TOKEN, THEME_VARIANTS } from '../../../src/ui/theme/themeTokens.ts';

/**
 * Every token in its tier, palette (constants), semantic (what a theme sets) and component (what the
 * parts read, from the semantic ones), with its value in each built-in theme (and the system theme under each OS
 * preference), read from styles.css as a browser resolves it; then every colour pair the screens draw
 * with its WCAG 2.2 ratio in each theme (AA: 4.5:1 text, 3:1 edges and focus). Set the tokens on
 * `:root` or a `[data-fk-theme]` of your own (README "Theming"); `checkContrast` from factorkit/ui
 * runs the same check on yours.
 */
// Read once: the stylesheet does not change while the page shows.
const { primitives, themes } = readThemeTokens(stylesheet);
const colours = Object.fromEntries(THEME_VARIANTS.map((v) => [v, colourTokens(themes[v])]));
// Every row of the table: the palette (the same in every theme), then the semantic tier, then the component tokens.
const rows = [
  ...Object.entries(primitives).map(([name, value]) => ({ name, tier: 'palette', of: (): { declared?: string; value: string } => ({ value }) })),
  ...Object.keys(themes.light)
    .sort((a, b) => Number(!SEMANTIC_TOKEN.test(a)) - Number(!SEMANTIC_TOKEN.test(b)) || a.localeCompare(b))
    .map((name) => ({ name, tier: SEMANTIC_TOKEN.test(name) ? 'semantic' : 'component', of: (v: (typeof THEME_VARIANTS)[number]) => themes[v][name] })),
];

function TokenTable() {
  const swatch = (value: string) =>
    parseColor(value) ? <span aria-hidden="true" style={{ display: 'inline-block', inlineSize: '1em', blockSize: '1em', marginInlineEnd: '0.4em', verticalAlign: 'middle', background: value, border: '1px solid #888' }} /> : null;
  const cell = { padding: '0.25rem 0.5rem', borderBlockEnd: '1px solid #ddd', textAlign: 'start' as const, fontFamily: 'ui-monospace, monospace', fontSize: '0.8rem', verticalAlign: 'top' as const };
  /** A head row: the table's own columns, then one per theme. */
  const head = (columns: string[]) => (
    <thead>
      <tr>
        {[...columns, ...THEME_VARIANTS].map((label) => (
          <th key={label} scope="col" style={cell}>
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
  return (
    <div style={{ fontFamily: 'system-ui, sans-serif', padding: '1rem', overflowX: 'auto' }}>
      <h1>Tokens</h1>
      <table aria-label="Tokens by theme" style={{ borderCollapse: 'collapse' }}>
        {head(['token', 'tier'])}
        <tbody>
          {rows.map(({ name, tier, of }) => (
            <tr key={name}>
              <th scope="row" style={cell}>{`--fk-${name}`}</th>
              <td style={cell}>{tier}</td>
              {THEME_VARIANTS.map((v) => (
                <td key={v} style={cell} title={of(v)?.declared}>
                  {swatch(of(v)?.value ?? '')}
                  {of(v)?.value}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Contrast (WCAG 2.2 AA)</h2>
      <table aria-label="Contrast of each pair by theme" style={{ borderCollapse: 'collapse' }}>
        {head(['pair', 'needs'])}
        <tbody>
          {CONTRAST_PAIRS.map((pair) => (
            <tr key={`${pair.fg}/${pair.bg}/${pair.min}`}>
              <th scope="row" style={cell}>{`${pair.fg} on ${pair.bg} (${pair.use})`}</th>
              <td style={cell}>{`${pair.min}:1`}</td>
              {THEME_VARIANTS.map((v) => {
                const t = colours[v]!;
                const ratio = contrastRatio(parseColor(t[pair.fg]!)!, parseColor(t[pair.bg]!)!);
                return (
                  <td key={v} style={cell} data-pass={ratio >= pair.min ? 'yes' : 'no'}>
                    {`${ratio.toFixed(2)}:1 ${ratio >= pair.min ? 'pass' : 'FAIL'}`}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p role="status">
        {THEME_VARIANTS.every((v) => checkContrast(colours[v]!).length === 0) ? 'Every built-in theme passes.' : 'Some pairs fall short: see FAIL above.'}
      </p>
    </div>
  );
}

const meta = { title: 'Theme/Tokens', component: TokenTable } satisfies Meta<typeof TokenTable>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Tokens: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const tokens = canvas.getByRole('table', { name: 'Tokens by theme' });
    await expect(within(tokens).getByRole('rowheader', { name: '--fk-color-primary' })).toBeInTheDocument();
    await expect(within(tokens).getAllByRole('row').length).toBeGreaterThan(100);
    for (const [token, tier] of [['--fk-blue-700', 'palette'], ['--fk-color-primary', 'semantic'], ['--fk-button-bg', 'component']]) await expect(within(tokens).getByRole('rowheader', { name: token }).nextElementSibling).toHaveTextContent(tier!);
    await expect(canvas.getByRole('status')).toHaveTextContent('Every built-in theme passes.');
    await expect(canvasElement.querySelectorAll('[data-pass="no"]')).toHaveLength(0);
  },
};
