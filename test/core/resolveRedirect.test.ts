import { describe, expect, it } from 'vitest';
import { DEFAULT_FACTOR_SCREENS, resolveRedirect, type ClaimFailure, type RedirectDecision, type ResolveRedirectInput } from '../../src/core/index.ts';

const mfa: ClaimFailure = { validatorId: 'st-mfa-hasCompletedMFARequirementsForAuth', claimId: 'st-mfa', reason: { message: 'x' }, onFailure: { kind: 'MFA' } };
const ev: ClaimFailure = { validatorId: 'st-ev-isVerified', claimId: 'st-ev', reason: { message: 'wrong value' }, onFailure: { kind: 'VERIFY_EMAIL' } };
const stepUp = (factorIds: string[]): ClaimFailure => ({ validatorId: 'step', claimId: 'st-mfa', reason: { message: 'x', factorIds, type: 'oneOf' }, onFailure: { kind: 'MFA' } });
const role: ClaimFailure = { validatorId: 'role', claimId: 'st-role', reason: { message: 'wrong value' }, onFailure: { kind: 'ACCESS_DENIED' } };
const custom = (path: string): ClaimFailure => ({ validatorId: 'plan', claimId: 'plan', reason: {}, onFailure: { kind: 'PATH', path } });

const base: ResolveRedirectInput = { sessionExists: true, failures: [], factors: DEFAULT_FACTOR_SCREENS, websiteBasePath: '/auth', redirectToPath: '/orders/7?tab=items#x' };
const back = encodeURIComponent('/orders/7?tab=items#x');

describe('resolveRedirect', () => {
  it.each<[string, Partial<ResolveRedirectInput>, RedirectDecision]>([
    ['no session → sign-in, remembering the page', { sessionExists: false }, { type: 'SIGN_IN', to: `/auth?redirectToPath=${back}` }],
    ['no session, hostile target → sign-in without it', { sessionExists: false, redirectToPath: '//evil.example' }, { type: 'SIGN_IN', to: '/auth' }],
    ['all claims pass → back to the page with query and hash', {}, { type: 'SUCCESS', to: '/orders/7?tab=items#x' }],
    ['all pass, no target → default path', { redirectToPath: undefined, defaultPath: '/home' }, { type: 'SUCCESS', to: '/home' }],
    ['all pass, hostile target → /', { redirectToPath: 'https://evil.example' }, { type: 'SUCCESS', to: '/' }],
    ['all pass, target is an auth page → default (no loop)', { redirectToPath: '/auth/mfa/totp' }, { type: 'SUCCESS', to: '/' }],
    ['MFA with one next factor → that screen', { failures: [mfa], mfaNext: ['totp'] }, { type: 'FACTOR', factorId: 'totp', stepUp: false, to: `/auth/mfa/totp?redirectToPath=${back}` }],
    ['MFA with two next factors → chooser listing them', { failures: [mfa], mfaNext: ['totp', 'otp-email'] }, { type: 'CHOOSER', factorIds: ['totp', 'otp-email'], stepUp: false, to: `/auth/mfa?n=totp%2Cotp-email&redirectToPath=${back}` }],
    ['MFA next holds a factor the app lacks → only the enabled one', { failures: [mfa], mfaNext: ['acme-key', 'otp-phone'] }, { type: 'FACTOR', factorId: 'otp-phone', stepUp: false, to: `/auth/mfa/otp-phone?redirectToPath=${back}` }],
    ['MFA with no possible factor → access denied', { failures: [mfa], mfaNext: ['acme-key'] }, { type: 'ACCESS_DENIED', reason: 'NO_FACTOR_POSSIBLE', claimId: 'st-mfa', validatorId: mfa.validatorId }],
    ['MFA with an empty next → access denied', { failures: [mfa], mfaNext: [] }, { type: 'ACCESS_DENIED', reason: 'NO_FACTOR_POSSIBLE', claimId: 'st-mfa', validatorId: mfa.validatorId }],
    ['MFA without info → chooser (it fetches)', { failures: [mfa] }, { type: 'CHOOSER', factorIds: [], stepUp: false, to: `/auth/mfa?redirectToPath=${back}` }],
    ['email verification first → verify email', { failures: [ev, mfa], mfaNext: ['totp'] }, { type: 'VERIFY_EMAIL', to: `/auth/verify-email?redirectToPath=${back}` }],
    ['MFA first → factor, though email is unverified too', { failures: [mfa, ev], mfaNext: ['totp'] }, { type: 'FACTOR', factorId: 'totp', stepUp: false, to: `/auth/mfa/totp?redirectToPath=${back}` }],
    ['step-up for one factor → that screen with stepUp', { failures: [stepUp(['totp'])] }, { type: 'FACTOR', factorId: 'totp', stepUp: true, to: `/auth/mfa/totp?redirectToPath=${back}&stepUp=true` }],
    ['step-up for two factors → chooser with stepUp', { failures: [stepUp(['totp', 'otp-email'])] }, { type: 'CHOOSER', factorIds: ['totp', 'otp-email'], stepUp: true, to: `/auth/mfa?n=totp%2Cotp-email&redirectToPath=${back}&stepUp=true` }],
    ['a custom factor registered by the app', { failures: [mfa], mfaNext: ['biometric'], factors: [...DEFAULT_FACTOR_SCREENS, { id: 'biometric', path: '/mfa/biometric' }] }, { type: 'FACTOR', factorId: 'biometric', stepUp: false, to: `/auth/mfa/biometric?redirectToPath=${back}` }],
    ['an app claim without a target → access denied', { failures: [role] }, { type: 'ACCESS_DENIED', reason: 'CLAIM_FAILED', claimId: 'st-role', validatorId: 'role' }],
    ['an app claim with its own page', { failures: [custom('/upgrade?from=mfa')] }, { type: 'PATH', to: '/upgrade?from=mfa' }],
    ['an app claim with a foreign page → access denied', { failures: [custom('https://evil.example')] }, { type: 'ACCESS_DENIED', reason: 'CLAIM_FAILED', claimId: 'plan', validatorId: 'plan' }],
    ['another base path', { websiteBasePath: '/account/login', failures: [mfa], mfaNext: ['totp'], redirectToPath: '/x' }, { type: 'FACTOR', factorId: 'totp', stepUp: false, to: '/account/login/mfa/totp?redirectToPath=%2Fx' }],
  ])('%s', (_name, input, expected) => {
    expect(resolveRedirect({ ...base, ...input })).toEqual(expected);
  });
});
