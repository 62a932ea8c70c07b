import { useEffect, useRef, useState } from 'react';
import type { ComponentProps, MouseEvent } from 'react';

/** Props of {@link CopyButton}. The button's text is its `children`. */
export interface CopyButtonProps extends Omit<ComponentProps<'button'>, 'type'> {
  /** What to put on the clipboard. */
  text: string;
  /** Shown next to the button and announced after a successful copy (`messages.format('totp.copied')`). */
  copiedLabel: string;
  /** Shown and announced when the browser refuses to copy (`messages.format('totp.copyFailed')`). */
  failedLabel: string;
  /** Called after each attempt. */
  onCopyResult?: (ok: boolean) => void;
  /** How long the status stays. @default 4000 */
  resetAfterMs?: number;
}

// For browsers or contexts without the async Clipboard API (http pages, old WebViews).
function legacyCopy(text: string, doc: Document): boolean {
  const previous = doc.activeElement as HTMLElement | null;
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  doc.body.appendChild(area);
  area.select();
  let ok: boolean;
  try {
    ok = doc.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  previous?.focus();
  return ok;
}

/**
 * A real `<button>` that copies `text` (async Clipboard API, falling back to `execCommand('copy')`)
 * and reports the result in a polite live region beside it (`data-fk="copy-status"`, present from
 * the first render so the announcement is reliable). `data-state="idle|copied|error"` on the
 * `data-fk="copy"` wrapper. Props and `ref` go to the button.
 */
export function CopyButton({ text, copiedLabel, failedLabel, onCopyResult, resetAfterMs = 4000, onClick, children, ...props }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'error'>('idle');
  const reset = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(reset.current), []);

  const copy = async (event: MouseEvent<HTMLButtonElement>) => {
    onClick?.(event);
    if (event.defaultPrevented) return;
    const doc = event.currentTarget.ownerDocument;
    let ok: boolean;
    try {
      const clipboard = doc.defaultView?.navigator.clipboard;
      if (!clipboard?.writeText) throw new Error('no async clipboard');
      await clipboard.writeText(text);
      ok = true;
    } catch {
      ok = legacyCopy(text, doc);
    }
    setState(ok ? 'copied' : 'error');
    onCopyResult?.(ok);
    clearTimeout(reset.current);
    reset.current = setTimeout(() => setState('idle'), resetAfterMs);
  };

  return (
    <span data-fk="copy" data-state={state}>
      <button data-fk="button" data-variant="secondary" type="button" onClick={copy} {...props}>
        {children}
      </button>
      <span data-fk="copy-status" role="status">
        {state === 'copied' ? copiedLabel : state === 'error' ? failedLabel : ''}
      </span>
    </span>
  );
}
