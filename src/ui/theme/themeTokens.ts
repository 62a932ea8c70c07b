import { mixOklab, parseColor, toOklab } from './contrast.ts';

/**
 * Reads the kit's stylesheet the way a browser resolves it for each built-in theme: the primitive
 * tier (`:root`), each theme's semantic tier (an app's `--_fk-*` overrides absent, so their fallbacks
 * apply), the system theme under each OS preference, and the rules every theme shares (black or white
 * text on the primary colour by its OKLCH lightness, the hover colour mixed in OKLab). For the token
 * page in Storybook and the contrast test; not part of the package's API.
 */

/** The built-in themes, and the system theme under each OS preference. */
export const THEME_VARIANTS = ['light', 'dark', 'high-contrast', 'system, light OS', 'system, dark OS', 'system, more contrast'] as const;
export type ThemeVariant = (typeof THEME_VARIANTS)[number];

export interface ThemeTokens {
  /** `--fk-*` primitives (names without `--fk-`) and their values. */
  primitives: Record<string, string>;
  /** Per theme: each semantic token's declaration (as written for that theme) and resolved value. */
  themes: Record<ThemeVariant, Record<string, { declared: string; value: string }>>;
}

const declarations = (block: string) => Object.fromEntries([...block.matchAll(/--fk-([\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));

/** The body of an at-rule block (`@media (prefers-color-scheme: dark)`), braces balanced. */
function atBlock(css: string, prelude: string): string {
  const start = css.indexOf(`${prelude} {`);
  if (start < 0) throw new Error(`no ${prelude} in the stylesheet`);
  const open = css.indexOf('{', start);
  let depth = 0;
  for (let i = open; i < css.length; i++) {
    if (css[i] === '{') depth++;
    else if (css[i] === '}' && --depth === 0) return css.slice(open + 1, i);
  }
  throw new Error(`unbalanced ${prelude}`);
}

/** The declarations of every rule whose selector is exactly `selector` in `source` (not in nested blocks). */
function rules(source: string, selector: string): Record<string, string> {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return Object.assign({}, ...[...source.matchAll(new RegExp(`(?:^|[\\s}])${escaped}\\s*\\{([^{}]*)\\}`, 'g'))].map((m) => declarations(m[1]!)));
}

/** A value with every var() resolved; `--_fk-*` (an app's :root override) is absent, so its fallback applies. */
function resolve(value: string, tokens: Record<string, string>, primitives: Record<string, string>, depth = 0): string {
  if (depth > 20) throw new Error(`var() loop at ${value}`);
  const at = value.indexOf('var(');
  if (at < 0) return value.trim();
  let i = at + 4;
  for (let parens = 1; parens > 0; i++) parens += value[i] === '(' ? 1 : value[i] === ')' ? -1 : 0;
  const inner = value.slice(at + 4, i - 1);
  const comma = inner.indexOf(',');
  const name = (comma < 0 ? inner : inner.slice(0, comma)).trim();
  const own = name.startsWith('--fk-') ? (tokens[name.slice(5)] ?? primitives[name.slice(5)]) : undefined;
  const replacement = own ?? (comma < 0 ? undefined : inner.slice(comma + 1));
  if (replacement === undefined) throw new Error(`${name} is not declared`);
  return resolve(value.slice(0, at) + replacement + value.slice(i), tokens, primitives, depth + 1);
}

const hex = (rgb: [number, number, number]) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;

/**
 * What the rules shared by every theme make of a primary colour and a text colour: black or white
 * text on it (by its OKLCH lightness, under 0.62 white) and the hover colour (82 % primary, 18 % text,
 * mixed in OKLab). Both sRGB hex.
 */
export function primaryDerived(primary: string, fg: string): { 'color-primary-fg': string; 'color-primary-hover': string } {
  const p = parseColor(primary);
  const f = parseColor(fg);
  if (!p || !f) throw new Error(`Not a colour this check reads: ${p ? fg : primary}`);
  return { 'color-primary-fg': toOklab(p)[0] < 0.62 ? '#ffffff' : '#000000', 'color-primary-hover': hex(mixOklab(p, f, 0.82)) };
}

/** Every built-in theme's semantic tokens from the stylesheet's text (`styles.css`). */
export function readThemeTokens(stylesheet: string): ThemeTokens {
  const css = stylesheet.replace(/\/\*[\s\S]*?\*\//g, '');
  const primitives = declarations(/:root\s*\{([^}]*)\}/.exec(css)![1]!);
  const dark = atBlock(css, '@media (prefers-color-scheme: dark)');
  const more = atBlock(css, '@media (prefers-contrast: more)');
  // Rules outside the OS-preference media queries (those apply only when the OS asks).
  const top = css.replace(dark, '').replace(more, '');
  const shared = atBlock(css, '@supports (color: oklch(from red l c h))') + atBlock(css, '@supports (color: color-mix(in oklab, red, blue))');
  if (!shared.includes('clamp(0, (0.62 - l) * 1000, 1)') || !shared.includes('color-mix(in oklab, var(--fk-color-primary) 82%, var(--fk-color-fg))')) {
    throw new Error('The rules for text on the primary colour and its hover changed: update readThemeTokens');
  }
  const light = rules(top, ':where([data-fk-theme])');
  const layers: Record<ThemeVariant, Record<string, string>[]> = {
    light: [light],
    dark: [light, rules(top, '[data-fk-theme="dark"]')],
    'high-contrast': [light, rules(top, '[data-fk-theme="high-contrast"]')],
    'system, light OS': [light, rules(top, '[data-fk-theme="system"]')],
    'system, dark OS': [light, rules(top, '[data-fk-theme="system"]'), rules(dark, '[data-fk-theme="system"]')],
    'system, more contrast': [light, rules(top, '[data-fk-theme="system"]'), rules(more, '[data-fk-theme="system"]')],
  };
  const themes = {} as ThemeTokens['themes'];
  for (const variant of THEME_VARIANTS) {
    const declared: Record<string, string> = Object.assign({}, ...layers[variant]);
    // The shared rules first: component tokens that read these (the button's text) get them too.
    const shown: Record<string, string> = {
      'color-primary-fg': 'black or white by the primary colour’s lightness',
      'color-primary-hover': '82 % primary, 18 % text (OKLab)',
    };
    Object.assign(declared, primaryDerived(resolve(declared['color-primary']!, declared, primitives), resolve(declared['color-fg']!, declared, primitives)));
    const out: Record<string, { declared: string; value: string }> = {};
    for (const [name, value] of Object.entries(declared)) out[name] = { declared: shown[name] ?? value, value: resolve(value, declared, primitives) };
    themes[variant] = out;
  }
  return { primitives, themes };
}

/** The semantic tier (what themes set); every other token is a component token that reads it. */
export const SEMANTIC_TOKEN = /^(color-|radius-|space-|font-|shadow-|border-width$|focus-|duration$|line-height$)/;

/** A theme's colour tokens as `checkContrast` takes them. */
export function colourTokens(theme: Record<string, { value: string }>): Record<string, string> {
  return Object.fromEntries(Object.entries(theme).filter(([name]) => name.startsWith('color-')).map(([name, t]) => [name, t.value]));
}

/** What the stylesheet styles of one part (`data-fk="<part>"`): for its docs page. */
export interface PartStyling {
  /** Attribute selectors the stylesheet qualifies the part with (`data-variant="primary"`, `data-invalid`). */
  hooks: string[];
  /** Component tokens its rules read (`button-bg`). */
  componentTokens: string[];
  /** Semantic tokens its rules read directly (`space-2`). */
  semanticTokens: string[];
}

/** Each innermost rule of a stylesheet (comments removed): its selector list and its declarations. */
function innermostRules(stylesheet: string): { selectors: string[]; body: string }[] {
  const css = stylesheet.replace(/\/\*[\s\S]*?\*\//g, '');
  return [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({ selectors: m[1]!.split(',').map((s) => s.trim()), body: m[2]! }));
}

/**
 * What `styles.css` does for `data-fk="<part>"`: the attribute selectors it qualifies that part with
 * (in the same compound selector, so `[data-fk="field"][data-invalid] [data-fk="input"]` gives
 * the field `data-invalid`, not the input), and the tokens its rules read.
 */
export function partStyling(stylesheet: string, part: string): PartStyling {
  const own = `[data-fk="${part}"]`;
  const hooks = new Set<string>();
  const tokens = new Set<string>();
  for (const rule of innermostRules(stylesheet)) {
    const mine = rule.selectors.filter((s) => s.includes(own));
    if (mine.length === 0) continue;
    for (const selector of mine) {
      // Compound selectors: split at descendant/child/sibling combinators outside brackets and parentheses.
      for (const compound of selector.split(/\s*[>+~]\s*|\s+(?![^[(]*[\])])/)) {
        if (!compound.includes(own)) continue;
        for (const m of compound.matchAll(/\[(data-(?!fk\b|fk-theme\b)[\w-]+(?:="[^"]*")?)\]/g)) hooks.add(m[1]!);
      }
    }
    for (const m of rule.body.matchAll(/var\(--fk-([\w-]+)/g)) tokens.add(m[1]!);
  }
  const sorted = [...tokens].sort();
  return { hooks: [...hooks].sort(), componentTokens: sorted.filter((t) => !SEMANTIC_TOKEN.test(t)), semanticTokens: sorted.filter((t) => SEMANTIC_TOKEN.test(t)) };
}

/** A `data-fk` part as rendered: its name and its other `data-*` attributes with their values. */
export interface RenderedPart {
  part: string;
  attributes: string[];
}

/** The `data-fk` parts under `root` in document order, each once, with every data attribute seen on it. */
export function renderedParts(root: Element): RenderedPart[] {
  const parts = new Map<string, Set<string>>();
  for (const el of root.querySelectorAll('[data-fk]')) {
    const name = el.getAttribute('data-fk')!;
    const seen = parts.get(name) ?? new Set<string>();
    for (const attribute of el.attributes) {
      if (!attribute.name.startsWith('data-') || /^data-(fk|fk-theme|testid|story.*)$/.test(attribute.name)) continue;
      seen.add(attribute.value === '' ? attribute.name : `${attribute.name}="${attribute.value}"`);
    }
    parts.set(name, seen);
  }
  return [...parts].map(([part, attributes]) => ({ part, attributes: [...attributes].sort() }));
}
