import { useEffect, useRef, useState } from 'react';
import type { ChangeEvent, FocusEvent } from 'react';
import { TextField } from './TextField.tsx';
import type { TextFieldProps } from './TextField.tsx';
import { checkPhoneNumberSync, checkPhoneShape, validatePhoneNumber } from './validatePhoneNumber.ts';
import type { PhoneValidation } from './validatePhoneNumber.ts';

/** Props of {@link PhoneField}: a {@link TextField} plus the phone check. */
export interface PhoneFieldProps extends Omit<TextFieldProps, 'type'> {
  /** Shown when the number is not valid, once the field has been left (`messages.format('fieldError.phoneInvalid')`). */
  invalidMessage: string;
  /** ISO 3166 country for numbers typed without `+` (e.g. `GB`). Without it, `+` is required. */
  defaultCountry?: string;
  /** Called after each check with its result (`level` says whether the full check ran). */
  onValidityChange?: (result: PhoneValidation) => void;
}

/**
 * A phone number field (`type="tel"`, `autocomplete="tel"`, left to right in every script) that
 * checks the number against its country's calling code and number plan without putting them in
 * the main bundle: the first check (when the field is left) loads the plans (about 5 kB gzip) and
 * uses a cheap E.164 shape check until they arrive, then re-checks. The backend checks again with
 * the whole of libphonenumber-js. Once left, the field re-checks as you type: the
 * error clears as soon as the number is fixed, but a new error waits for the next blur. An `error`
 * prop (e.g. from the backend) wins.
 * At submit, call `validatePhoneNumber(value, defaultCountry)` for the E.164 form.
 */
export function PhoneField({ invalidMessage, defaultCountry, onValidityChange, error, onBlur, onChange, ...props }: PhoneFieldProps) {
  const [touched, setTouched] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const latestValue = useRef('');
  const notify = useRef(onValidityChange);
  notify.current = onValidityChange;
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // "Reward early, punish late": a fix clears the error as you type; a new error waits for blur.
  const apply = (result: PhoneValidation, fromBlur: boolean) => {
    if (result.valid) setInvalid(false);
    else if (fromBlur) setInvalid(true);
    notify.current?.(result);
  };

  const check = (value: string, fromBlur: boolean) => {
    latestValue.current = value;
    if (value.trim() === '') {
      setInvalid(false);
      return;
    }
    const now = checkPhoneNumberSync(value, defaultCountry) ?? checkPhoneShape(value, defaultCountry);
    apply(now, fromBlur);
    if (now.level === 'shape') {
      void validatePhoneNumber(value, defaultCountry).then((full) => {
        // Ignore an answer for text the user has since changed.
        if (!mounted.current || latestValue.current !== value) return;
        apply(full, fromBlur);
      });
    }
  };

  const shownError = error ?? (touched && invalid ? invalidMessage : undefined);

  return (
    <TextField
      type="tel"
      autoComplete="tel"
      inputMode="tel"
      dir="ltr"
      {...props}
      error={shownError}
      onBlur={(event: FocusEvent<HTMLInputElement>) => {
        onBlur?.(event);
        setTouched(true);
        check(event.currentTarget.value, true);
      }}
      onChange={(event: ChangeEvent<HTMLInputElement>) => {
        onChange?.(event);
        if (touched) check(event.currentTarget.value, false);
      }}
    />
  );
}
