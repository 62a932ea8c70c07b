/**
 * The demo's theme, locale and tenant choices, kept in localStorage and applied to <html>, so the
 * kit's screens and the demo's own pages follow them.
 */
import { localeDir } from '../../src/ui/index.ts';

export const THEMES = ['light', 'dark', 'high-contrast', 'system'] as const;
export type Theme = (typeof THEMES)[number];
export const LOCALES = { en: 'English', fr: 'Français', de: 'Deutsch', ar: 'العربية' } as const;
export type Locale = keyof typeof LOCALES;

export interface Preferences {
  theme: Theme;
  locale: Locale;
  /** The tenant to sign in to (S7); `public` otherwise. */
  tenantId: string;
  /** The TOTP step: the kit's screen, or README's "Custom UI" one (MyTotpScreen.tsx). */
  totpScreen: 'prebuilt' | 'custom';
}

const KEY = 'demo:preferences';

export function loadPreferences(): Preferences {
  const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Preferences>;
  return {
    theme: THEMES.includes(saved.theme as Theme) ? (saved.theme as Theme) : 'system',
    locale: saved.locale !== undefined && saved.locale in LOCALES ? saved.locale : 'en',
    tenantId: saved.tenantId ?? 'public',
    totpScreen: saved.totpScreen === 'custom' ? 'custom' : 'prebuilt',
  };
}

export function savePreferences(preferences: Preferences): void {
  localStorage.setItem(KEY, JSON.stringify(preferences));
  applyPreferences(preferences);
}

export function applyPreferences({ theme, locale }: Preferences): void {
  const root = document.documentElement;
  root.dataset.fkTheme = theme;
  root.lang = locale;
  root.dir = localeDir(locale);
}
