import type { ComponentProps, MouseEvent } from 'react';
import { SpinnerIcon } from './SpinnerIcon.tsx';

/** The look of a {@link Button}. */
export const ButtonVariants = {
  PRIMARY: 'primary',
  SECONDARY: 'secondary',
  LINK: 'link',
} as const;

/** One of {@link ButtonVariants}. */
export type ButtonVariants = (typeof ButtonVariants)[keyof typeof ButtonVariants];

/** Props of {@link Button}. */
export interface ButtonProps extends ComponentProps<'button'> {
  /** @default 'primary' */
  variant?: ButtonVariants;
  /**
   * A request is in flight: `data-state="submitting"`, `aria-busy`, a spinner, and clicks (and the
   * form's implicit submission) are ignored. The button stays focusable, unlike `disabled`, so
   * keyboard focus is not lost mid-submit.
   */
  submitting?: boolean;
  /** @default 'button' (pass `type="submit"` for a form's main action) */
  type?: 'button' | 'submit' | 'reset';
}

/** A real `<button>` (`data-fk="button"`, `data-variant`, `data-state="idle|submitting"`, `data-disabled`). */
export function Button({ variant = 'primary', submitting = false, disabled, type = 'button', onClick, children, ...props }: ButtonProps) {
  const handleClick = (event: MouseEvent<HTMLButtonElement>) => {
    // Cancelling the click also cancels a form's implicit submission (Enter in a field).
    if (submitting) {
      event.preventDefault();
      return;
    }
    onClick?.(event);
  };
  return (
    <button
      data-fk="button"
      data-variant={variant}
      data-state={submitting ? 'submitting' : 'idle'}
      data-disabled={disabled || submitting ? '' : undefined}
      aria-busy={submitting || undefined}
      aria-disabled={submitting || undefined}
      type={type}
      disabled={disabled}
      onClick={handleClick}
      {...props}
    >
      {submitting && <SpinnerIcon />}
      {children}
    </button>
  );
}
