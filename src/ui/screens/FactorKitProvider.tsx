import { createContext, use, useContext, useMemo, type ComponentProps, type ReactNode } from 'react';
import { useAuthUiSettings, type AuthUiSettings } from '../../react/index.ts';
import { createMessages } from '../messages/createMessages.ts';
import { allMessagesReady, localeReady } from '../messages/locales.ts';
import type { MessageOverrides, Messages, TextDirection } from '../messages/types.ts';
import { defaultScreenComponents, type ScreenComponents } from './components.ts';

/** The built-in themes of `factorkit/styles.css`. */
export const ThemeNames = {
  LIGHT: 'light',
  DARK: 'dark',
  HIGH_CONTRAST: 'high-contrast',
  /** Follows the OS (dark mode, more contrast). */
  SYSTEM: 'system',
} as const;

/** One of {@link ThemeNames}. */
export type ThemeNames = (typeof ThemeNames)[keyof typeof ThemeNames];

// `<AuthProvider theme locale messages>` take these types once the UI layer is part of the program.
declare module '../../react/AuthContext.ts' {
  interface AuthUiTypes {
    theme: ThemeNames;
    locale: string;
    messages: MessageOverrides;
    brand: Brand;
  }
}

/**
 * Your app's name and logo, at the top of every pre-built screen. The logo sits beside the name, so
 * give an image an empty `alt` (`<img src="/logo.svg" alt="" />`); without a name, describe it.
 */
export interface Brand {
  name?: string;
  logo?: ReactNode;
}

/** What the pre-built screens share: messages, theme, writing direction and parts. */
export interface FactorKitValue {
  messages: Messages;
  theme: ThemeNames;
  /** The screens' writing direction: the provider's `dir`, else the locale's (`messages.dir`). */
  dir: TextDirection;
  components: ScreenComponents;
  /** The app's name and logo for the screens' header, if set. */
  brand: Brand | undefined;
}

// `dirOverride` is what a provider was given, so a nested provider keeps it; `dir` is what applies.
// `remake` builds the messages again (once the rest of English has arrived).
type ContextValue = FactorKitValue & { dirOverride: TextDirection | undefined; remake: () => Messages };

const FactorKitContext = createContext<ContextValue | null>(null);

const themeNames = new Set<string>(Object.values(ThemeNames));

function themeOf(value: unknown): ThemeNames {
  return typeof value === 'string' && themeNames.has(value) ? (value as ThemeNames) : ThemeNames.LIGHT;
}

function overridesOf(value: unknown): MessageOverrides | undefined {
  return typeof value === 'object' && value !== null ? (value as MessageOverrides) : undefined;
}

// The screens also run under a bare <AuthProvider> (no FactorKitProvider), and a few of them
// (LoadingScreen) in a story with neither: read the provider's settings when there is one.
function useOptionalUiSettings(): AuthUiSettings {
  try {
    return useAuthUiSettings();
  } catch {
    return {};
  }
}

function brandOf(value: unknown): Brand | undefined {
  return typeof value === 'object' && value !== null ? (value as Brand) : undefined;
}

function dirOf(value: unknown): TextDirection | undefined {
  return value === 'ltr' || value === 'rtl' ? value : undefined;
}

function useValue(
  theme: unknown,
  locale: string | undefined,
  overrides: unknown,
  dir: unknown,
  components: Partial<ScreenComponents> | undefined,
  outer: ContextValue | null,
  brand?: unknown,
): ContextValue {
  // A built-in catalogue other than English is a chunk of its own: the screens wait (suspend) for it.
  use(localeReady(locale ?? 'en'));
  return useMemo(() => {
    const remake = () => createMessages(locale ?? 'en', overridesOf(overrides));
    const messages = remake();
    const dirOverride = dirOf(dir) ?? outer?.dirOverride;
    return {
      messages,
      theme: themeOf(theme),
      dir: dirOverride ?? messages.dir,
      dirOverride,
      remake,
      components: { ...defaultScreenComponents, ...outer?.components, ...components },
      brand: brandOf(brand) ?? outer?.brand,
    };
  }, [theme, locale, overrides, dir, components, outer, brand]);
}

