import type * as PhoneLibModule from 'libphonenumber-js/min';
import { normaliseDigits } from './normaliseDigits.ts';

/** The outcome of a phone number check. */
export interface PhoneValidation {
  /** Whether the number looks usable. */
  valid: boolean;
  /** The number in E.164 (`+442079460958`) when valid. */
  e164?: string;
  /** `shape`: only the cheap E.164 pattern was checked; `full`: libphonenumber-js checked it. */
  level: 'shape' | 'full';
}

type PhoneLib = typeof PhoneLibModule;

let lib: PhoneLib | undefined;
let loading: Promise<PhoneLib> | undefined;

/**
 * Loads `libphonenumber-js/min` on first use (about 80 kB that most sign-ins never need), once per
 * page. The module cache would dedupe the import anyway; the variable lets later checks run
 * synchronously.
 */
export function loadPhoneLibrary(): Promise<PhoneLib> {
  loading ??= import('libphonenumber-js/min').then((module) => (lib = module));
  return loading;
}

/** Strips what people type around numbers (spaces, dashes, dots, brackets) and turns a leading 00 into +. */
export function compactPhoneNumber(raw: string): string {
  const compact = normaliseDigits(raw.trim()).replace(/[\s\-.()\u00a0\u2066-\u2069\u200e\u200f]/g, '');
  return compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
}

/**
 * The cheap check that runs before the library has loaded: an E.164 shape, `+` and 7 to 15 digits
 * (or, with a default country, 6 to 15 digits without the `+`).
 * @see https://www.itu.int/rec/T-REC-E.164
 */
export function checkPhoneShape(raw: string, defaultCountry?: string): PhoneValidation {
  const compact = compactPhoneNumber(raw);
  if (/^\+[1-9]\d{6,14}$/.test(compact)) return { valid: true, e164: compact, level: 'shape' };
  if (defaultCountry && /^\d{6,15}$/.test(compact)) return { valid: true, level: 'shape' };
  return { valid: false, level: 'shape' };
}

/** Full check with libphonenumber-js when it is loaded, else `undefined`. */
export function checkPhoneNumberSync(raw: string, defaultCountry?: string): PhoneValidation | undefined {
  if (!lib) return undefined;
  const compact = compactPhoneNumber(raw);
  if (compact.length > 32) return { valid: false, level: 'full' };
  const parsed = lib.parsePhoneNumberFromString(compact, defaultCountry as Parameters<PhoneLib['parsePhoneNumberFromString']>[1]);
  return parsed?.isValid() ? { valid: true, e164: parsed.number, level: 'full' } : { valid: false, level: 'full' };
}

/**
 * Checks an international phone number with libphonenumber-js (loaded on first call) and returns
 * it in E.164, the form the backend expects. Falls back to the shape check if the library cannot
 * be loaded (offline chunk); the backend validates again anyway.
 */
export async function validatePhoneNumber(raw: string, defaultCountry?: string): Promise<PhoneValidation> {
  try {
    await loadPhoneLibrary();
  } catch {
    loading = undefined;
    return checkPhoneShape(raw, defaultCountry);
  }
  return checkPhoneNumberSync(raw, defaultCountry) ?? checkPhoneShape(raw, defaultCountry);
}
