/**
 * WCAG 2.2 contrast of a theme's colour tokens: the text/background and component/background pairs the
 * screens draw, each against its AA minimum (4.5:1 for text, 3:1 for component edges and the focus
 * ring). Colours are sRGB: `#rgb`, `#rrggbb`, `rgb(r g b)` / `rgb(r, g, b)`.
 *
 * ```ts
 * checkContrast({ 'color-bg': '#fff', 'color-fg': '#111', … }) // [] when every pair passes
 * ```
 */

/** One pair the screens draw: `fg` on `bg` (token names without `--fk-`), and its minimum ratio. */
export interface ContrastPair {
  fg: string;
  bg: string;
  min: 4.5 | 3;
  /** Where the screens draw it. */
  use: string;
}

/** Every pair of semantic colour tokens the kit's screens draw, with its WCAG 2.2 AA minimum. */
export const CONTRAST_PAIRS: readonly ContrastPair[] = Object.freeze([
  { fg: 'color-fg', bg: 'color-bg', min: 4.5, use: 'text on the page' },
  { fg: 'color-fg', bg: 'color-surface', min: 4.5, use: 'text in the card' },
  { fg: 'color-muted', bg: 'color-surface', min: 4.5, use: 'hints and descriptions in the card' },
  { fg: 'color-muted', bg: 'color-bg', min: 4.5, use: 'hints on the page' },
  { fg: 'color-primary', bg: 'color-surface', min: 4.5, use: 'links and link buttons' },
  { fg: 'color-primary-fg', bg: 'color-primary', min: 4.5, use: 'text of the main button' },
  { fg: 'color-primary-fg', bg: 'color-primary-hover', min: 4.5, use: 'text of the main button, hovered' },
  { fg: 'color-danger', bg: 'color-surface', min: 4.5, use: 'field errors' },
  { fg: 'color-danger', bg: 'color-danger-bg', min: 4.5, use: 'error messages' },
  { fg: 'color-success', bg: 'color-success-bg', min: 4.5, use: 'success messages' },
  { fg: 'color-warning', bg: 'color-warning-bg', min: 4.5, use: 'warnings' },
  { fg: 'color-fg', bg: 'color-info-bg', min: 4.5, use: 'information messages and inline panels' },
  { fg: 'color-fg', bg: 'color-subtle-bg', min: 4.5, use: 'secret key and code boxes' },
  { fg: 'color-border-strong', bg: 'color-surface', min: 3, use: 'edges of inputs, switches and code boxes' },
  { fg: 'color-focus', bg: 'color-surface', min: 3, use: 'focus ring in the card' },
  { fg: 'color-focus', bg: 'color-bg', min: 3, use: 'focus ring on the page' },
  { fg: 'color-primary', bg: 'color-surface', min: 3, use: 'the main button against the card' },
]);

/** A pair below its minimum: what it is, and the ratio it has. */
export interface ContrastFailure extends ContrastPair {
  ratio: number;
}

/** An sRGB colour as 0–255 channels, or `undefined` for what this module does not read. */
export function parseColor(value: string): [number, number, number] | undefined {
  const v = value.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(v);
  if (hex) {
    const h = hex[1]!.length === 3 ? [...hex[1]!].map((c) => c + c).join('') : hex[1]!;
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)\s*(?:[,/]\s*[\d.%]+\s*)?\)$/.exec(v);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  if (v === 'white') return [255, 255, 255];
  if (v === 'black') return [0, 0, 0];
  return undefined;
}

const linear = (c: number) => {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};

/** WCAG relative luminance. */
export function relativeLuminance([r, g, b]: [number, number, number]): number {
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG contrast ratio of two colours (1 to 21). */
export function contrastRatio(a: [number, number, number], b: [number, number, number]): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** sRGB → OKLab (Björn Ottosson's matrices). */
export function toOklab(rgb: [number, number, number]): [number, number, number] {
  const [r, g, b] = rgb.map(linear) as [number, number, number];
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return [0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s, 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s, 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s];
}

/** OKLab → sRGB (clamped to the gamut). */
export function fromOklab([L, A, B]: [number, number, number]): [number, number, number] {
  const l = (L + 0.3963377774 * A + 0.2158037573 * B) ** 3;
  const m = (L - 0.1055613458 * A - 0.0638541728 * B) ** 3;
  const s = (L - 0.0894841775 * A - 1.291485548 * B) ** 3;
  const lin = [4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s, -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s, -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s];
  return lin.map((c) => {
    const x = Math.min(1, Math.max(0, c));
    return Math.round(255 * (x <= 0.0031308 ? 12.92 * x : 1.055 * x ** (1 / 2.4) - 0.055));
  }) as [number, number, number];
}

/** `color-mix(in oklab, a p, b)`: what the kit's hover colour is. */
export function mixOklab(a: [number, number, number], b: [number, number, number], weightOfA: number): [number, number, number] {
  const x = toOklab(a);
  const y = toOklab(b);
  return fromOklab(x.map((v, i) => v * weightOfA + y[i]! * (1 - weightOfA)) as [number, number, number]);
}

/**
 * The pairs of `tokens` (semantic token names without `--fk-`, values as colours) that fall below
 * their minimum. A pair whose colours are missing or unreadable fails with ratio 0, so a typo is seen.
 */
export function checkContrast(tokens: Readonly<Record<string, string>>, pairs: readonly ContrastPair[] = CONTRAST_PAIRS): ContrastFailure[] {
  const failures: ContrastFailure[] = [];
  for (const pair of pairs) {
    const fg = tokens[pair.fg] === undefined ? undefined : parseColor(tokens[pair.fg]!);
    const bg = tokens[pair.bg] === undefined ? undefined : parseColor(tokens[pair.bg]!);
    const ratio = fg && bg ? contrastRatio(fg, bg) : 0;
    if (ratio < pair.min) failures.push({ ...pair, ratio: Math.round(ratio * 100) / 100 });
  }
  return failures;
}
