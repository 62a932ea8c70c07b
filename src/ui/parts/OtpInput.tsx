import { type CSSProperties, useRef, useState } from 'react';
import type { ChangeEvent, ClipboardEvent, ComponentProps, FocusEvent, ReactNode } from 'react';
import { FieldFrame, useFieldIds } from './FieldFrame.tsx';
import { normaliseDigits } from './normaliseDigits.ts';

/** Props of {@link OtpInput}. Other props and `ref` go to the one `<input>`. */
export interface OtpInputProps extends Omit<ComponentProps<'input'>, 'value' | 'defaultValue' | 'type' | 'maxLength' | 'size'> {
  /** The visible label (`messages.format('otp.codeLabel')`). */
  label: ReactNode;
  /** Help under the label, linked with `aria-describedby`. */
  description?: ReactNode;
  /** An error for the code: sets `aria-invalid`, linked with `aria-describedby`. */
  error?: ReactNode;
  /** Number of digits. @default 6 */
  length?: number;
  /** The digits (controlled). */
  value?: string;
  /** The initial digits (uncontrolled). */
  defaultValue?: string;
  /** Called with the cleaned digits whenever they change. */
  onValueChange?: (value: string) => void;
  /** Called once each time the code becomes complete (all `length` digits), e.g. to submit. */
  onComplete?: (code: string) => void;
}

function clean(text: string, length: number): string {
  return normaliseDigits(text).replace(/\D/g, '').slice(0, length);
}

/**
 * A one-time-code field: ONE `<input autocomplete="one-time-code" inputmode="numeric">` drawn as
 * `length` cells. A single input is what password managers and SMS autofill (iOS, Android) fill in;
 * a row of inputs breaks both. Typing, paste and autofill all go through one cleaner: it keeps
 * digits only (Arabic-Indic and full-width digits count), so "123 456", "123-456" or a whole SMS
 * text paste as "123456".
 *
 * Styling hooks: `data-fk="otp"` (`data-focused`, `data-invalid`, `data-disabled`), `otp-input`,
 * `otp-cell` (`data-state="filled|empty"`, `data-active`), `otp-caret`. The cells are `aria-hidden`;
 * assistive technology reads the input. Codes read left to right in every script (`dir="ltr"`).
 */
export function OtpInput({
  label,
  description,
  error,
  length = 6,
  value,
  defaultValue,
  onValueChange,
  onComplete,
  onChange,
  onPaste,
  onFocus,
  onBlur,
  id,
  disabled,
  'aria-describedby': describedBy,
  ...props
}: OtpInputProps) {
  const ids = useFieldIds({ id, description, error, describedBy });
  const [inner, setInner] = useState(() => clean(defaultValue ?? '', length));
  const [focused, setFocused] = useState(false);
  const completed = useRef<string | null>(null);
  const controlled = value !== undefined;
  const current = clean(controlled ? value : inner, length);


  const commit = (raw: string) => {
    const next = clean(raw, length);
    if (!controlled) setInner(next);
    if (next !== current) onValueChange?.(next);
    if (next.length === length) {
      // Once per code: not again for keystrokes on a full field, but again when the field showed
      // something else (its owner cleared it after a wrong code and the same code is pasted again).
      if (completed.current !== next || current !== next) {
        completed.current = next;
        onComplete?.(next);
      }
    } else {
      completed.current = null;
    }
  };

  const handlePaste = (event: ClipboardEvent<HTMLInputElement>) => {
    onPaste?.(event);
    if (event.defaultPrevented) return;
    const pasted = clean(event.clipboardData.getData('text'), Number.POSITIVE_INFINITY);
    event.preventDefault();
    if (pasted === '') return;
    // A whole code replaces what is there; a fragment goes in at the caret.
    const input = event.currentTarget;
    const start = input.selectionStart ?? current.length;
    const end = input.selectionEnd ?? current.length;
    commit(pasted.length >= length ? pasted : current.slice(0, start) + pasted + current.slice(end));
  };

  const activeIndex = Math.min(current.length, length - 1);

  return (
    <FieldFrame ids={ids} label={label} description={description} error={error} disabled={disabled}>
      <div
        data-fk="otp"
        dir="ltr"
        style={{ '--fk-otp-length': length } as CSSProperties}
        data-focused={focused ? '' : undefined}
        data-invalid={ids.hasError ? '' : undefined}
        data-disabled={disabled ? '' : undefined}
      >
        <input
          data-fk="otp-input"
          id={ids.inputId}
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          autoCorrect="off"
          spellCheck={false}
          dir="ltr"
          disabled={disabled}
          aria-invalid={ids.hasError || undefined}
          aria-describedby={ids.ariaDescribedBy}
          {...props}
          value={current}
          onChange={(event: ChangeEvent<HTMLInputElement>) => {
            onChange?.(event);
            commit(event.currentTarget.value);
          }}
          onPaste={handlePaste}
          onFocus={(event: FocusEvent<HTMLInputElement>) => {
            setFocused(true);
            onFocus?.(event);
          }}
          onBlur={(event: FocusEvent<HTMLInputElement>) => {
            setFocused(false);
            onBlur?.(event);
          }}
        />
        {Array.from({ length }, (_, index) => (
          <div
            key={index}
            data-fk="otp-cell"
            aria-hidden="true"
            data-state={index < current.length ? 'filled' : 'empty'}
            data-active={index === activeIndex ? '' : undefined}
          >
            {current[index] ?? (focused && index === activeIndex ? <span data-fk="otp-caret" /> : null)}
          </div>
        ))}
      </div>
    </FieldFrame>
  );
}