/** Props of {@link FactorKitProvider}. Anything left out comes from `<AuthProvider>`. */
export interface FactorKitProviderProps {
  /** @default AuthProvider's `theme`, else 'light' */
  theme?: ThemeNames;
  /** A BCP 47 tag (`fr`, `ar-EG`). @default AuthProvider's `locale`, else 'en' */
  locale?: string;
  /** App wording, keyed by locale. @default AuthProvider's `messages` */
  messages?: MessageOverrides;
  /**
   * The writing direction of the screens below, whatever the locale: for an app laid out right to
   * left in a language the kit writes left to right (or the other way round), or a preview that
   * tries both. Codes, phone numbers and secrets stay left to right inside either.
   * @default the `dir` of an outer FactorKitProvider, else the locale's direction (`rtl` for Arabic, `ltr` for English)
   */
  dir?: TextDirection;
  /** Parts to use instead of the kit's, in every screen below. */
  components?: Partial<ScreenComponents>;
  /** @default AuthProvider's `brand`, else an outer FactorKitProvider's, else none */
  brand?: Brand;
  children?: ReactNode;
}

/**
 * Shares messages (built for the locale), the theme name, the writing direction and part overrides
 * with the pre-built screens below it. Optional: without it, screens read `theme`, `locale` and
 * `messages` from `<AuthProvider>` and take the locale's direction. It renders no element; wrap
 * content of your own in {@link ThemeRoot}.
 */
export function FactorKitProvider({ theme, locale, messages, dir, components, brand, children }: FactorKitProviderProps) {
  const settings = useOptionalUiSettings();
  const outer = useContext(FactorKitContext);
  const value = useValue(theme ?? settings.theme, locale ?? settings.locale, messages ?? settings.messages, dir, components, outer, brand ?? settings.brand);
  return <FactorKitContext.Provider value={value}>{children}</FactorKitContext.Provider>;
}

/**
 * The kit's value with the sign-in form's messages at least (the sign-in screen, the loading
 * screen, the theme root): it never waits for the rest of English.
 */
export function useSignInKit(): ContextValue {
  const outer = useContext(FactorKitContext);
  const settings = useOptionalUiSettings();
  const own = useValue(settings.theme, settings.locale, settings.messages, undefined, undefined, null, settings.brand);
  return outer ?? own;
}

/**
 * The kit's value for a screen: `all` waits (suspends) the first time until the rest of English (a
 * chunk of its own) is here; `signIn` never waits (the sign-in form's messages are in the main bundle).
 */
export function useScreenKitValue(scope: 'all' | 'signIn'): FactorKitValue {
  const kit = useSignInKit();
  if (scope === 'all') use(allMessagesReady(kit.messages.locale));
  // The same messages object when nothing arrived since it was made (createMessages keeps one per catalogue state).
  const messages = scope === 'all' ? kit.remake() : kit.messages;
  return useMemo(() => (messages === kit.messages ? kit : { ...kit, messages }), [kit, messages]);
}

/**
 * Messages, theme, direction and parts of the nearest {@link FactorKitProvider}, else of
 * `<AuthProvider>`'s settings. Every message is there: a component using it waits (suspends) the
 * first time until the rest of English (a chunk of its own) has loaded.
 */
export function useFactorKit(): FactorKitValue {
  return useScreenKitValue('all');
}

/** The attributes that apply a theme and a writing direction: `data-fk-theme`, `dir`, `lang`. */
export function useThemeRootProps(): { 'data-fk-theme': ThemeNames; dir: TextDirection; lang: string } {
  const { messages, theme, dir } = useSignInKit();
  return { 'data-fk-theme': theme, dir, lang: messages.locale };
}

/** Props of {@link ThemeRoot}: those of a `<div>`. */
export type ThemeRootProps = ComponentProps<'div'>;

/**
 * A `<div>` carrying the theme, the direction (the provider's `dir`, else the locale's) and the
 * language (`data-fk-theme`, `dir`, `lang`), for content of your own around or beside the screens.
 * Every pre-built screen applies them to its own root already.
 */
export function ThemeRoot(props: ThemeRootProps) {
  return <div {...useThemeRootProps()} {...props} />;
}
