import { describe, expect, it, vi } from 'vitest';
import { createAuthClient, createBooleanClaim, createMemoryStorage, EmailVerificationClaim, MultiFactorAuthClaim, validateClaims, type AuthClient, type ClaimValidator } from '../../src/core/index.ts';

const NOW = 1_800_000_000_000;
const sec = (ms: number) => Math.floor(ms / 1000);

describe('MultiFactorAuthClaim.validators.hasCompletedMFARequirementsForAuth', () => {
  const validator = MultiFactorAuthClaim.validators.hasCompletedMFARequirementsForAuth();
  it.each([
    ['v true', { 'st-mfa': { c: { emailpassword: 1 }, v: true } }, true, false],
    ['v false', { 'st-mfa': { c: { emailpassword: 1 }, v: false } }, false, false],
    ['claim missing → refresh', {}, false, true],
    ['claim null → refresh', { 'st-mfa': null }, false, true],
    ['unexpected shape (string) → refresh, no crash', { 'st-mfa': 'yes' }, false, true],
    ['v not a boolean → refresh, no crash', { 'st-mfa': { c: {}, v: 'true' } }, false, true],
  ])('%s', (_name, payload, valid, refresh) => {
    expect(validator.validate(payload, NOW).isValid).toBe(valid);
    expect(validator.shouldRefresh(payload, NOW)).toBe(refresh);
  });
});

describe('MultiFactorAuthClaim.validators.hasCompletedFactors', () => {
  const payload = (c: Record<string, number>) => ({ 'st-mfa': { c, v: true } });
  it.each([
    ['one required factor done', ['totp'], { totp: 1 }, undefined, true],
    ['one required factor missing', ['totp'], { emailpassword: 1 }, undefined, false],
    ['oneOf satisfied by either', [{ oneOf: ['totp', 'otp-email'] }], { 'otp-email': 1 }, undefined, true],
    ['allOfInAnyOrder needs all', [{ allOfInAnyOrder: ['totp', 'otp-email'] }], { 'otp-email': 1 }, undefined, false],
    ['empty requirement list passes', [], {}, undefined, true],
    ['empty oneOf passes', [{ oneOf: [] }], {}, undefined, true],
    ['recent enough (within max age)', ['totp'], { totp: sec(NOW) - 100 }, 300, true],
    ['too old for the max age', ['totp'], { totp: sec(NOW) - 301 }, 300, false],
    ['a first factor back-filled in ms counts by its age', ['emailpassword'], { emailpassword: NOW - 10_000 }, 300, true],
  ])('%s', (_name, requirements, c, maxAge, valid) => {
    const validator = MultiFactorAuthClaim.validators.hasCompletedFactors(requirements, { maxAgeInSeconds: maxAge });
    expect(validator.validate(payload(c), NOW).isValid).toBe(valid);
  });

  it('names the factors that would satisfy it, for the redirect', () => {
    const validator = MultiFactorAuthClaim.validators.hasCompletedFactors([{ oneOf: ['totp', 'otp-email'] }]);
    expect(validator.validate(payload({ emailpassword: 1 }), NOW)).toEqual({
      isValid: false,
      reason: expect.objectContaining({ factorIds: ['totp', 'otp-email'], type: 'oneOf' }),
    });
  });
});

describe('EmailVerificationClaim.validators.isVerified', () => {
  const validator = EmailVerificationClaim.validators.isVerified(10);
  it.each([
    ['verified', { 'st-ev': { v: true, t: NOW - 999_999 } }, true, false],
    ['unverified, fetched just now', { 'st-ev': { v: false, t: NOW - 1000 } }, false, false],
    ['unverified, fetched 11 s ago → refetch', { 'st-ev': { v: false, t: NOW - 11_000 } }, false, true],
    ['missing → fetch', {}, false, true],
    ['t missing → fetch, no crash', { 'st-ev': { v: true } }, false, true],
  ])('%s', (_name, payload, valid, refresh) => {
    expect(validator.validate(payload, NOW).isValid).toBe(valid);
    expect(validator.shouldRefresh(payload, NOW)).toBe(refresh);
  });
  it('fails with the reason the backend uses', () => {
    expect(validator.validate({ 'st-ev': { v: false, t: NOW } }, NOW)).toEqual({ isValid: false, reason: { message: 'wrong value', expectedValue: true, actualValue: false } });
  });
});

