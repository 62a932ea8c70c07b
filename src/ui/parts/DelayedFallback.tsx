import { useEffect, useState } from 'react';
import type { ComponentProps, ReactNode } from 'react';
import { SpinnerIcon } from './SpinnerIcon.tsx';
import { visuallyHidden } from './visuallyHidden.ts';

/** Props of {@link DelayedFallback}. */
export interface DelayedFallbackProps extends ComponentProps<'div'> {
  /** The loading text (`messages.format('common.loading')`). */
  label: string;
  /** How long to show nothing, so fast loads do not flash a spinner. @default 300 */
  delayMs?: number;
  /** Show the label next to the ring instead of only to screen readers. @default false */
  showLabel?: boolean;
  /** Replaces the default ring and label once the delay is over (e.g. a skeleton). */
  children?: ReactNode;
}

/**
 * A loading state for a screen: an empty polite live region for the first `delayMs`, then a spinner
 * with its label. The region exists from the start so screen readers announce the label when it
 * appears. Never renders nothing for long: a screen must not be blank while loading.
 */
export function DelayedFallback({ label, delayMs = 300, showLabel = false, children, ...props }: DelayedFallbackProps) {
  const [visible, setVisible] = useState(delayMs <= 0);
  useEffect(() => {
    if (delayMs <= 0) return;
    const timer = setTimeout(() => setVisible(true), delayMs);
    return () => clearTimeout(timer);
  }, [delayMs]);

  return (
    <div data-fk="delayed-fallback" data-state={visible ? 'visible' : 'waiting'} role="status" aria-live="polite" {...props}>
      {visible &&
        (children ?? (
          <span data-fk="spinner">
            <SpinnerIcon />
            <span style={showLabel ? undefined : visuallyHidden}>{label}</span>
          </span>
        ))}
    </div>
  );
}
