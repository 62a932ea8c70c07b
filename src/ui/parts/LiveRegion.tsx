import type { ComponentProps } from 'react';
import { visuallyHidden } from './visuallyHidden.ts';

/** Props of {@link LiveRegion}. */
export interface LiveRegionProps extends ComponentProps<'div'> {
  /** `polite` waits for the screen reader to finish; `assertive` interrupts. @default 'polite' */
  politeness?: 'polite' | 'assertive';
  /** Keep the text for screen readers only. @default true */
  hidden?: boolean;
}

/**
 * A region whose text changes are announced by screen readers (`role="status"` or `role="alert"`).
 * Render it from the start and change its children: a region inserted together with its text is
 * not reliably announced.
 */
export function LiveRegion({ politeness = 'polite', hidden = true, style, ...props }: LiveRegionProps) {
  return (
    <div
      data-fk="live-region"
      role={politeness === 'assertive' ? 'alert' : 'status'}
      aria-live={politeness}
      aria-atomic="true"
      style={hidden ? { ...visuallyHidden, ...style } : style}
      {...props}
    />
  );
}
