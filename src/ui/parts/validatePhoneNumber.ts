import { normaliseDigits } from './normaliseDigits.ts';

/** The outcome of a phone number check. */
export interface PhoneValidation {
  /** Whether the number looks usable. */
  valid: boolean;
  /** The number in E.164 (`+442079460958`) when valid. */
  e164?: string;
  /** `shape`: only the E.164 pattern was checked; `full`: the country's calling code and number plan were checked too. */
  level: 'shape' | 'full';
}

interface Region {
  code: string;
  /** The prefix dialled before a national number inside the country ("0" in GB). */
  nationalPrefix: string;
  /** The rule that strips it from a nationally written number, where longer ("0 11 15" in Argentina). */
  prefix: RegExp | undefined;
  /** How the rule's groups rebuild the number (Argentina's mobiles gain a 9). */
  transform: string;
  pattern: RegExp;
}

interface PhonePlan {
  byRegion: Map<string, Region>;
  byCode: Map<string, Region[]>;
}

let plan: PhonePlan | undefined;
let loading: Promise<PhonePlan> | undefined;

function parsePlan(table: string): PhonePlan {
  const byRegion = new Map<string, Region>();
  const byCode = new Map<string, Region[]>();
  for (const row of table.split('\n')) {
    const [region = '', code = '', nationalPrefix = '', forParsing = '', transform = '', pattern = ''] = row.split('\t');
    const prefix = forParsing || nationalPrefix;
    const entry = { code, nationalPrefix, prefix: prefix ? new RegExp(`^(?:${prefix})`) : undefined, transform, pattern: new RegExp(`^(?:${pattern})$`) };
    byRegion.set(region, entry);
    byCode.set(code, [...(byCode.get(code) ?? []), entry]);
  }
  return { byRegion, byCode };
}

/**
 * Loads the number plans (every country's calling code, national prefix and number pattern, about
 * 4.5 kB gzip, generated from libphonenumber-js's metadata) on first use, once per page. The
 * backend checks the number again with the whole of libphonenumber-js.
 */
export function loadPhonePlans(): Promise<unknown> {
  loading ??= import('./phoneMetadata.ts').then((module) => (plan = parsePlan(module.PHONE_METADATA)));
  return loading;
}

/** Strips what people type around numbers (spaces, dashes, dots, brackets) and turns a leading 00 into +. */
export function compactPhoneNumber(raw: string): string {
  const compact = normaliseDigits(raw.trim()).replace(/[\s\-.()\u00a0\u2066-\u2069\u200e\u200f]/g, '');
  return compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
}

/**
 * The cheap check that runs before the number plans have loaded: an E.164 shape, `+` and 7 to 15
 * digits (or, with a default country, 6 to 15 digits without the `+`).
 * @see https://www.itu.int/rec/T-REC-E.164
 */
export function checkPhoneShape(raw: string, defaultCountry?: string): PhoneValidation {
  const compact = compactPhoneNumber(raw);
  if (/^\+[1-9]\d{6,14}$/.test(compact)) return { valid: true, e164: compact, level: 'shape' };
  if (defaultCountry && /^\d{6,15}$/.test(compact)) return { valid: true, level: 'shape' };
  return { valid: false, level: 'shape' };
}

// Without the national prefix, by the region's rule, as libphonenumber-js reads it ("020…" in GB,
// "0 11 15…" in Argentina, whose mobiles then gain a 9).
function withoutNationalPrefix(region: Region, digits: string): string | undefined {
  const match = region.prefix?.exec(digits);
  if (!match) return undefined;
  const rest = digits.slice(match[0].length);
  return region.transform && match[1] !== undefined ? region.transform.replace(/\$(\d)/g, (_, i: string) => match[Number(i)] ?? '') + rest : rest;
}

// The national number in `digits` (written after the calling code, or the national way in the
// region that is first in `regions`): as written, or without the national prefix people keep
// ("+44 (0)20…"). A calling code shared by regions (+1) is read by its main region's rules.
function nationalNumber(regions: Region[], digits: string): string | undefined {
  const fits = (national: string | undefined) => national !== undefined && regions.some((region) => region.pattern.test(national));
  if (fits(digits)) return digits;
  const national = withoutNationalPrefix(regions[0]!, digits);
  return fits(national) ? national : undefined;
}

function checkWithPlan(loaded: PhonePlan, raw: string, defaultCountry?: string): PhoneValidation {
  const compact = compactPhoneNumber(raw);
  const invalid: PhoneValidation = { valid: false, level: 'full' };
  if (compact.length > 32) return invalid;
  if (/^\+\d+$/.test(compact)) {
    // Calling codes are prefix-free: at most one of the first 1–3 digits is a code.
    for (let length = 1; length <= 3; length++) {
      const regions = loaded.byCode.get(compact.slice(1, 1 + length));
      if (!regions) continue;
      const national = nationalNumber(regions, compact.slice(1 + length));
      return national === undefined ? invalid : { valid: true, e164: `+${regions[0]!.code}${national}`, level: 'full' };
    }
    return invalid;
  }
  const region = defaultCountry ? loaded.byRegion.get(defaultCountry.toUpperCase()) : undefined;
  if (!region || !/^\d+$/.test(compact)) return invalid;
  const national = nationalNumber([region], compact);
  return national === undefined ? invalid : { valid: true, e164: `+${region.code}${national}`, level: 'full' };
}

/** The full check when the number plans are loaded, else `undefined`. */
export function checkPhoneNumberSync(raw: string, defaultCountry?: string): PhoneValidation | undefined {
  return plan ? checkWithPlan(plan, raw, defaultCountry) : undefined;
}

/**
 * Checks a phone number against its country's calling code and number plan (loaded on first call)
 * and returns it in E.164, the form the backend expects. Falls back to the shape check if the plans
 * cannot be loaded (offline chunk); the backend validates again anyway.
 */
export async function validatePhoneNumber(raw: string, defaultCountry?: string): Promise<PhoneValidation> {
  try {
    await loadPhonePlans();
  } catch {
    loading = undefined;
    return checkPhoneShape(raw, defaultCountry);
  }
  return checkPhoneNumberSync(raw, defaultCountry) ?? checkPhoneShape(raw, defaultCountry);
}
