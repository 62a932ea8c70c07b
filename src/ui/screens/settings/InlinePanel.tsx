import { useEffect, useId, useRef, type ComponentProps, type KeyboardEvent, type ReactNode } from 'react';

/** Props of {@link InlinePanel}. */
export interface InlinePanelProps extends Omit<ComponentProps<'section'>, 'title'> {
  heading: ReactNode;
  /** @default 3 */
  headingLevel?: 2 | 3 | 4;
  /** Escape closes the panel (the same as its cancel button). */
  onDismiss?: () => void;
  /** Where focus goes on close when the opener is gone (e.g. the row of a removed device). */
  fallbackFocus?: () => HTMLElement | null | undefined;
  children?: ReactNode;
}

/**
 * A panel that opens in place (step-up, a setup, a confirmation): a `<section>` named by its
 * heading. Opening moves focus to the heading, so the new content is read out; closing (unmount)
 * gives focus back to the control that opened it, when that control is still on the page.
 */
export function InlinePanel({ heading, headingLevel = 3, onDismiss, fallbackFocus, children, onKeyDown, ...props }: InlinePanelProps) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const Heading = `h${headingLevel}` as const;
  const fallback = useRef(fallbackFocus);
  fallback.current = fallbackFocus;
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    headingRef.current?.focus();
    return () => {
      // Focus left inside the panel would fall to <body>: return it to where the user was.
      const active = document.activeElement;
      if (active !== null && active !== document.body && active.isConnected) return;
      if (opener?.isConnected) opener.focus();
      else fallback.current?.()?.focus();
    };
  }, []);
  return (
    <section
      data-fk="panel"
      aria-labelledby={headingId}
      onKeyDown={(event: KeyboardEvent<HTMLElement>) => {
        onKeyDown?.(event);
        if (event.key === 'Escape' && onDismiss && !event.defaultPrevented) {
          event.preventDefault();
          onDismiss();
        }
      }}
      {...props}
    >
      <Heading data-fk="panel-heading" id={headingId} ref={headingRef} tabIndex={-1}>
        {heading}
      </Heading>
      {children}
    </section>
  );
}
