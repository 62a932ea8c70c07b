import { beforeAll, describe, expect, it } from 'vitest';
import { createMessages } from '../../../src/ui/messages/createMessages.ts';
import { loadLocale, locales } from '../../../src/ui/messages/locales.ts';
import type { PluralMessage } from '../../../src/ui/messages/types.ts';

const placeholders = (message: string | PluralMessage): string[] => {
  const forms = typeof message === 'string' ? [message] : Object.values(message);
  return [...new Set(forms.flatMap((form) => [...(form ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)))].sort();
};

// The whole English catalogue: the sign-in form's messages and the rest.
const english = await locales.en.load();
const englishKeys = Object.keys(english).sort();
const localeNames = Object.keys(locales) as (keyof typeof locales)[];
const catalogues = Object.fromEntries(await Promise.all(localeNames.map(async (name) => [name, await locales[name].load()] as const)));

beforeAll(() => Promise.all(localeNames.map(loadLocale)));

describe('message catalogues', () => {
  it.each(localeNames)('%s has exactly the English keys', (name) => {
    expect(Object.keys(catalogues[name]!).sort()).toEqual(englishKeys);
  });

  it.each(localeNames)('%s uses the same placeholders as English for every key', (name) => {
    const catalogue = catalogues[name] as Record<string, string | PluralMessage>;
    for (const key of englishKeys) {
      expect({ key, placeholders: placeholders(catalogue[key]!) }).toEqual({ key, placeholders: placeholders((english as Record<string, string | PluralMessage>)[key]!) });
    }
  });

  it.each(localeNames)('%s has no empty message and a plural form for each category its language uses', (name) => {
    const catalogue = catalogues[name] as Record<string, string | PluralMessage>;
    const categories = new Intl.PluralRules(name).resolvedOptions().pluralCategories;
    for (const key of englishKeys) {
      const message = catalogue[key]!;
      if (typeof message === 'string') {
        expect(message.trim(), key).not.toBe('');
        continue;
      }
      expect(message.other, key).toContain('{count}');
      // English needs one/other; Arabic has zero, one, two, few, many, other.
      if (name !== 'fr') for (const c of categories) expect(message[c as keyof PluralMessage], `${key} ${c}`).toBeTruthy();
    }
  });

  it('marks Arabic right to left and the others left to right', () => {
    expect(createMessages('ar').dir).toBe('rtl');
    expect(createMessages('ar-EG').dir).toBe('rtl');
    expect(createMessages('fr').dir).toBe('ltr');
    expect(createMessages('de-AT').dir).toBe('ltr');
    expect(createMessages('en').dir).toBe('ltr');
  });
});

describe('createMessages', () => {
  it('fills placeholders and formats numbers for the locale', () => {
    const messages = createMessages('en');
    expect(messages.format('otp.resendCooldown', { seconds: 12 })).toBe('You can request a new code in 12s');
    expect(messages.format('otp.sendToKnown', { contact: 'a@example.com' })).toBe('Send a code to a@example.com');
    expect(createMessages('de').formatNumber(12345)).toBe('12.345');
  });

  it('picks plural forms with Intl.PluralRules', () => {
    const en = createMessages('en');
    expect(en.format('code.wrong', { count: 1 })).toBe('That code is not correct. You have 1 attempt left.');
    expect(en.format('code.wrong', { count: 3 })).toBe('That code is not correct. You have 3 attempts left.');
    const ar = createMessages('ar');
    expect(ar.format('code.wrong', { count: 2 })).toContain('محاولتان');
    expect(ar.format('code.wrong', { count: 5 })).toContain('محاولات');
    expect(ar.format('code.wrong', { count: 0 })).toContain('أي محاولة');
    // French "one" covers 0 and 1.
    expect(createMessages('fr').format('code.wrong', { count: 0 })).toContain('tentative.');
  });

  it('isolates inserted text in right-to-left locales so an address keeps its order', () => {
    expect(createMessages('ar').format('otp.email.sentTo', { contact: 'a@example.com' })).toContain('\u2068a@example.com\u2069');
  });

  it('applies app overrides per language, then per exact tag', () => {
    const messages = createMessages('fr-CA', { fr: { 'otp.submit': 'Valider', 'otp.resend': 'Renvoyer' }, 'fr-CA': { 'otp.resend': 'Renvoyer le code' } });
    expect(messages.locale).toBe('fr-CA');
    expect(messages.format('otp.submit')).toBe('Valider');
    expect(messages.format('otp.resend')).toBe('Renvoyer le code');
    expect(messages.format('otp.codeLabel')).toBe('Code de vérification');
  });

  it('falls back to English for an unknown locale, and lets an app add one', () => {
    expect(createMessages('xx').format('otp.submit')).toBe('Verify');
    expect(createMessages('not a locale!').locale).toBe('en');
    const hebrew = createMessages('he', { he: { 'otp.submit': 'אימות' } });
    expect(hebrew.dir).toBe('rtl');
    expect(hebrew.format('otp.submit')).toBe('אימות');
    expect(hebrew.format('otp.resend')).toBe('Send a new code');
  });

  it('formats durations as m:ss or h:mm:ss', () => {
    const messages = createMessages('en');
    expect(messages.formatDuration(65)).toBe('1:05');
    expect(messages.formatDuration(0)).toBe('0:00');
    expect(messages.formatDuration(3725)).toBe('1:02:05');
    expect(messages.format('otp.expiresIn', { time: messages.formatDuration(299.2) })).toBe('This code expires in 5:00.');
  });

  it('type-checks keys and values', () => {
    const messages = createMessages('en');
    // @ts-expect-error: an unknown key is a type error
    expect(messages.format('otp.nope')).toBe('otp.nope');
    // @ts-expect-error: the count of a plural message is required
    messages.format('code.wrong');
    // @ts-expect-error: a placeholder name must match the English text
    messages.format('otp.resendCooldown', { secs: 3 });
    expect(messages.format('common.loading')).toBe('Loading…');
  });
});
