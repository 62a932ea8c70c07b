import { Suspense, type ComponentType, type ReactNode } from 'react';
import { lazyComponent, type Preloadable } from '../parts/lazyComponent.tsx';
import { LoadingScreen } from './LoadingScreen.tsx';

/** A screen loaded on first render (see {@link lazyScreen}). */
export type LazyScreen = Preloadable<object>;

/**
 * A screen that loads on first render, showing the kit's loading screen (nothing for 300 ms, then a
 * spinner) until its code is here.
 */
export function lazyScreen(load: () => Promise<ComponentType>): LazyScreen {
  const Screen = lazyComponent(load);
  const WithFallback = (): ReactNode => (
    <Suspense fallback={<LoadingScreen />}>
      <Screen />
    </Suspense>
  );
  return Object.assign(WithFallback, { preload: Screen.preload, isLoaded: Screen.isLoaded });
}
