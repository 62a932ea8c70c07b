import { describe, expect, it } from 'vitest';
import { codeOutcome, stepUpFactorsOf } from '../../../src/core/index.ts';

const NOW = 1_000_000;

describe('codeOutcome: every code answer, one reading', () => {
  it.each([
    ['OK', { status: 'OK' }, { kind: 'ok' }],
    ['OTP wrong', { status: 'INCORRECT_USER_INPUT_CODE_ERROR', failedCodeInputAttemptCount: 2, maximumCodeInputAttempts: 5 }, { kind: 'wrong', attemptsLeft: 3 }],
    ['OTP expired', { status: 'EXPIRED_USER_INPUT_CODE_ERROR', failedCodeInputAttemptCount: 1, maximumCodeInputAttempts: 5 }, { kind: 'expired', attemptsLeft: 4 }],
    ['OTP gone', { status: 'RESTART_FLOW_ERROR' }, { kind: 'restart' }],
    ['TOTP wrong', { status: 'INVALID_TOTP_ERROR', currentNumberOfFailedAttempts: 4, maxNumberOfFailedAttempts: 5 }, { kind: 'wrong', attemptsLeft: 1 }],
    ['TOTP wrong, counters missing', { status: 'INVALID_TOTP_ERROR' }, { kind: 'wrong', attemptsLeft: undefined }],
    ['TOTP wrong, more used than allowed', { status: 'INVALID_TOTP_ERROR', currentNumberOfFailedAttempts: 7, maxNumberOfFailedAttempts: 5 }, { kind: 'wrong', attemptsLeft: 0 }],
    ['TOTP lockout', { status: 'LIMIT_REACHED_ERROR', retryAfterMs: 90_000 }, { kind: 'locked', until: NOW + 90_000 }],
    ['TOTP lockout, negative wait', { status: 'LIMIT_REACHED_ERROR', retryAfterMs: -5 }, { kind: 'locked', until: NOW }],
    ['device gone', { status: 'UNKNOWN_DEVICE_ERROR' }, { kind: 'unknownDevice' }],
    ['wrong-code budget spent', { status: 'SIGN_IN_UP_NOT_ALLOWED', reason: 'Too many wrong codes. (FK_RATE_LIMITED)', retryAfterMs: 60_000, retryAt: NOW + 60_000 }, { kind: 'locked', until: NOW + 60_000 }],
    ['refused for a reason', { status: 'SIGN_IN_UP_NOT_ALLOWED', reason: 'Not for this account. (ERR_CODE_002)' }, { kind: 'refused', refusal: { code: undefined, retryAt: undefined, text: 'Not for this account. (ERR_CODE_002)' } }],
    ['a backend override', { status: 'GENERAL_ERROR', message: 'Maintenance.' }, { kind: 'refused', refusal: { code: undefined, retryAt: undefined, text: 'Maintenance.' } }],
    ['step-up', { status: 'INVALID_CLAIM', claimValidationErrors: [{ id: 'fk-step-up', reason: { factors: ['totp'], maxAgeSeconds: 300 } }] }, { kind: 'stepUp', factors: ['totp'] }],
    ['another claim', { status: 'INVALID_CLAIM', claimValidationErrors: [{ id: 'st-mfa', reason: 'Not allowed' }] }, { kind: 'refused', refusal: { code: undefined, retryAt: undefined, text: undefined } }],
  ])('%s', (_name, answer, expected) => {
    expect(codeOutcome(answer, NOW)).toEqual(expected);
  });

  it.each([
    [{ status: 'OK' }, undefined],
    [{ status: 'INVALID_CLAIM', claimValidationErrors: [{ id: 'st-ev', reason: {} }] }, undefined],
    [{ status: 'INVALID_CLAIM', claimValidationErrors: [{ id: 'fk-step-up', reason: { factors: ['otp-email', 7, 'totp'] } }] }, ['otp-email', 'totp']],
    [{ status: 'INVALID_CLAIM', claimValidationErrors: [{ id: 'fk-step-up' }] }, []],
    [{ status: 'INVALID_CLAIM', claimValidationErrors: 'nonsense' }, undefined],
  ])('stepUpFactorsOf(%j)', (answer, expected) => {
    expect(stepUpFactorsOf(answer)).toEqual(expected);
  });
});