describe('an app claim built with createBooleanClaim', () => {
  const claim = createBooleanClaim({ id: 'paid', refresh: async () => {} });
  it.each([
    ['true and fresh', { paid: { v: true, t: NOW - 1000 } }, true],
    ['false', { paid: { v: false, t: NOW } }, false],
    ['true but older than maxAge', { paid: { v: true, t: NOW - 61_000 } }, false],
    ['missing', {}, false],
  ])('%s', (_name, payload, valid) => {
    expect(claim.validators.isTrue({ maxAgeInSeconds: 60 }).validate(payload, NOW).isValid).toBe(valid);
  });
});

function offlineClient(claims: Parameters<typeof createAuthClient>[0]['claims']): AuthClient {
  return createAuthClient({ apiDomain: 'http://api.test', storage: createMemoryStorage(), channel: null, locks: null, claims, fetch: () => Promise.reject(new Error('offline')) });
}

describe('global validator order', () => {
  const ids = (client: AuthClient) => client.getGlobalClaimValidators().map((v) => v.claimId);
  it.each([
    ['MFA only by default', undefined, ['st-mfa']],
    ['email verification REQUIRED goes before MFA by default', { emailVerification: { mode: 'REQUIRED' as const } }, ['st-ev', 'st-mfa']],
    ['before MFA, explicitly', { emailVerification: { mode: 'REQUIRED' as const, order: 'beforeMfa' as const } }, ['st-ev', 'st-mfa']],
    ['after MFA', { emailVerification: { mode: 'REQUIRED' as const, order: 'afterMfa' as const } }, ['st-mfa', 'st-ev']],
    ['OPTIONAL adds no validator', { emailVerification: { mode: 'OPTIONAL' as const } }, ['st-mfa']],
    ['MFA off', { mfa: false }, []],
    [
      'an app adds its own claim first',
      { getGlobalClaimValidators: (d: ClaimValidator[]) => [createBooleanClaim({ id: 'paid', refresh: async () => {} }).validators.isTrue(), ...d] },
      ['paid', 'st-mfa'],
    ],
  ])('%s', (_name, claims, expected) => {
    expect(ids(offlineClient(claims))).toEqual(expected);
  });
});

describe('validateClaims', () => {
  function signedInClient(payload: Record<string, unknown>, fetch: typeof globalThis.fetch = () => Promise.reject(new Error('offline'))) {
    const storage = createMemoryStorage();
    storage.setItem('fk.frontToken', Buffer.from(JSON.stringify({ uid: 'u', ate: Date.now() + 60_000, up: payload })).toString('base64'));
    return createAuthClient({ apiDomain: 'http://api.test', storage, channel: null, locks: null, fetch });
  }
  const validator = (id: string, valid: boolean, events: string[], refresh = false): ClaimValidator => ({
    id,
    claimId: id,
    shouldRefresh: () => refresh,
    refresh: async () => void events.push(`refresh ${id}`),
    validate: () => (events.push(`validate ${id}`), valid ? { isValid: true } : { isValid: false, reason: id }),
  });

  it('refreshes every stale value first, then validates all, in order', async () => {
    const events: string[] = [];
    const failures = await validateClaims(signedInClient({}), [validator('a', true, events, true), validator('b', false, events, true), validator('c', false, events)]);
    expect(events).toEqual(['refresh a', 'refresh b', 'validate a', 'validate b', 'validate c']);
    expect(failures?.map((f) => f.validatorId)).toEqual(['b', 'c']);
    expect(failures?.[0]?.onFailure).toEqual({ kind: 'ACCESS_DENIED' });
  });

  it('makes no request when the values are present', async () => {
    const fetch = vi.fn();
    const client = signedInClient({ 'st-mfa': { c: { emailpassword: 1 }, v: true }, 'st-ev': { v: true, t: Date.now() } }, fetch);
    const failures = await validateClaims(client, [EmailVerificationClaim.validators.isVerified(), MultiFactorAuthClaim.validators.hasCompletedMFARequirementsForAuth()]);
    expect(failures).toEqual([]);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('answers undefined without a session', async () => {
    expect(await offlineClient(undefined).validateClaims()).toBeUndefined();
  });
});
