/**
 * What every story runs inside: the toolbar globals (theme, locale, direction), the loader that
 * installs msw handlers and starts a live backend, and the decorator that wraps the story in the
 * kit's provider and theme root. `.storybook/preview.tsx` uses these; so do the vitest runs of the
 * stories (test/stories), through the same preview annotations.
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { QueryClient } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router-dom';
import type { Decorator, Loader, Preview } from '@storybook/react';
import type { RequestHandler } from 'msw';
import type { AuthClient } from '../../src/core/index.ts';
import { AuthProvider, type AuthProviderProps } from '../../src/react/index.ts';
import { FactorKitProvider, createMessages, loadLocale, locales, type Messages } from '../../src/ui/index.ts';
import { loadLaterMessages } from '../../src/ui/messages/locales.ts';
import { startStoryBackend, storyClient, type BackendParameters, type LiveContext } from './backend.ts';
import { mswController, mswStarted, type MswParameters } from './msw.ts';

/** The themes the toolbar offers; `system` follows the OS (prefers-color-scheme / prefers-contrast). */
export const themes = ['light', 'dark', 'high-contrast', 'system'] as const;
/** A theme of the toolbar. */
export type StoryTheme = (typeof themes)[number];
/** The built-in locales. */
export const storyLocales = ['en', 'fr', 'de', 'ar'] as const;
/** A locale of the toolbar. */
export type StoryLocale = (typeof storyLocales)[number];

/** The toolbar globals, with their defaults. */
export const globalTypes: Preview['globalTypes'] = {
  theme: {
    description: 'factorkit theme (data-fk-theme)',
    toolbar: { title: 'Theme', icon: 'paintbrush', items: [...themes], dynamicTitle: true },
  },
  locale: {
    description: 'Message catalogue',
    toolbar: {
      title: 'Locale',
      icon: 'globe',
      items: [
        { value: 'en', title: 'English' },
        { value: 'fr', title: 'Français' },
        { value: 'de', title: 'Deutsch' },
        { value: 'ar', title: 'العربية (rtl)' },
      ],
      dynamicTitle: true,
    },
  },
  direction: {
    description: 'Text direction (Arabic is always rtl)',
    toolbar: { title: 'Direction', icon: 'transfer', items: ['ltr', 'rtl'], dynamicTitle: true },
  },
};

/** Defaults of {@link globalTypes}. */
export const initialGlobals = { theme: 'light', locale: 'en', direction: 'ltr' };

/** What the decorator derives from the globals. */
export interface StoryKit {
  theme: StoryTheme;
  locale: StoryLocale;
  dir: 'ltr' | 'rtl';
  messages: Messages;
}

const KitContext = createContext<StoryKit | null>(null);
const LiveContextReact = createContext<LiveContext | undefined>(undefined);

/** The live backend and client of a story with `parameters.backend`, else undefined. */
export function useStoryLive(): LiveContext | undefined {
  return useContext(LiveContextReact);
}

/** The story's theme, locale, direction and messages (from the toolbar). */
export function useStoryKit(): StoryKit {
  const kit = useContext(KitContext);
  if (!kit) throw new Error('useStoryKit: render the story inside the factorkit decorator (stories/support/kit.tsx).');
  return kit;
}

/** The story's messages: `useStoryMessages().format('otp.submit')`. */
export function useStoryMessages(): Messages {
  return useStoryKit().messages;
}

/** Resolves the globals to a theme, locale and direction. Arabic forces rtl. */
export function kitFromGlobals(globals: Record<string, unknown>): Omit<StoryKit, 'messages'> {
  const theme = (themes as readonly string[]).includes(String(globals.theme)) ? (globals.theme as StoryTheme) : 'light';
  const locale = (storyLocales as readonly string[]).includes(String(globals.locale)) ? (globals.locale as StoryLocale) : 'en';
  const dir = locales[locale].dir === 'rtl' || globals.direction === 'rtl' ? 'rtl' : 'ltr';
  return { theme, locale, dir };
}

/** `parameters.route` of a story: where the memory router starts. @default '/auth' */
export type RouteParameter = string;

/** `loaded` of a story after {@link kitLoader}. */
export interface KitLoaded {
  live?: LiveContext;
}

/**
 * Loads the toolbar locale's catalogue (and all of English), installs the story's msw handlers and, when it has `parameters.backend`, starts the reference
 * backend and puts it (and a client bound to it) in `loaded.live`.
 */
