import { localeDir } from './localeDir.ts';
import { catalogueGeneration, languageOf, loadedCatalogue } from './locales.ts';
import type { MessageArgs, MessageCatalogue, MessageKey, MessageOverrides, Messages, PluralMessage } from './types.ts';

// First-strong isolate … pop directional isolate: keeps an email address or phone number from
// reordering the Arabic sentence around it (and vice versa).
const FSI = '\u2068';
const PDI = '\u2069';

function canonical(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/**
 * Builds the messages for one locale: the built-in catalogue of its language (English when there is
 * none), then the app's overrides for the language, then for the exact tag. Built-in catalogues
 * other than English load on demand: `await loadLocale(locale)` first (the screens do it
 * themselves), or this gives English.
 *
 * @param locale a BCP 47 tag such as `fr`, `fr-CA`, `ar-EG`.
 * @param overrides partial catalogues keyed by locale tag; a locale without a built-in catalogue
 *   can be supplied this way (missing keys fall back to English).
 * @example
 * await loadLocale('fr');
 * const messages = createMessages('fr', { fr: { 'otp.submit': 'Valider' } });
 * messages.format('code.wrong', { count: 2 }); // "Ce code est incorrect. Il vous reste 2 tentatives."
 */
export function createMessages(locale: string, overrides?: MessageOverrides): Messages {
  // One build per locale, catalogue and overrides object: the screens of a page share it, and the
  // Intl objects (costly on their first use in a page) are made once.
  const owner = overrides ?? NO_OVERRIDES;
  let byLocale = cache.get(owner);
  if (!byLocale) cache.set(owner, (byLocale = new Map()));
  const key = `${locale}\u0000${catalogueGeneration()}`;
  let messages = byLocale.get(key);
  if (!messages) {
    messages = build(locale, overrides);
    byLocale.set(key, messages);
  }
  return messages;
}

const NO_OVERRIDES: MessageOverrides = {};
const cache = new WeakMap<MessageOverrides, Map<string, Messages>>();

function build(locale: string, overrides?: MessageOverrides): Messages {
  const tag = canonical(locale) ?? 'en';
  const language = languageOf(tag);
  const builtIn = loadedCatalogue(language);
  const languageOverrides = overrides?.[language];
  const tagOverrides = tag === language ? undefined : overrides?.[tag];
  const known = builtIn !== undefined || languageOverrides !== undefined || tagOverrides !== undefined;
  const resolved = known ? tag : 'en';
  const dir = known ? localeDir(resolved) : 'ltr';

  const catalogue: MessageCatalogue = Object.freeze({
    ...(loadedCatalogue('en') as MessageCatalogue),
    ...builtIn,
    ...languageOverrides,
    ...tagOverrides,
  });

  // Made on first use: a sign-in form formats no number.
  let intl: { numberFormat: Intl.NumberFormat; pad2: Intl.NumberFormat; pluralRules: Intl.PluralRules } | undefined;
  const formats = () => (intl ??= { numberFormat: new Intl.NumberFormat(resolved), pad2: new Intl.NumberFormat(resolved, { minimumIntegerDigits: 2, useGrouping: false }), pluralRules: new Intl.PluralRules(resolved) });

  const renderValue = (value: unknown): string => {
    if (typeof value === 'number') return formats().numberFormat.format(value);
    const text = String(value);
    return dir === 'rtl' ? `${FSI}${text}${PDI}` : text;
  };

  const interpolate = (template: string, values: Record<string, unknown>): string =>
    template.replace(/\{(\w+)\}/g, (match, name: string) => (Object.hasOwn(values, name) ? renderValue(values[name]) : match));

  return {
    locale: resolved,
    dir,
    catalogue,
    format<K extends MessageKey>(key: K, ...args: MessageArgs<K>): string {
      const message = catalogue[key] as string | PluralMessage | undefined;
      const values = (args[0] ?? {}) as Record<string, unknown>;
      if (message === undefined) return key;
      if (typeof message === 'string') return interpolate(message, values);
      const count = Number(values.count);
      // An explicit `zero` wins in every language ("That was your last code"), not only where CLDR has the category.
      const category = (count === 0 && message.zero !== undefined ? 'zero' : formats().pluralRules.select(count)) as keyof PluralMessage;
      return interpolate(message[category] ?? message.other, values);
    },
    formatNumber: (value) => formats().numberFormat.format(value),
    formatDuration(totalSeconds) {
      const s = Math.max(0, Math.ceil(totalSeconds));
      const hours = Math.floor(s / 3600);
      const minutes = Math.floor((s % 3600) / 60);
      const seconds = s % 60;
      const { numberFormat, pad2 } = formats();
      return hours > 0
        ? `${numberFormat.format(hours)}:${pad2.format(minutes)}:${pad2.format(seconds)}`
        : `${numberFormat.format(minutes)}:${pad2.format(seconds)}`;
    },
  };
}
