import { useId } from 'react';
import type { ChangeEvent, ComponentProps, ReactNode } from 'react';

/** Props of {@link TextField}: those of an `<input>`, plus label, description and error. */
export interface TextFieldProps extends Omit<ComponentProps<'input'>, 'size'> {
  /** The visible label. */
  label: ReactNode;
  /** Help under the label, linked with `aria-describedby`. */
  description?: ReactNode;
  /** An error for this field (from the backend or a check): sets `aria-invalid` and is linked with `aria-describedby`. */
  error?: ReactNode;
  /** Called with the new text on every change. */
  onValueChange?: (value: string) => void;
}

/**
 * A labelled text input (`data-fk="field"` around `data-fk="input"`). Props and `ref` go to the
 * `<input>`; `autoComplete`, `name`, `type`, `inputMode`... pass through unchanged.
 */
export function TextField({ label, description, error, id, onChange, onValueChange, disabled, 'aria-describedby': describedBy, ...props }: TextFieldProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const descriptionId = `${inputId}-description`;
  const errorId = `${inputId}-error`;
  const hasError = error !== undefined && error !== null && error !== false && error !== '';
  const hasDescription = description !== undefined && description !== null && description !== '';
  const describedByIds = [describedBy, hasDescription ? descriptionId : undefined, hasError ? errorId : undefined].filter(Boolean).join(' ');

  return (
    <div data-fk="field" data-invalid={hasError ? '' : undefined} data-disabled={disabled ? '' : undefined}>
      <label data-fk="field-label" htmlFor={inputId}>
        {label}
      </label>
      {hasDescription && (
        <p data-fk="field-description" id={descriptionId}>
          {description}
        </p>
      )}
      <input
        data-fk="input"
        data-invalid={hasError ? '' : undefined}
        id={inputId}
        disabled={disabled}
        aria-invalid={hasError || undefined}
        aria-describedby={describedByIds || undefined}
        onChange={(event: ChangeEvent<HTMLInputElement>) => {
          onChange?.(event);
          onValueChange?.(event.currentTarget.value);
        }}
        {...props}
      />
      {hasError && (
        <p data-fk="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
