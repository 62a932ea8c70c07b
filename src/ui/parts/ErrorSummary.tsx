import { useEffect, useRef } from 'react';
import type { ComponentProps, MouseEvent, ReactNode } from 'react';

/** One entry of an {@link ErrorSummary}. */
export interface ErrorSummaryItem {
  /** The `id` of the field in error (TextField's `id` prop). */
  fieldId: string;
  /** The error text, as shown under the field. */
  message: ReactNode;
}

/** Props of {@link ErrorSummary}. */
export interface ErrorSummaryProps extends Omit<ComponentProps<'div'>, 'title'> {
  /** The heading, e.g. `messages.format('errorSummary.title', { count })`. */
  title: ReactNode;
  /** The field errors; nothing renders when empty. */
  errors: readonly ErrorSummaryItem[];
  /** Move focus to the summary whenever the set of errors changes (after a submit). @default true */
  autoFocus?: boolean;
}

/**
 * A list of a form's errors (`data-fk="error-summary"`, `role="alert"`), each a link that moves
 * focus to its field. Useful when a form has several fields; for one error use the field's `error`.
 */
export function ErrorSummary({ title, errors, autoFocus = true, ref, ...props }: ErrorSummaryProps) {
  const own = useRef<HTMLDivElement | null>(null);
  const key = errors.map((e) => `${e.fieldId}:${typeof e.message === 'string' ? e.message : ''}`).join('|');
  useEffect(() => {
    if (autoFocus && key !== '') own.current?.focus();
  }, [autoFocus, key]);

  if (errors.length === 0) return null;

  const focusField = (event: MouseEvent<HTMLAnchorElement>, fieldId: string) => {
    const field = own.current?.ownerDocument.getElementById(fieldId);
    if (!field) return;
    // Focus instead of following the hash, which a router might treat as navigation.
    event.preventDefault();
    field.focus();
  };

  return (
    <div
      data-fk="alert"
      data-tone="error"
      data-variant="error-summary"
      role="alert"
      tabIndex={-1}
      {...props}
      ref={(node) => {
        own.current = node;
        if (typeof ref === 'function') return ref(node);
        if (ref) ref.current = node;
      }}
    >
      <p data-fk="alert-title">{title}</p>
      <ul data-fk="error-summary">
        {errors.map((e) => (
          <li key={e.fieldId}>
            <a href={`#${e.fieldId}`} onClick={(event) => focusField(event, e.fieldId)}>
              {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
