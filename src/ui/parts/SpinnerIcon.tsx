import type { ComponentProps } from 'react';

/** The spinning ring used by {@link Spinner}, {@link DelayedFallback} and a submitting {@link Button}. Decorative. */
export function SpinnerIcon(props: ComponentProps<'svg'>) {
  return (
    <svg data-fk="spinner-icon" viewBox="0 0 24 24" width="1.25em" height="1.25em" fill="none" aria-hidden="true" focusable="false" {...props}>
      <circle cx="12" cy="12" r="9" stroke="currentColor" strokeOpacity="0.25" strokeWidth="3" />
      <path d="M21 12a9 9 0 0 0-9-9" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}
