import { describe, expect, it } from 'vitest';
import { factorAsks, getNextSetOfUnsatisfiedFactors, isRequirementListSatisfied, signInProgress, type MFARequirementList } from '../../src/protocol/requirements.ts';

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

describe('factorAsks: what sign-in asks of each factor (the settings screen says it)', () => {
  it.each<[string, MFARequirementList, Record<string, string>]>([
    ['nothing required', [{ oneOf: [] }], {}],
    ['a single factor', ['totp'], { totp: 'always' }],
    ['one of two', [{ oneOf: ['totp', 'otp-email'] }], { totp: 'oneOf', 'otp-email': 'oneOf' }],
    ['a oneOf of one is always', [{ oneOf: ['totp'] }], { totp: 'always' }],
    ['each of two', [{ allOfInAnyOrder: ['totp', 'otp-email'] }], { totp: 'always', 'otp-email': 'always' }],
    ['always wins over oneOf, whatever the order', [{ oneOf: ['totp', 'otp-email'] }, 'totp'], { totp: 'always', 'otp-email': 'oneOf' }],
    ['always wins over a later oneOf', ['totp', { oneOf: ['totp', 'otp-phone'] }], { totp: 'always', 'otp-phone': 'oneOf' }],
  ])('%s', (_name, requirements, asks) => {
    expect(factorAsks(requirements)).toEqual(asks);
  });
});

describe('signInProgress: "Step n of m"', () => {
  it.each<[string, MFARequirementList, Record<string, number>, number, number]>([
    ['nothing required', [{ oneOf: [] }], done('emailpassword'), 0, 0],
    ['one of two counts once', [{ oneOf: ['totp', 'otp-email'] }], done('emailpassword'), 1, 0],
    ['each of two counts twice (S3)', [{ allOfInAnyOrder: ['totp', 'otp-email'] }], done('emailpassword'), 2, 0],
    ['each of two, one done', [{ allOfInAnyOrder: ['totp', 'otp-email'] }], done('emailpassword', 'totp'), 2, 1],
    ['the first factor counts when the list names it', ['emailpassword', { oneOf: ['totp', 'otp-email'] }], done('emailpassword'), 2, 1],
    ['a repeated member counts once', [{ allOfInAnyOrder: ['totp', 'totp'] }], done('emailpassword'), 1, 0],
    ['all done', [{ allOfInAnyOrder: ['totp', 'otp-email'] }], done('totp', 'otp-email'), 2, 2],
  ])('%s', (_name, requirements, completed, total, doneCount) => {
    const p = signInProgress(completed, requirements);
    expect({ total: p.total, done: p.done }).toEqual({ total, done: doneCount });
    expect(p.next).toEqual(getNextSetOfUnsatisfiedFactors(completed, requirements));
  });
});
