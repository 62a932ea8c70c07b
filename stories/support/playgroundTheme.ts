/**
 * The theme the Storybook playground shapes: a light and a dark variant (colours) and the tokens
 * both share (radii, spacing, type, focus ring); the stylesheet an app copies from it, and the
 * colours the contrast check reads. Pure functions, so the story, its tests and the e2e agree.
 */
import stylesheet from '../../src/ui/theme/styles.css?raw';
import { colourTokens, primaryDerived, readThemeTokens } from '../../src/ui/theme/themeTokens.ts';

/** The colours each variant sets (the rest come from the built-in theme it starts from). */
export const VARIANT_COLOURS = ['color-primary', 'color-bg', 'color-surface', 'color-fg', 'color-muted', 'color-border-strong', 'color-focus', 'color-danger'] as const;
/** The tokens both variants share, as CSS values. */
export const SHARED_TOKENS = ['radius-sm', 'radius-md', 'radius-lg', 'font-family', 'font-size-sm', 'font-size-md', 'font-size-lg', 'font-size-xl', 'focus-width', 'focus-offset'] as const;
/** The spacing scale the kit's `--fk-space-1` … `--fk-space-7` follow, in rem, at scale 1. */
export const SPACE_STEPS = [0.25, 0.5, 0.75, 1, 1.5, 2, 3] as const;

type VariantArgs<V extends string> = { [K in (typeof VARIANT_COLOURS)[number] as `${V}-${K}`]: string };

/** The playground's args: Storybook's controls edit them; the URL can carry them (`&args=`). */
export type PlaygroundArgs = VariantArgs<'light'> &
  VariantArgs<'dark'> & { [K in (typeof SHARED_TOKENS)[number]]: string } & {
    /** The built-in theme the light variant starts from (and whose `data-fk-theme` it styles). */
    lightFrom: 'light' | 'high-contrast';
    /** Every `--fk-space-*` times this. */
    'space-scale': number;
  };

const { themes } = readThemeTokens(stylesheet);

/** The built-in value of a shared token (the same in every built-in theme but high contrast's widths). */
export const builtIn = (token: (typeof SHARED_TOKENS)[number]) => themes.light[token]!.value;

/** Each variant's colours as the screens see them: the base theme's, the chosen ones, and what the kit derives. */
export function variantColours(args: PlaygroundArgs, variant: 'light' | 'dark'): Record<string, string> {
  const base = colourTokens(themes[variant === 'light' ? args.lightFrom : 'dark']);
  const chosen: Record<string, string> = { ...base, ...Object.fromEntries(VARIANT_COLOURS.map((t) => [t, args[`${variant}-${t}`]])) };
  try {
    return { ...chosen, ...primaryDerived(chosen['color-primary']!, chosen['color-fg']!) };
  } catch {
    // A colour the check cannot read (a name, hsl()): its pairs show as failing with ratio 0.
    return chosen;
  }
}

const block = (selector: string, declarations: string[], indent = '') => `${indent}${selector} {\n${declarations.map((d) => `${indent}  ${d}`).join('\n')}\n${indent}}\n`;
const colourLines = (args: PlaygroundArgs, variant: 'light' | 'dark') => VARIANT_COLOURS.map((t) => `--fk-${t}: ${args[`${variant}-${t}`]};`);
const round = (n: number) => Number(n.toFixed(4));

/**
 * The stylesheet for the chosen theme. Load it after `factorkit/styles.css`, unlayered: the kit's
 * rules are in `@layer fk`, so these win (README "Theming"). Every screen is a `[data-fk-theme]`
 * element, so the tokens are set there: the shared ones on every theme, the light colours on the
 * theme the light variant starts from (and on `system` in a light OS), the dark ones on `dark`
 * (and on `system` in a dark OS). Shared tokens equal to the kit's are left out.
 */
export function playgroundCss(args: PlaygroundArgs): string {
  const shared = SHARED_TOKENS.filter((t) => args[t].trim() !== builtIn(t)).map((t) => `--fk-${t}: ${args[t].trim()};`);
  if (args['space-scale'] !== 1) SPACE_STEPS.forEach((step, i) => shared.push(`--fk-space-${i + 1}: ${round(step * args['space-scale'])}rem;`));
  const light = args.lightFrom === 'light' ? '[data-fk-theme="light"],\n[data-fk-theme="system"]' : '[data-fk-theme="high-contrast"]';
  return [
    '/* factorkit theme: after factorkit/styles.css, outside any @layer (the kit\u2019s rules are in @layer fk). */\n',
    shared.length ? block('[data-fk-theme]', shared) : '',
    block(light, colourLines(args, 'light')),
    block('[data-fk-theme="dark"]', colourLines(args, 'dark')),
    args.lightFrom === 'light' ? `@media (prefers-color-scheme: dark) {\n${block('[data-fk-theme="system"]', colourLines(args, 'dark'), '  ')}}\n` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** A teal brand on light and dark: the playground's starting point; every pair passes AA. */
export const brandArgs: PlaygroundArgs = {
  lightFrom: 'light',
  'light-color-primary': '#0f766e',
  'light-color-bg': '#f8fafc',
  'light-color-surface': '#ffffff',
  'light-color-fg': '#0f172a',
  'light-color-muted': '#475569',
  'light-color-border-strong': '#64748b',
  'light-color-focus': '#0f766e',
  'light-color-danger': '#b91c1c',
  'dark-color-primary': '#5eead4',
  'dark-color-bg': '#020617',
  'dark-color-surface': '#0f172a',
  'dark-color-fg': '#f8fafc',
  'dark-color-muted': '#94a3b8',
  'dark-color-border-strong': '#94a3b8',
  'dark-color-focus': '#5eead4',
  'dark-color-danger': '#fca5a5',
  ...(Object.fromEntries(SHARED_TOKENS.map((t) => [t, builtIn(t)])) as { [K in (typeof SHARED_TOKENS)[number]]: string }),
  'radius-md': '4px',
  'font-family': 'Georgia, "Noto Serif", serif',
  'space-scale': 1,
};
