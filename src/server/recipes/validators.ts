import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

// RFC 5322 dot-atom local part (no quoted strings: `"x,victim@example.com"@evil.test` must never reach
// a mailer that may split it) at a host name of LDH labels with an alphabetic top-level label. No IP
// literals, no comments, no whitespace, no non-ASCII (a mailbox we cannot deliver to reliably).
const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]";
const LOCAL = new RegExp(`^${ATEXT}+(?:\\.${ATEXT}+)*$`);
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * Whether a (normalised) value is an email address we send to: stricter than node's default check,
 * which lets quoted local parts and IP literals through. @see SECURITY.md "Email addresses"
 */
export function isValidEmail(value: string): boolean {
  if (value.length > 254) return false;
  const at = value.lastIndexOf('@');
  if (at < 1 || at > 64) return false;
  const labels = value.slice(at + 1).split('.');
  return LOCAL.test(value.slice(0, at)) && labels.length >= 2 && labels.every((l) => LABEL.test(l)) && /^[A-Za-z]{2,63}$|^xn--[A-Za-z0-9-]{1,59}$/.test(labels.at(-1)!);
}

/** One form for every stored or looked-up address: trimmed and lower-cased. */
export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
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
