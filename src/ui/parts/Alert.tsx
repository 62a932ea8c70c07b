import type { ComponentProps, ReactNode } from 'react';

/** The kind of an {@link Alert}. */
export const AlertTones = {
  ERROR: 'error',
  WARNING: 'warning',
  SUCCESS: 'success',
  INFO: 'info',
} as const;

/** One of {@link AlertTones}. */
export type AlertTones = (typeof AlertTones)[keyof typeof AlertTones];

/** Props of {@link Alert}. */
export interface AlertProps extends Omit<ComponentProps<'div'>, 'title'> {
  /** @default 'error' */
  tone?: AlertTones;
  /** A short bold first line. */
  title?: ReactNode;
}

/**
 * A message box (`data-fk="alert"`, `data-tone`). Errors are `role="alert"` (announced at once),
 * other tones `role="status"` (announced politely). It has `tabIndex={-1}` so a screen can move
 * focus to it after a failed submit (`ref.current.focus()`).
 */
export function Alert({ tone = 'error', title, children, ...props }: AlertProps) {
  return (
    <div data-fk="alert" data-tone={tone} role={tone === 'error' ? 'alert' : 'status'} tabIndex={-1} {...props}>
      {title !== undefined && title !== null && <p data-fk="alert-title">{title}</p>}
      {children !== undefined && children !== null && <div data-fk="alert-body">{children}</div>}
    </div>
  );
}
