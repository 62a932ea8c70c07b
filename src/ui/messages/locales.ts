import { en } from './en.ts';
import type { MessageCatalogue, PartialCatalogue, TextDirection } from './types.ts';

/** One built-in locale: its text direction and how to load its catalogue. */
export interface LocaleDefinition {
  readonly dir: TextDirection;
  /** Loads the catalogue: English's sign-in messages are in the main bundle, the rest of it and the other languages are chunks of their own. */
  readonly load: () => Promise<MessageCatalogue>;
}

/** A language with a built-in catalogue. */
export type BuiltInLocale = 'en' | 'fr' | 'de' | 'ar';

/** The built-in locales, keyed by language subtag. */
export const locales: Readonly<Record<BuiltInLocale, LocaleDefinition>> = {
  en: { dir: 'ltr', load: () => loadLaterMessages().then(() => loaded.get('en') as MessageCatalogue) },
  fr: { dir: 'ltr', load: () => import('./fr.ts').then((module) => module.fr) },
  de: { dir: 'ltr', load: () => import('./de.ts').then((module) => module.de) },
  ar: { dir: 'rtl', load: () => import('./ar.ts').then((module) => module.ar) },
};

// A promise as React's `use` reads it: settled ones carry their status, so `use` returns at once.
type Tracked = Promise<void> & { status?: 'fulfilled' };

// English starts with the sign-in form's messages; `loadLaterMessages` completes it.
const loaded = new Map<string, PartialCatalogue>([['en', en as PartialCatalogue]]);
let generation = 0;

/** Goes up each time a catalogue arrives (messages built before it may be out of date). */
export function catalogueGeneration(): number {
  return generation;
}

const loading = new Map<string, Tracked>();

/** The language subtag of a BCP 47 tag (`ar-EG` → `ar`). */
export function languageOf(tag: string): string {
  try {
    return new Intl.Locale(tag).language;
  } catch {
    return tag.split(/[-_]/)[0]?.toLowerCase() ?? tag;
  }
}

const builtIn = (language: string): LocaleDefinition | undefined => (Object.hasOwn(locales, language) ? (locales as Record<string, LocaleDefinition>)[language] : undefined);

/** The built-in catalogue of a language if it has been loaded (English always has, at least its sign-in messages). */
export function loadedCatalogue(language: string): PartialCatalogue | undefined {
  return loaded.get(language);
}

const ready: Tracked = Object.assign(Promise.resolve(), { status: 'fulfilled' as const });

/**
 * A catalogue's load as React's `use` reads it: marked fulfilled when it arrives (and the messages
 * built before it out of date); on failure `forget` drops it, so the next call tries again.
 */
function track(load: Promise<void>, forget: () => void): Tracked {
  const tracked: Tracked = load.then(
    () => {
      generation++;
      tracked.status = 'fulfilled';
    },
    (error: unknown) => {
      forget();
      throw error;
    },
  );
  return tracked;
}

/**
 * For React's `use` in every render of a screen: the same promise each time for a language,
 * fulfilled (and marked so) once its built-in catalogue is here, and at once for English and for
 * languages without one.
 */
export function localeReady(locale: string): Promise<void> {
  const language = languageOf(locale);
  if (loaded.has(language) || !builtIn(language)) return loading.get(language) ?? ready;
  return loadLocale(locale);
}

/**
 * Loads the built-in catalogue of `locale`'s language (`fr-CA` → French; for English, the messages
 * after the sign-in form), once per page. The screens wait for it themselves (they suspend until it
 * is there); await it before your first render to show them without that wait, e.g.
 * `await loadLocale(navigator.language)`. A failed load (an offline chunk) is tried again at the
 * next call.
 */
export function loadLocale(locale: string): Promise<void> {
  const language = languageOf(locale);
  if (language === 'en') return loadLaterMessages();
  const definition = builtIn(language);
  if (loaded.has(language) || !definition) return Promise.resolve();
  let promise = loading.get(language);
  if (!promise) {
    promise = track(definition.load().then((catalogue) => void loaded.set(language, catalogue)), () => loading.delete(language));
    loading.set(language, promise);
  }
  return promise;
}

let later: Tracked | undefined;

/**
 * Loads the English messages of the screens after sign-in (`enLater.ts`, one chunk, once per
 * page). The pre-built screens load it with their own code; English is also every locale's fallback.
 */
export function loadLaterMessages(): Promise<void> {
  later ??= track(
    import('./enLater.ts').then((module) => void loaded.set('en', { ...en, ...module.enLater })),
    () => (later = undefined),
  );
  return later;
}

/**
 * For React's `use` in a screen after sign-in: settled once every message it may show is here.
 * Another built-in language has its whole catalogue already (the provider waited for it); English,
 * and a language the app brings through overrides, need the rest of English.
 */
export function allMessagesReady(locale: string): Promise<void> {
  const language = languageOf(locale);
  if (language !== 'en' && builtIn(language)) return ready;
  return loadLaterMessages();
}
