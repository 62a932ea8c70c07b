import type { ComponentProps } from 'react';

/** Props of {@link SettingsSwitch}. */
export interface SettingsSwitchProps extends Omit<ComponentProps<'button'>, 'onChange' | 'role'> {
  checked: boolean;
  /** The accessible name: what turning it on does (`settings.factorToggle`). */
  label: string;
  /** The visible state words (`settings.factorOn` / `settings.factorOff`). */
  onText: string;
  offText: string;
  /** A change is in flight: `aria-busy`, clicks ignored, focus kept. */
  submitting?: boolean;
  onCheckedChange?: (checked: boolean) => void;
}

/**
 * An on/off switch: a real `<button role="switch" aria-checked>` (`data-fk="switch"`,
 * `data-state="on|off"`), so Space and Enter toggle it and screen readers say "switch, on".
 * A locked switch (required by the organisation) is `aria-disabled` but stays focusable, so its
 * explanation can be read.
 */
export function SettingsSwitch({ checked, label, onText, offText, submitting = false, disabled, onCheckedChange, onClick, ...props }: SettingsSwitchProps) {
  const inert = disabled || submitting;
  return (
    <button
      type="button"
      role="switch"
      data-fk="switch"
      data-state={checked ? 'on' : 'off'}
      data-disabled={inert ? '' : undefined}
      aria-checked={checked}
      aria-label={label}
      aria-disabled={inert || undefined}
      aria-busy={submitting || undefined}
      onClick={(event) => {
        onClick?.(event);
        if (inert || event.defaultPrevented) return;
        onCheckedChange?.(!checked);
      }}
      {...props}
    >
      <span data-fk="switch-track" aria-hidden="true">
        <span data-fk="switch-thumb" />
      </span>
      <span data-fk="switch-text" aria-hidden="true">
        {checked ? onText : offText}
      </span>
    </button>
  );
}