export const kitLoader: Loader = async ({ parameters, globals }): Promise<KitLoaded> => {
  // The story's catalogue before it renders (a screen would otherwise wait for it on its own).
  await Promise.all([loadLocale(kitFromGlobals(globals).locale), loadLaterMessages()]);
  const msw = (parameters.msw ?? {}) as MswParameters;
  const backendParameters = parameters.backend as BackendParameters | undefined;
  if (!backendParameters && !msw.handlers?.length) {
    // No network: do not start a service worker just to say so (a plain story works anywhere).
    if (mswStarted()) (await mswController()).reset([]);
    return {};
  }
  const controller = await mswController();
  if (!backendParameters) {
    controller.reset(msw.handlers ?? []);
    return {};
  }
  // The backend alone while `prepare` runs; then the story's handlers in front of it.
  const live = await startStoryBackend(backendParameters, (handlers) => controller.reset(handlers));
  controller.reset([...(msw.handlers ?? []), ...(live.handlers as RequestHandler[])]);
  return { live };
};

// Story chrome: paint the theme's page colours so a part on its own shows as it would on a page.
// A story fills its canvas; on a docs page, where several share the page, each is as tall as it is.
const rootStyle = { background: 'var(--fk-color-bg)', color: 'var(--fk-color-fg)', fontFamily: 'var(--fk-font-family)', padding: '1rem', boxSizing: 'border-box' } as const;
const canvasStyle = { ...rootStyle, minHeight: '100vh' } as const;

/** Props of {@link KitRoot}. */
export interface KitRootProps {
  kit: Omit<StoryKit, 'messages'>;
  client?: AuthClient;
  live?: LiveContext;
  route?: string;
  providerProps?: Partial<AuthProviderProps>;
  /** On a docs page: as tall as the story, not the whole canvas. */
  inDocs?: boolean;
  /** Without the memory router: for a story whose parts have routers of their own (`parameters.router: false`). @default true */
  router?: boolean;
  children: ReactNode;
}

/**
 * The provider and theme root every story renders in: a fresh QueryClient (no retries, so error
 * states show at once), an AuthProvider with the story's client, a FactorKitProvider with the
 * toolbar's direction (a screen otherwise takes the locale's, and "rtl" would not flip an English
 * screen), a memory router (unless `router` is false), and the `data-fk-theme` / `dir` / `lang` root the stylesheet keys on.
 */
export function KitRoot({ kit, client, live, route = '/auth', providerProps, inDocs = false, router = true, children }: KitRootProps) {
  const [ownClient] = useState(() => client ?? storyClient());
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } }));
  const { theme, locale, dir } = kit;
  const value = useMemo(() => ({ theme, locale, dir, messages: createMessages(locale) }), [theme, locale, dir]);
  const root = (
    <div data-fk-theme={kit.theme} dir={kit.dir} lang={kit.locale} data-story-root="" style={inDocs ? rootStyle : canvasStyle}>
      {children}
    </div>
  );
  return (
    <KitContext.Provider value={value}>
      <LiveContextReact.Provider value={live}>
        <AuthProvider client={client ?? ownClient} queryClient={queryClient} locale={kit.locale} theme={kit.theme} {...(providerProps as object)}>
          <FactorKitProvider dir={kit.dir}>
            {router ? <MemoryRouter initialEntries={[route]}>{root}</MemoryRouter> : root}
          </FactorKitProvider>
        </AuthProvider>
      </LiveContextReact.Provider>
    </KitContext.Provider>
  );
}

/** `parameters.provider` of a story: more `<AuthProvider>` props (custom factors, redirection...). */
export type ProviderParameter = Partial<AuthProviderProps>;

/** The decorator: reads the globals and `loaded.live`, renders the story inside {@link KitRoot}. */
export const withKit: Decorator = (Story, context) => {
  const kit = kitFromGlobals(context.globals);
  const loaded = context.loaded as KitLoaded;
  // A new story (or a new live backend) gets a new client and query cache.
  return (
    <KitRoot
      key={context.id}
      kit={kit}
      client={loaded.live?.client}
      live={loaded.live}
      route={loaded.live?.route ?? (context.parameters.route as string | undefined)}
      providerProps={context.parameters.provider as Partial<AuthProviderProps> | undefined}
      inDocs={context.viewMode === 'docs'}
      router={context.parameters.router !== false}
    >
      <Story />
    </KitRoot>
  );
};
