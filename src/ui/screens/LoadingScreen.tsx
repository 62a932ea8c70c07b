import type { BaseScreenProps } from './screenSupport.ts';
import { useScreenKit } from './screenSupport.ts';

/** Props of {@link LoadingScreen}. */
export interface LoadingScreenProps extends BaseScreenProps {
  /** How long to show nothing, so fast loads do not flash a spinner. @default 300 */
  delayMs?: number;
}

/**
 * What a screen shows while it waits (`data-fk="screen"`, `data-state="loading"`): an empty polite
 * live region first, then, after `delayMs`, a spinner with "Loading…". Never a blank page for long,
 * never a flash for fast loads.
 */
export function LoadingScreen({ delayMs, components, ...props }: LoadingScreenProps) {
  const {
    m,
    c,
    root: { brand: _brand, ...root },
  } = useScreenKit(components, 'signIn');
  return (
    <div data-fk="screen" data-state="loading" {...root} {...props}>
      <c.DelayedFallback label={m.format('common.loading')} delayMs={delayMs} showLabel />
    </div>
  );
}
