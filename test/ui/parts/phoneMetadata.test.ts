import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import examples from 'libphonenumber-js/mobile/examples';
import { getCountries, getExampleNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { phoneMetadataSource } from '../../../scripts/phone-metadata.ts';
import { validatePhoneNumber } from '../../../src/ui/parts/validatePhoneNumber.ts';

/**
 * The browser's phone check is a table generated from libphonenumber-js (the backend runs the
 * library itself). It may let through a number the backend then refuses, but must never refuse
 * one the backend would take.
 */
describe('the number plans', () => {
  it('are generated from the installed libphonenumber-js (run `npx tsx scripts/phone-metadata.ts` when this fails)', () => {
    expect(readFileSync(new URL('../../../src/ui/parts/phoneMetadata.ts', import.meta.url), 'utf8')).toBe(phoneMetadataSource());
  });

  it("take every country's example mobile number, written internationally and nationally, as libphonenumber-js does", async () => {
    const wrong: string[] = [];
    for (const region of getCountries()) {
      const number = getExampleNumber(region, examples);
      if (!number) continue;
      const international = await validatePhoneNumber(number.formatInternational());
      const national = await validatePhoneNumber(number.formatNational(), region);
      if (international.e164 !== number.number || national.e164 !== number.number) wrong.push(`${region}: ${number.formatNational()} → ${national.e164}`);
    }
    expect(getCountries().length).toBeGreaterThan(200);
    expect(wrong).toEqual([]);
  });

  it('never refuse a number libphonenumber-js calls valid (random numbers in eleven plans)', async () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const refused: string[] = [];
    let valid = 0;
    for (let i = 0; i < 6000; i++) {
      const code = ['1', '44', '33', '49', '971', '91', '86', '7', '55', '234', '54'][i % 11]!;
      const digits = Array.from({ length: 6 + Math.floor(random() * 8) }, () => Math.floor(random() * 10)).join('');
      const raw = `+${code}${digits}`;
      if (!parsePhoneNumberFromString(raw)?.isValid()) continue;
      valid++;
      if (!(await validatePhoneNumber(raw)).valid) refused.push(raw);
    }
    expect(valid).toBeGreaterThan(300);
    expect(refused).toEqual([]);
  });

  it.each([
    ['+44 (0)20 7946 0958', undefined, '+442079460958'],
    ['011 15-2345-6789', 'AR', '+5491123456789'],
    ['8 029 491-19-11', 'BY', '+375294911911'],
    ['(201) 555-0123', 'US', '+12015550123'],
  ])('read %s (%s) as %s', async (raw, region, e164) => {
    expect(await validatePhoneNumber(raw, region)).toEqual({ valid: true, e164, level: 'full' });
  });

  it.each([
    ['+44 20 7946 095', 'a digit short'],
    ['+1 055 555 0123', 'no US area code starts with 0'],
    ['+999 1234 5678', 'no such calling code'],
    ['+33 6 12 34 56 78 9', 'a digit too many'],
  ])('refuse %s (%s)', async (raw) => {
    expect(await validatePhoneNumber(raw)).toEqual({ valid: false, level: 'full' });
  });
});
