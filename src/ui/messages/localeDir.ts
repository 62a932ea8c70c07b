import type { TextDirection } from './types.ts';

// Languages written right to left (CLDR), for locales an app adds through overrides.
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'ku', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);

/**
 * The text direction of a locale tag (`ar-EG` → `rtl`). Uses `Intl.Locale#getTextInfo` where the
 * engine has it and a list of right-to-left languages otherwise.
 */
export function localeDir(locale: string): TextDirection {
  try {
    const loc = new Intl.Locale(locale) as Intl.Locale & {
      getTextInfo?: () => { direction?: string };
      textInfo?: { direction?: string };
    };
    const info = loc.getTextInfo?.() ?? loc.textInfo;
    if (info?.direction === 'rtl' || info?.direction === 'ltr') return info.direction;
    return RTL_LANGUAGES.has(loc.language) ? 'rtl' : 'ltr';
  } catch {
    return RTL_LANGUAGES.has(locale.split(/[-_]/)[0]?.toLowerCase() ?? '') ? 'rtl' : 'ltr';
  }
}
