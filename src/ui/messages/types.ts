import type { en as enSignIn } from './en.ts';
import type { enLater } from './enLater.ts';

// The English catalogue: the sign-in form's messages and the rest.
type English = typeof enSignIn & typeof enLater;

/** A message with plural forms, selected by `Intl.PluralRules` on the `count` value. */
export type PluralMessage = { other: string } & Partial<Record<'zero' | 'one' | 'two' | 'few' | 'many', string>>;

/** Every message key, taken from the English catalogue. */
export type MessageKey = keyof English;

/**
 * A complete catalogue for one locale: every key of the English catalogue, a plural object where
 * English has one, a string elsewhere. Declaring a locale with this type makes a missing key a
 * type error.
 */
export type MessageCatalogue = { [K in MessageKey]: English[K] extends string ? string : PluralMessage };

/** App overrides for one locale: any subset of the keys. */
export type PartialCatalogue = Partial<MessageCatalogue>;

/**
 * App overrides keyed by locale tag (`en`, `fr`, `fr-CA`...). The language entry applies first,
 * then the exact tag. A locale with no built-in catalogue can be added this way; keys it leaves
 * out fall back to English.
 */
export type MessageOverrides = Partial<Record<string, PartialCatalogue>>;

type PlaceholdersOf<S> = S extends `${string}{${infer P}}${infer Rest}` ? P | PlaceholdersOf<Rest> : never;

/** The placeholder names of a message key, read from the English text. */
export type MessagePlaceholders<K extends MessageKey> = English[K] extends string
  ? PlaceholdersOf<English[K]>
  : 'count' | PlaceholdersOf<English[K][keyof English[K]]>;

/** The values a message needs: `count` is a number, anything else a string or a number. */
export type MessageValues<K extends MessageKey> = {
  [P in MessagePlaceholders<K>]: P extends 'count' ? number : string | number;
};

/** Arguments after the key: none for a message without placeholders, else its values. */
export type MessageArgs<K extends MessageKey> = [MessagePlaceholders<K>] extends [never] ? [] : [values: MessageValues<K>];

/** Text direction of a locale. */
export type TextDirection = 'ltr' | 'rtl';

/** What `createMessages` returns, and what the screens receive. */
export interface Messages {
  /** The locale tag used for plurals and number formatting (`fr-CA`, or `en` when nothing matched). */
  readonly locale: string;
  /** Text direction: put it on the screen's root (`dir={messages.dir}`). */
  readonly dir: TextDirection;
  /** The merged catalogue (built-in, then overrides). */
  readonly catalogue: Readonly<MessageCatalogue>;
  /** Formats a message: placeholders filled, the plural form picked from `count`. */
  format<K extends MessageKey>(key: K, ...args: MessageArgs<K>): string;
  /** A number in the locale's digits and separators. */
  formatNumber(value: number): string;
  /** A duration in whole seconds as `m:ss` (or `h:mm:ss`) in the locale's digits. */
  formatDuration(totalSeconds: number): string;
}
