import type { ComponentProps } from 'react';
import { SpinnerIcon } from './SpinnerIcon.tsx';
import { visuallyHidden } from './visuallyHidden.ts';

/** Props of {@link Spinner}. */
export interface SpinnerProps extends ComponentProps<'span'> {
  /** What is loading, read by screen readers (`messages.format('common.loading')`). */
  label: string;
  /** Show the label next to the ring instead of only to screen readers. @default false */
  showLabel?: boolean;
}

/** A loading indicator with an accessible name: `role="status"`, so it is announced politely. */
export function Spinner({ label, showLabel = false, ...props }: SpinnerProps) {
  return (
    <span data-fk="spinner" role="status" {...props}>
      <SpinnerIcon />
      <span style={showLabel ? undefined : visuallyHidden}>{label}</span>
    </span>
  );
}
