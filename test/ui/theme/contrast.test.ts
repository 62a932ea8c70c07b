import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContrast, contrastRatio, CONTRAST_PAIRS, mixOklab, parseColor, toOklab } from '../../../src/ui/theme/contrast.ts';

/**
 * The built-in themes meet WCAG 2.2 AA on every pair the screens draw. The tokens are read from
 * styles.css as a browser would resolve them for each theme (primitives, the theme's semantic tier,
 * then the rules that apply to every theme: text on the primary colour and its hover).
 */

const css = readFileSync(join(import.meta.dirname, '../../../src/ui/theme/styles.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

const declarations = (block: string) => Object.fromEntries([...block.matchAll(/--fk-([\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));

/** The declarations of every rule whose selector is exactly `selector`, in `source` (outside nested blocks). */
function rules(selector: string, source = css): Record<string, string> {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return Object.assign({}, ...[...source.matchAll(new RegExp(`(?:^|[\\s}])${escaped}\\s*\\{([^{}]*)\\}`, 'g'))].map((m) => declarations(m[1]!)));
}

/** The body of an at-rule block (`@media (prefers-color-scheme: dark)`), braces balanced. */
function atBlock(prelude: string): string {
  const start = css.indexOf(`${prelude} {`);
  if (start < 0) throw new Error(`no ${prelude} in styles.css`);
  let depth = 0;
  for (let i = css.indexOf('{', start); i < css.length; i++) {
    if (css[i] === '{') depth++;
    else if (css[i] === '}' && --depth === 0) return css.slice(css.indexOf('{', start) + 1, i);
  }
  throw new Error(`unbalanced ${prelude}`);
}

const primitives = declarations(/:root\s*\{([^}]*)\}/.exec(css)![1]!);

/** A token's value with every var() resolved: `--_fk-*` (an app's :root override) is absent, so its fallback applies. */
function resolve(value: string, tokens: Record<string, string>, depth = 0): string {
  if (depth > 20) throw new Error(`var() loop at ${value}`);
  const at = value.indexOf('var(');
  if (at < 0) return value.trim();
  let i = at + 4;
  let parens = 1;
  for (; parens > 0; i++) parens += value[i] === '(' ? 1 : value[i] === ')' ? -1 : 0;
  const inner = value.slice(at + 4, i - 1);
  const comma = inner.indexOf(',');
  const name = (comma < 0 ? inner : inner.slice(0, comma)).trim();
  const fallback = comma < 0 ? undefined : inner.slice(comma + 1);
  const own = name.startsWith('--fk-') ? (tokens[name.slice(5)] ?? primitives[name.slice(5)]) : undefined;
  const replacement = own ?? fallback;
  if (replacement === undefined) throw new Error(`${name} is not declared`);
  return resolve(value.slice(0, at) + replacement + value.slice(i), tokens, depth + 1);
}

const hex = (rgb: [number, number, number]) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;

/** A theme's semantic colours as the screens see them. */
function theme(...layers: Record<string, string>[]): Record<string, string> {
  const declared: Record<string, string> = Object.assign({}, ...layers);
  const tokens: Record<string, string> = {};
  for (const [name, value] of Object.entries(declared)) if (name.startsWith('color-')) tokens[name] = resolve(value, declared);
  // After every theme: black or white on the primary colour by its OKLCH lightness (clamp((0.62 - l) * 1000)),
  // and the hover colour 82 % primary, 18 % text, mixed in OKLab. Both are in styles.css under @supports.
  expect(atBlock('@supports (color: oklch(from red l c h))')).toContain('clamp(0, (0.62 - l) * 1000, 1)');
  expect(atBlock('@supports (color: color-mix(in oklab, red, blue))')).toContain('color-mix(in oklab, var(--fk-color-primary) 82%, var(--fk-color-fg))');
  const primary = parseColor(tokens['color-primary']!)!;
  tokens['color-primary-fg'] = toOklab(primary)[0] < 0.62 ? '#ffffff' : '#000000';
  tokens['color-primary-hover'] = hex(mixOklab(primary, parseColor(tokens['color-fg']!)!, 0.82));
  return tokens;
}

// Rules outside the OS-preference media queries (those apply only when the OS asks).
const topLevel = ['@media (prefers-color-scheme: dark)', '@media (prefers-contrast: more)'].reduce((source, prelude) => source.replace(atBlock(prelude), ''), css);
const light = rules(':where([data-fk-theme])', topLevel);
const THEMES: Record<string, Record<string, string>> = {
  light: theme(light),
  dark: theme(light, rules('[data-fk-theme="dark"]', topLevel)),
  'high-contrast': theme(light, rules('[data-fk-theme="high-contrast"]', topLevel)),
  'system, light OS': theme(light, rules('[data-fk-theme="system"]', topLevel)),
  'system, dark OS': theme(light, rules('[data-fk-theme="system"]', topLevel), rules('[data-fk-theme="system"]', atBlock('@media (prefers-color-scheme: dark)'))),
  'system, more contrast': theme(light, rules('[data-fk-theme="system"]', topLevel), rules('[data-fk-theme="system"]', atBlock('@media (prefers-contrast: more)'))),
};

describe('contrast of the built-in themes (WCAG 2.2 AA)', () => {
  it.each(Object.keys(THEMES))('%s: every pair the screens draw passes', (name) => {
    const tokens = THEMES[name]!;
    for (const pair of CONTRAST_PAIRS) expect(parseColor(tokens[pair.fg] ?? '') && parseColor(tokens[pair.bg] ?? ''), `${name}: ${pair.fg} / ${pair.bg}`).toBeTruthy();
    expect(checkContrast(tokens)).toEqual([]);
  });

  it('reads each theme apart (the system theme follows the OS)', () => {
    expect(THEMES['system, dark OS']!['color-bg']).toBe(primitives['gray-950']);
    expect(THEMES['system, more contrast']!['color-fg']).toBe(primitives.black);
    expect(THEMES['system, light OS']!['color-bg']).toBe(THEMES.light!['color-bg']);
    expect(THEMES.dark!['color-primary-fg']).toBe('#000000');
    expect(THEMES.light!['color-primary-fg']).toBe('#ffffff');
  });

  it('a token change that breaks AA is named, with its ratio', () => {
    const broken = { ...THEMES.light!, 'color-muted': primitives['gray-400']! };
    expect(checkContrast(broken).map((f) => [f.fg, f.bg, f.use, f.ratio])).toEqual([
      ['color-muted', 'color-surface', 'hints and descriptions in the card', 2.56],
      ['color-muted', 'color-bg', 'hints on the page', 2.45],
    ]);
  });

  it('an unreadable or missing colour fails instead of passing silently', () => {
    const failures = checkContrast({ ...THEMES.dark!, 'color-danger': 'not-a-colour' });
    expect(failures.filter((f) => f.fg === 'color-danger').map((f) => f.ratio)).toEqual([0, 0]);
  });

  it('the ratios match WCAG reference values', () => {
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrastRatio(parseColor('#767676')!, parseColor('#fff')!)).toBeCloseTo(4.54, 2);
    expect(parseColor('rgb(15, 118, 110)')).toEqual([15, 118, 110]);
    expect(parseColor('#abc')).toEqual([170, 187, 204]);
  });
});
