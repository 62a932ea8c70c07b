import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContrast, contrastRatio, CONTRAST_PAIRS, parseColor } from '../../../src/ui/theme/contrast.ts';
import { colourTokens, readThemeTokens, THEME_VARIANTS } from '../../../src/ui/theme/themeTokens.ts';

/**
 * The built-in themes meet WCAG 2.2 AA on every pair the screens draw, with their tokens read from
 * styles.css as a browser resolves them (readThemeTokens).
 */

const { primitives, themes } = readThemeTokens(readFileSync(join(import.meta.dirname, '../../../src/ui/theme/styles.css'), 'utf8'));
const THEMES = Object.fromEntries(THEME_VARIANTS.map((v) => [v, colourTokens(themes[v])]));

describe('contrast of the built-in themes (WCAG 2.2 AA)', () => {
  it.each([...THEME_VARIANTS])('%s: every pair the screens draw passes', (name) => {
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
    expect(themes.dark['color-bg']!.declared).toBe('var(--_fk-color-bg, var(--fk-gray-950))');
    // Component tokens read the shared rule's text colour, not the theme's own declaration.
    expect(themes.dark['button-fg']!.value).toBe('#000000');
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
