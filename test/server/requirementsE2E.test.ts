import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend, MFARequirementList } from '../../src/server/index.ts';
import { startBackend, TestClient, testClock } from './helpers.ts';
import { callApp, doOtp, doSmsOtp, setUpTotp, verifyTotp } from './scenarioHelpers.ts';

/**
 * The worked examples of protocol §4.2 (requirement evaluation) and §4.7 (`next` / `allowedToSetup`)
 * end to end: `getMFARequirementsForAuth` returns the example's list, the session completes the
 * example's factors over HTTP, and `PUT /auth/mfa/info` and `st-mfa.v` must say what the table says.
 * f1…f5 are mapped onto real factors: emailpassword (the first factor), totp, otp-email, otp-phone.
 */

const clock = testClock();
const MINUTE = 60_000;
let backend: Backend;
let requirements: MFARequirementList = [];
let n = 0;

beforeAll(async () => {
  backend = await startBackend({
    now: clock.now,
    mfa: { firstFactors: ['emailpassword'], override: { functions: (o) => ({ ...o, getMFARequirementsForAuth: () => structuredClone(requirements) }) } },
  });
});
afterAll(() => backend.close());

type Second = 'totp' | 'otp-email' | 'otp-phone';

/**
 * A user who has set up `setUp` (while nothing was required), then signs in again under
 * `list` and completes `complete` in the new session.
 */
async function signedInUnder(list: MFARequirementList, setUp: Second[], complete: Second[]) {
  const i = ++n;
  const email = `req-${i}@example.com`;
  const phone = `+1415555${String(1000 + i).slice(-4)}`;
  requirements = [];
  const first = new TestClient(backend);
  await first.signUp(email);
  let secret = '';
  for (const f of setUp) {
    if (f === 'totp') secret = await setUpTotp(first, clock);
    if (f === 'otp-email') await doOtp(first, email);
    if (f === 'otp-phone') await doSmsOtp(first, phone);
  }
  clock.advance(2 * MINUTE); // a TOTP code is never valid twice
  requirements = list;
  const c = new TestClient(backend);
  await c.signIn(email);
  for (const f of complete) {
    if (f === 'totp') await verifyTotp(c, clock, secret);
    if (f === 'otp-email') await doOtp(c, email);
    if (f === 'otp-phone') await doSmsOtp(c, phone);
  }
  return c;
}

describe('§4.2 worked examples over HTTP', () => {
  it.each<[string, MFARequirementList, Second[], string[], [number, number, string]]>([
    ['[{oneOf:[]}], emailpassword done', [{ oneOf: [] }], [], [], [0, 0, 'string']],
    ['[{oneOf:[totp, otp-email]}], emailpassword done', [{ oneOf: ['totp', 'otp-email'] }], [], ['totp', 'otp-email'], [1, 0, 'oneOf']],
    ['[f1, {oneOf:[f2,f3]}, f4], f1 done', ['emailpassword', { oneOf: ['totp', 'otp-email'] }, 'otp-phone'], [], ['totp', 'otp-email'], [3, 1, 'oneOf']],
    ['[f1, {allOfInAnyOrder:[f2,f3]}, f4], f1 f2 done', ['emailpassword', { allOfInAnyOrder: ['totp', 'otp-email'] }, 'otp-phone'], ['totp'], ['otp-email'], [4, 2, 'allOfInAnyOrder']],
    ['[{oneOf:[f1,f2]}, {allOfInAnyOrder:[f3,f4]}, f5], f1 f3 done', [{ oneOf: ['emailpassword', 'webauthn'] }, { allOfInAnyOrder: ['totp', 'otp-email'] }, 'otp-phone'], ['totp'], ['otp-email'], [4, 2, 'allOfInAnyOrder']],
    ['[otp-phone, totp], emailpassword totp done (order matters)', ['otp-phone', 'totp'], ['totp'], ['otp-phone'], [2, 1, 'string']],
  ])('%s', async (_name, list, complete, unsatisfied, [total, done, nextType]) => {
    // Every factor is set up beforehand, so `next` is the unsatisfied set itself.
    const c = await signedInUnder(list, ['totp', 'otp-email', 'otp-phone'], complete);
    const info = await c.mfaInfo();
    expect(info.body.factors.next).toEqual(unsatisfied);
    // Our extension: where sign-in stands ("Step done+1 of total") and how `next` is meant.
    expect(info.body.fk).toEqual({ progress: { total, done }, nextType });
    const v = unsatisfied.length === 0;
    expect(c.mfa?.v).toBe(v);
    expect(Object.keys(c.mfa!.c).sort()).toEqual(['emailpassword', ...complete].sort());
    expect((await callApp(c)).status).toBe(v ? 200 : 403);
  });
});

describe('§4.7 next and allowedToSetup for [{oneOf:[totp, otp-email]}]', () => {
  const list: MFARequirementList = [{ oneOf: ['totp', 'otp-email'] }];
  it.each<[string, Second[], string[], string[]]>([
    ['nothing set up', [], ['otp-email', 'totp'], ['totp', 'otp-email']],
    ['totp set up', ['totp'], [], ['totp']],
    ['otp-email and totp set up', ['otp-email', 'totp'], [], ['totp', 'otp-email']],
  ])('%s', async (_name, setUp, allowedToSetup, next) => {
    const c = await signedInUnder(list, setUp, []);
    const info = await c.mfaInfo();
    expect(info.body.factors).toMatchObject({ allowedToSetup, next });
    expect(c.mfa?.v).toBe(false);
  });

  it('after completing either, v is true, next is empty and every secondary factor may be set up', async () => {
    const c = await signedInUnder(list, ['totp'], ['totp']);
    const info = await c.mfaInfo();
    expect(info.body.factors).toEqual({ next: [], alreadySetup: ['emailpassword', 'totp'], allowedToSetup: ['emailpassword', 'otp-email', 'otp-phone', 'totp'] });
    expect(c.mfa?.v).toBe(true);
  });
});
