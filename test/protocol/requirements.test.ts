import { describe, expect, it } from 'vitest';
import { getNextSetOfUnsatisfiedFactors, isRequirementListSatisfied, type MFARequirementList } from '../../src/protocol/requirements.ts';

/** `c` of `st-mfa` with these factors completed (the times do not matter, only the keys). */
const done = (...factors: string[]) => Object.fromEntries(factors.map((f, i) => [f, 1_700_000_000 + i]));

describe('getNextSetOfUnsatisfiedFactors: the worked examples of protocol §4.2', () => {
  it.each<[string, MFARequirementList, Record<string, number>, string[], 'string' | 'oneOf' | 'allOfInAnyOrder', boolean]>([
    ['default, nothing required', [{ oneOf: [] }], done('emailpassword'), [], 'string', true],
    ['one of two, none done', [{ oneOf: ['totp', 'otp-email'] }], done('emailpassword'), ['totp', 'otp-email'], 'oneOf', false],
    ['string, oneOf, string: the first unsatisfied item decides', ['f1', { oneOf: ['f2', 'f3'] }, 'f4'], done('f1'), ['f2', 'f3'], 'oneOf', false],
    ['allOfInAnyOrder returns only the members not done', ['f1', { allOfInAnyOrder: ['f2', 'f3'] }, 'f4'], done('f1', 'f2'), ['f3'], 'allOfInAnyOrder', false],
    ['oneOf met, allOfInAnyOrder half done', [{ oneOf: ['f1', 'f2'] }, { allOfInAnyOrder: ['f3', 'f4'] }, 'f5'], done('f1', 'f3'), ['f4'], 'allOfInAnyOrder', false],
    ['order matters: a later item done does not help', ['otp-phone', 'totp'], done('emailpassword', 'totp'), ['otp-phone'], 'string', false],
  ])('%s', (_name, requirements, completed, factorIds, type, v) => {
    expect(getNextSetOfUnsatisfiedFactors(completed, requirements)).toEqual({ factorIds, type });
    expect(isRequirementListSatisfied(completed, requirements)).toBe(v);
  });
});

describe('getNextSetOfUnsatisfiedFactors: edge cases', () => {
  it.each<[string, MFARequirementList, Record<string, number | undefined>, string[], boolean]>([
    ['an empty list', [], {}, [], true],
    ['an empty list, factors done', [], done('emailpassword', 'totp'), [], true],
    ['empty oneOf', [{ oneOf: [] }], {}, [], true],
    ['empty allOfInAnyOrder', [{ allOfInAnyOrder: [] }], {}, [], true],
    ['empty groups are skipped, the next item decides', [{ oneOf: [] }, { allOfInAnyOrder: [] }, 'totp'], {}, ['totp'], false],
    ['a single string not done', ['totp'], done('emailpassword'), ['totp'], false],
    ['a single string done', ['totp'], done('emailpassword', 'totp'), [], true],
    ['the same string twice: done once counts for both', ['totp', 'totp'], done('totp'), [], true],
    ['the same string twice, not done: asked once', ['totp', 'totp'], {}, ['totp'], false],
    ['duplicates inside oneOf are removed', [{ oneOf: ['totp', 'totp', 'otp-email'] }], {}, ['totp', 'otp-email'], false],
    ['duplicates inside allOfInAnyOrder are removed', [{ allOfInAnyOrder: ['totp', 'otp-email', 'totp'] }], {}, ['totp', 'otp-email'], false],
    ['oneOf: any member done is enough', [{ oneOf: ['totp', 'otp-email'] }], done('otp-email'), [], true],
    ['allOfInAnyOrder: all done', [{ allOfInAnyOrder: ['totp', 'otp-email'] }], done('otp-email', 'totp'), [], true],
    ['unknown factor ids are plain names', ['my-custom-factor'], done('emailpassword'), ['my-custom-factor'], false],
    ['an unknown factor done satisfies it', [{ oneOf: ['biometric', 'totp'] }], done('biometric'), [], true],
    ['a completed key with an undefined time is not done', ['totp'], { totp: undefined }, ['totp'], false],
    ['a completion time of 0 still counts (only the key matters)', ['totp'], { totp: 0 }, [], true],
    ['order kept: members are returned in the order given', [{ allOfInAnyOrder: ['c', 'a', 'b'] }], done('a'), ['c', 'b'], false],
    ['a factor done for a later item does not skip an earlier one', ['otp-email', { oneOf: ['totp'] }], done('totp'), ['otp-email'], false],
  ])('%s', (_name, requirements, completed, factorIds, v) => {
    expect(getNextSetOfUnsatisfiedFactors(completed, requirements).factorIds).toEqual(factorIds);
    expect(isRequirementListSatisfied(completed, requirements)).toBe(v);
  });

  it('does not change its inputs', () => {
    const requirements: MFARequirementList = ['f1', { oneOf: ['f2', 'f2'] }];
    const completed = done('f1');
    const copy = structuredClone({ requirements, completed });
    const result = getNextSetOfUnsatisfiedFactors(completed, requirements);
    result.factorIds.push('x');
    expect({ requirements, completed }).toEqual(copy);
  });
});
