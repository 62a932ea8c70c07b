import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const css = readFileSync(join(import.meta.dirname, '../../../src/ui/theme/styles.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

/** The declarations of the first rule whose selector is exactly `selector` (outside media queries too). */
const blocks = (selector: string): string[] => {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [...css.matchAll(new RegExp(`(?:^|[\\s}])${escaped}\\s*\\{([^{}]*)\\}`, 'g'))].map((m) => m[1]!);
};
const declaredProps = (block: string) => [...block.matchAll(/(--fk-[\w-]+)\s*:/g)].map((m) => m[1]!);

const SEMANTIC = /^--fk-(color-|radius-|space-|font-|shadow-|border-width$|focus-|duration$|line-height$)/;

describe('styles.css', () => {
  it('puts everything inside @layer fk, so host styles win without !important', () => {
    expect(css.trim()).toMatch(/^@layer fk\s*\{[\s\S]*\}$/);
    expect(css.match(/@layer/g)).toHaveLength(1);
    expect(css).not.toContain('!important');
  });

  it('uses logical properties only (RTL needs no second stylesheet)', () => {
    const physical = css.match(/\b(margin|padding|border)-(left|right|top|bottom)\b|[\s;{](left|right|top|bottom|width|height)\s*:|text-align:\s*(left|right)|float:\s*(left|right)/g);
    expect(physical).toBeNull();
  });

  it('defines the semantic tokens the screens rely on, and the component tokens', () => {
    const all = new Set(declaredProps(css));
    for (const name of ['bg', 'surface', 'fg', 'muted', 'primary', 'primary-fg', 'danger', 'success', 'warning', 'border', 'focus']) {
      expect(all.has(`--fk-color-${name}`), name).toBe(true);
    }
    for (const name of ['--fk-button-bg', '--fk-otp-cell-size', '--fk-card-bg', '--fk-card-radius', '--fk-input-border', '--fk-radius-md', '--fk-space-4', '--fk-font-family', '--fk-gray-50', '--fk-gray-900']) {
      expect(all.has(name), name).toBe(true);
    }
  });

  it('every var(--fk-…) it reads is declared', () => {
    const declared = new Set(declaredProps(css));
    const used = new Set([...css.matchAll(/var\((--fk-[\w-]+)/g)].map((m) => m[1]!));
    expect([...used].filter((name) => !declared.has(name))).toEqual([]);
  });

  it.each(['[data-fk-theme="dark"]', '[data-fk-theme="high-contrast"]', '[data-fk-theme="system"]'])('%s changes only the semantic tier', (selector) => {
    const themeBlocks = blocks(selector);
    expect(themeBlocks.length).toBeGreaterThan(0);
    const props = themeBlocks.flatMap(declaredProps);
    expect(props.filter((p) => !SEMANTIC.test(p))).toEqual([]);
  });

  it('follows the OS for "system": dark scheme, more contrast, forced colors, reduced motion', () => {
    expect(css).toMatch(/@media \(prefers-color-scheme: dark\)\s*\{\s*\[data-fk-theme="system"\]/);
    expect(css).toMatch(/@media \(prefers-contrast: more\)\s*\{\s*\[data-fk-theme="system"\]/);
    expect(css).toContain('@media (forced-colors: active)');
    expect(css).toContain('@media (prefers-reduced-motion: reduce)');
  });

  it('keeps the QR code black on white whatever the theme', () => {
    const qr = blocks('[data-fk="qr"]')[0]!;
    expect(qr).toMatch(/background:\s*#ffffff/);
    expect(qr).toMatch(/color:\s*#000000/);
    expect(qr).toMatch(/forced-color-adjust:\s*none/);
  });
});
