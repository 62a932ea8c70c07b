import { lazy, Suspense, type ComponentType } from 'react';
import { LoadingScreen } from './LoadingScreen.tsx';

/** A screen loaded on first render; `preload()` fetches it before, `isLoaded()` says whether it is here. */
export type LazyScreen = ComponentType & { preload: () => Promise<void>; isLoaded: () => boolean };

/**
 * A screen that loads on first render (React's `lazy`), showing the kit's loading screen (nothing
 * for 300 ms, then a spinner) until its code is here. Once preloaded it renders at once: React's
 * `lazy` gets a thenable that is already settled, so nothing suspends.
 */
export function lazyScreen(load: () => Promise<ComponentType>): LazyScreen {
  let loaded: ComponentType | undefined;
  let loading: Promise<ComponentType> | undefined;
  const fetch = () =>
    (loading ??= load().then(
      (Screen) => (loaded = Screen),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  const Lazy = lazy(() => {
    const Screen = loaded;
    if (Screen) return { then: (resolve: (module: { default: ComponentType }) => void) => resolve({ default: Screen }) } as Promise<{ default: ComponentType }>;
    return fetch().then((S) => ({ default: S }));
  });
  function LazyScreen() {
    return (
      <Suspense fallback={<LoadingScreen />}>
        <Lazy />
      </Suspense>
    );
  }
  return Object.assign(LazyScreen, { preload: () => fetch().then(() => undefined), isLoaded: () => loaded !== undefined });
}
