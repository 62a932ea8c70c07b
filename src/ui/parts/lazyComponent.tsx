import { lazy, type ComponentType } from 'react';

/** A component loaded on first render; `preload()` fetches it before, `isLoaded()` says whether it is here. */
export type Preloadable<P> = ComponentType<P> & { preload: () => Promise<void>; isLoaded: () => boolean };

/**
 * React's `lazy` with `preload()`. Once loaded it renders at once: `lazy` then gets a thenable that
 * is already settled, so nothing suspends (no fallback frame, no layout shift).
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): Preloadable<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const fetch = () =>
    (loading ??= load().then(
      (Component) => (loaded = Component),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  const Lazy = lazy(() => {
    const Component = loaded;
    if (Component) return { then: (resolve: (module: { default: ComponentType<P> }) => void) => resolve({ default: Component }) } as Promise<{ default: ComponentType<P> }>;
    return fetch().then((C) => ({ default: C }));
  });
  const Loaded = (props: P) => <Lazy {...props} />;
  return Object.assign(Loaded, { preload: () => fetch().then(() => undefined), isLoaded: () => loaded !== undefined });
}
