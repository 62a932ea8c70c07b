import { useId, useState } from 'react';
import { TextField, type TextFieldProps } from './TextField.tsx';

/** Props of {@link PasswordField}: those of a {@link TextField} (not `type`), plus the button's names. */
export interface PasswordFieldProps extends Omit<TextFieldProps, 'type' | 'action'> {
  /** The button's name while the password is hidden ("Show password"). */
  showLabel: string;
  /** Its name while the password shows ("Hide password"). */
  hideLabel: string;
}

/**
 * A password field with a show/hide button inside its box (`data-fk="input-action"`, an eye icon,
 * `aria-pressed`, 44 px). The rule the password must meet, given as `description`, goes under the
 * input. Showing the text does not move focus out of the field's flow.
 */
export function PasswordField({ showLabel, hideLabel, descriptionPosition = 'end', id, ...props }: PasswordFieldProps) {
  const [shown, setShown] = useState(false);
  const generatedId = useId();
  const inputId = id ?? generatedId;
  return (
    <TextField
      {...props}
      id={inputId}
      type={shown ? 'text' : 'password'}
      descriptionPosition={descriptionPosition}
      // Spell-checkers and autocorrect must not see or change a password shown as text.
      spellCheck={false}
      autoCapitalize="off"
      autoCorrect="off"
      action={
        <button type="button" data-fk="input-action" aria-label={shown ? hideLabel : showLabel} aria-pressed={shown} aria-controls={inputId} disabled={props.disabled} onClick={() => setShown((s) => !s)}>
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
            <path d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12z" />
            <circle cx="12" cy="12" r="3" />
            {shown && <path d="M3 3l18 18" />}
          </svg>
        </button>
      }
    />
  );
}
