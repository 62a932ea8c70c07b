import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** node's default email check, with a length cap. */
export function isValidEmail(value: string): boolean {
  return value.length <= 256 && /^(([^<>()[\]\\.,;:\s@"]+(\.[^<>()[\]\\.,;:\s@"]+)*)|(".+"))@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\])|(([a-zA-Z\-0-9]+\.)+[a-zA-Z]{2,}))$/.test(value);
}

/** node's default password rules; returns the error text or undefined. */
export function passwordError(value: string): string | undefined {
  if (value.length < 8) return 'Password must contain at least 8 characters, including a number';
  if (value.length >= 100) return "Password's length must be lesser than 100 characters";
  if (!/[a-zA-Z]/.test(value)) return 'Password must contain at least one alphabet';
  if (!/[0-9]/.test(value)) return 'Password must contain at least one number';
  return undefined;
}

/** Normalises a phone number to E.164, or undefined when it is not a valid international number. */
export function normalisePhoneNumber(value: string): string | undefined {
  if (value.length > 32) return undefined;
  const parsed = parsePhoneNumberFromString(value.trim());
  return parsed?.isValid() ? parsed.number : undefined;
}
