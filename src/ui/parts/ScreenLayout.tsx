import { useCallback, useEffect, useId, useRef } from 'react';
import type { ComponentProps, ReactNode, Ref } from 'react';
import { afterPaint } from '../../react/afterPaint.ts';

/** The text fields a person types into (not checkboxes, radios or buttons). */
const TYPING_FIELD = 'input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=button]):not([type=submit]):not(:disabled), textarea:not(:disabled), select:not(:disabled)';

/**
 * Focuses the first field of the screen whose heading is `heading`, or the heading when the screen
 * has none. Used when a screen's step changes, and when a screen appears with nothing focused.
 */
export function focusScreenStart(heading: HTMLElement | null): void {
  const body = heading?.closest('[data-fk="card"]')?.querySelector('[data-fk="screen-body"]');
  const field = body?.querySelector<HTMLElement>(TYPING_FIELD);
  (field ?? heading)?.focus();
}

/** Props of {@link ScreenLayout}. */
export interface ScreenLayoutProps extends Omit<ComponentProps<'div'>, 'title'> {
  /** The screen's title, rendered as a heading that labels the card. */
  heading: ReactNode;
  /** A line under the heading. */
  subtitle?: ReactNode;
  /** Where the person is in a sign-in of several steps ("Step 2 of 3"), shown above the heading. */
  progress?: ReactNode;
  /** Secondary actions under the body (sign out, change contact...). */
  footer?: ReactNode;
  /** The app's name and logo, above the heading (the kit's screens pass the provider's `brand`). */
  brand?: ReactNode;
  /** Heading level. @default 1 */
  headingLevel?: 1 | 2 | 3;
  /**
   * Ref to the heading. It has `tabIndex={-1}` so a screen can move focus to it when its step
   * changes (the new title is then read out).
   */
  headingRef?: Ref<HTMLHeadingElement>;
}

/**
 * The frame of every screen: a centred card (`data-fk="card"`, a `<section>` named by its heading)
 * with heading, optional subtitle, body and footer. Props and `ref` go to the outer
 * `data-fk="screen"` element: put `dir` and `data-fk-theme` there.
 */
export function ScreenLayout({ heading, subtitle, progress, brand, footer, headingLevel = 1, headingRef, children, ...props }: ScreenLayoutProps) {
  const headingId = useId();
  const Heading = `h${headingLevel}` as const;
  const ownHeading = useRef<HTMLHeadingElement | null>(null);
  const setHeading = useCallback(
    (node: HTMLHeadingElement | null) => {
      ownHeading.current = node;
      if (typeof headingRef === 'function') headingRef(node);
      else if (headingRef) headingRef.current = node;
    },
    [headingRef],
  );
  // A screen that appears with nothing focused (after a route change focus is left on <body>)
  // starts the keyboard and the screen reader at its first field, or its heading, once it is on screen.
  useEffect(
    () =>
      afterPaint(() => {
        const active = ownHeading.current?.ownerDocument.activeElement;
        if (active === null || active === undefined || active === ownHeading.current?.ownerDocument.body) focusScreenStart(ownHeading.current);
      }),
    [],
  );
  return (
    <div data-fk="screen" {...props}>
      <section data-fk="card" aria-labelledby={headingId}>
        <header data-fk="screen-header">
          {brand !== undefined && brand !== null && <div data-fk="brand">{brand}</div>}
          {progress !== undefined && progress !== null && <p data-fk="progress">{progress}</p>}
          <Heading data-fk="heading" id={headingId} ref={setHeading} tabIndex={-1}>
            {heading}
          </Heading>
          {subtitle !== undefined && subtitle !== null && <p data-fk="subtitle">{subtitle}</p>}
        </header>
        <div data-fk="screen-body">{children}</div>
        {footer !== undefined && footer !== null && <footer data-fk="screen-footer">{footer}</footer>}
      </section>
    </div>
  );
}
