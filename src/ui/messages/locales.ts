import { ar } from './ar.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';
import type { MessageCatalogue, TextDirection } from './types.ts';

/** One built-in locale: its catalogue and its text direction. */
export interface LocaleDefinition {
  readonly messages: MessageCatalogue;
  readonly dir: TextDirection;
}

/** The built-in locales, keyed by language subtag. */
export const locales = {
  en: { messages: en, dir: 'ltr' },
  fr: { messages: fr, dir: 'ltr' },
  de: { messages: de, dir: 'ltr' },
  ar: { messages: ar, dir: 'rtl' },
} as const satisfies Record<string, LocaleDefinition>;

/** A language with a built-in catalogue. */
export type BuiltInLocale = keyof typeof locales;
