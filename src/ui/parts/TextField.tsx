import { useImperativeHandle, useRef, type ChangeEvent, type ComponentProps, type ReactNode } from 'react';
import { useFocusOnArrival } from './focusOnArrival.ts';
import { FieldFrame, useFieldIds } from './FieldFrame.tsx';

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
  /** Where the description goes: under the label, or under the input (a rule the text must meet). @default 'start' */
  descriptionPosition?: 'start' | 'end';
  /** A button inside the input's box, at its end (show/hide a password, say). */
  action?: ReactNode;
}

/**
 * A labelled text input (`data-fk="field"` around `data-fk="input"`). Props and `ref` go to the
 * `<input>`; `autoComplete`, `name`, `type`, `inputMode`... pass through unchanged. `autoFocus`
 * focuses it once the screen is painted, unless focus moved meanwhile.
 */
export function TextField({ label, description, error, id, onChange, onValueChange, disabled, descriptionPosition, action, autoFocus, ref, 'aria-describedby': describedBy, ...props }: TextFieldProps) {
  const ids = useFieldIds({ id, description, error, describedBy });
  const own = useRef<HTMLInputElement | null>(null);
  useImperativeHandle(ref, () => own.current!, []);
  useFocusOnArrival(own, autoFocus);
  const input = (
    <input
        ref={own}
        data-fk="input"
        data-invalid={ids.hasError ? '' : undefined}
        id={ids.inputId}
        disabled={disabled}
        aria-invalid={ids.hasError || undefined}
        aria-describedby={ids.ariaDescribedBy}
        onChange={(event: ChangeEvent<HTMLInputElement>) => {
          onChange?.(event);
          onValueChange?.(event.currentTarget.value);
        }}
        {...props}
      />
  );
  return (
    <FieldFrame ids={ids} label={label} description={description} error={error} disabled={disabled} descriptionPosition={descriptionPosition}>
      {action === undefined || action === null ? (
        input
      ) : (
        <div data-fk="input-group">
          {input}
          {action}
        </div>
      )}
    </FieldFrame>
  );
}
