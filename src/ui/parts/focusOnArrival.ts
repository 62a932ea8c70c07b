import { useLayoutEffect, type RefObject } from 'react';
import { afterPaint } from '../../react/afterPaint.ts';

/**
 * Focuses `element` once the screen showing it has been painted ({@link afterPaint}), unless focus
 * moved in the meantime (the person clicked or tabbed somewhere). Returns the cancel. The
 * `autoFocus` attribute focuses while React commits, which makes the browser lay out the whole
 * page (and its form-filling code read the form) before anything is on screen.
 */
export function focusAfterPaint(element: HTMLElement): () => void {
  const document = element.ownerDocument;
  const before = document.activeElement;
  return afterPaint(() => {
    const now = document.activeElement;
    if (element.isConnected && (now === before || now === null || now === document.body)) element.focus();
  });
}

/**
 * `autoFocus` for a part's own element, focused by {@link focusAfterPaint}. Like the attribute, only
 * its value on arrival counts. Where focus was is read as React commits, as the attribute would act,
 * so focus another part moves in its effect (an error summary) stays there.
 */
export function useFocusOnArrival(element: RefObject<HTMLElement | null>, autoFocus: boolean | undefined): void {
  // On arrival only, as the attribute does.
  useLayoutEffect(() => (autoFocus && element.current ? focusAfterPaint(element.current) : undefined), []);
}
