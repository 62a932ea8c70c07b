import { afterAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/server/index.ts';
import {
  createLegacyMfaUser,
  LEGACY_SECOND_FACTOR_CLAIM,
  SEED_PASSWORD,
  seedScenarioList,
  seedScenarios,
  SeedTenants,
  type EmailVerificationOrder,
} from '../../src/testing/index.ts';
import { latestCode, TestClient, testClock } from './helpers.ts';
import {
  callApp,
  createOtp,
  doOtp,
  EV_NOT_DONE,
  failedClaims,
  MFA_NOT_DONE,
  setUpTotp,
  startScenario,
  verifyEmailByLink,
  verifyTotp,
  type Clock,
} from './scenarioHelpers.ts';

/**
 * The seed scenarios S1–S11 (src/testing/seedScenarios.ts) end to end over HTTP: from the first
 * factor through `PUT /auth/mfa/info` to `st-mfa.v === true`, with an app API behind the global
 * claim validators refusing (403) before and answering after.
 */

const MINUTE = 60_000;
let clock: Clock;

/** One backend (and clock) per scenario, shared by its tests: every test uses its own accounts. */
const started = new Map<string, { backend: Backend; clock: Clock }>();
async function start(id: keyof typeof seedScenarios) {
  let entry = started.get(id);
  if (!entry) {
    // Near the real time: TestClient drops cookies whose Expires is past by the real clock.
    const own = testClock(Date.now());
    entry = { backend: await startScenario(id, own), clock: own };
    started.set(id, entry);
  }
  clock = entry.clock;
  return entry.backend;
}
afterAll(async () => {
  for (const { backend } of started.values()) await backend.close();
});

/** What a client with the scenario's validator order fixes first, of the claims an app API refused. */
function firstToFix(failed: string[], order: EmailVerificationOrder | undefined): string {
  const rank = (id: string) => (id === 'st-ev' ? (order === 'afterMfa' ? 1 : 0) : id === 'st-mfa' ? (order === 'afterMfa' ? 0 : 1) : 2);
  return [...failed].sort((a, b) => rank(a) - rank(b))[0]!;
}

describe('the scenario data', () => {
  it('has S1–S11 in order, each with a title, a description and a fresh config per call', () => {
    expect(seedScenarioList.map((s) => s.id)).toEqual(['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'S9', 'S10', 'S11']);
    for (const s of seedScenarioList) {
      expect(s.title.length).toBeGreaterThan(0);
      expect(s.description.length).toBeGreaterThan(80);
      expect(s.config()).not.toBe(s.config());
      expect(s.config()).not.toHaveProperty('appInfo');
    }
  });

  it('says where email verification goes exactly when it is required', () => {
    for (const s of seedScenarioList) {
      const ev = s.config().emailVerification;
      expect(s.emailVerificationOrder !== undefined, s.id).toBe(ev !== undefined && ev !== false && ev.mode === 'REQUIRED');
    }
    expect(seedScenarios.S8.emailVerificationOrder).toBe('beforeMfa');
    expect(seedScenarios.S9.emailVerificationOrder).toBe('afterMfa');
  });
});

describe('S1 TOTP for everyone', () => {
  it('sign-up sets up TOTP (header mode); a later sign-in verifies it (cookie mode)', async () => {
    const b = await start('S1');
    const c = new TestClient(b, 'header');
    expect((await c.signUp('s1@example.com')).body.status).toBe('OK');
    expect(c.mfa).toEqual({ c: { emailpassword: expect.any(Number) }, v: false });
    expect((await callApp(c)).body.claimValidationErrors).toEqual([MFA_NOT_DONE]);
    expect((await c.mfaInfo()).body.factors).toEqual({ next: ['totp'], alreadySetup: ['emailpassword'], allowedToSetup: ['totp'] });
    // Not the required factor: refused before anything is sent.
    expect((await createOtp(c, 's1@example.com')).body).toEqual({
      message: 'invalid claim',
      claimValidationErrors: [{ id: 'st-mfa', reason: 'Not allowed to setup factor that is not in the next set of unsatisfied factors' }],
    });
    const secret = await setUpTotp(c, clock);
    expect(c.mfa).toEqual({ c: { emailpassword: expect.any(Number), totp: expect.any(Number) }, v: true });
    expect(await callApp(c)).toMatchObject({ status: 200, body: { status: 'OK' } });

    clock.advance(2 * MINUTE);
    const later = new TestClient(b, 'cookie');
    await later.signIn('s1@example.com');
    expect(later.mfa?.v).toBe(false);
    expect(failedClaims(await callApp(later))).toEqual(['st-mfa']);
    expect((await later.mfaInfo()).body.factors).toEqual({ next: ['totp'], alreadySetup: ['emailpassword', 'totp'], allowedToSetup: [] });
    await verifyTotp(later, clock, secret);
    expect(later.mfa?.v).toBe(true);
    expect((await callApp(later)).status).toBe(200);
  });
});

describe('S2 TOTP or email OTP', () => {
  it('TOTP alone suffices', async () => {
    const b = await start('S2');
    const c = new TestClient(b);
    await c.signUp('s2-totp@example.com');
    expect(failedClaims(await callApp(c))).toEqual(['st-mfa']);
    expect((await c.mfaInfo()).body.factors).toEqual({ next: ['totp', 'otp-email'], alreadySetup: ['emailpassword'], allowedToSetup: ['otp-email', 'totp'] });
    await setUpTotp(c, clock);
    expect(c.mfa?.v).toBe(true);
    expect(Object.keys(c.mfa!.c)).toEqual(['emailpassword', 'totp']);
    expect((await c.mfaInfo()).body.factors.next).toEqual([]);
    expect((await callApp(c)).status).toBe(200);
  });

  it('email OTP alone suffices, and a returning user is offered only the factor they have', async () => {
    const b = await start('S2');
    const c = new TestClient(b, 'cookie');
    await c.signUp('s2-otp@example.com');
    expect((await c.mfaInfo()).body.emails['otp-email']).toEqual(['s2-otp@example.com']);
    await doOtp(c, 's2-otp@example.com');
    expect(c.mfa?.v).toBe(true);
    expect(Object.keys(c.mfa!.c)).toEqual(['emailpassword', 'otp-email']);
    expect((await callApp(c)).status).toBe(200);

    const later = new TestClient(b, 'cookie');
    await later.signIn('s2-otp@example.com');
    // A set-up factor is in the unsatisfied set: the user must use it, not set up TOTP instead.
    expect((await later.mfaInfo()).body.factors).toEqual({ next: ['otp-email'], alreadySetup: ['emailpassword', 'otp-email'], allowedToSetup: [] });
    expect((await later.request('POST', '/totp/device', {})).body.claimValidationErrors).toEqual([
      { id: 'st-mfa', reason: 'Completed factors in the session does not satisfy the MFA requirements for auth' },
    ]);
    await doOtp(later, 's2-otp@example.com');
    expect((await callApp(later)).status).toBe(200);
  });
});

describe('S3 TOTP and email OTP in any order', () => {
  it.each([
    ['TOTP first', ['totp', 'otp-email']],
    ['email OTP first', ['otp-email', 'totp']],
  ] as const)('%s', async (_name, order) => {
    const b = await start('S3');
    const c = new TestClient(b);
    const email = `s3-${order[0]}@example.com`;
    await c.signUp(email);
    expect((await c.mfaInfo()).body.factors.next).toEqual(['totp', 'otp-email']);
    const [first, second] = order;
    if (first === 'totp') await setUpTotp(c, clock);
    else await doOtp(c, email);
    expect(c.mfa?.v).toBe(false);
    expect(failedClaims(await callApp(c))).toEqual(['st-mfa']);
    expect((await c.mfaInfo()).body.factors.next).toEqual([second]);
    if (second === 'totp') await setUpTotp(c, clock);
    else await doOtp(c, email);
    expect(c.mfa?.v).toBe(true);
    expect((await c.mfaInfo()).body.factors.next).toEqual([]);
    expect((await callApp(c)).status).toBe(200);
  });
});

describe('S4 TOTP, then email OTP', () => {
  it('does not offer email OTP before TOTP, and asks for it after', async () => {
    const b = await start('S4');
    const c = new TestClient(b);
    await c.signUp('s4@example.com');
    expect((await c.mfaInfo()).body.factors).toEqual({ next: ['totp'], alreadySetup: ['emailpassword'], allowedToSetup: ['totp'] });
    const early = await createOtp(c, 's4@example.com');
    expect(early.status).toBe(403);
    expect(early.body.claimValidationErrors).toEqual([{ id: 'st-mfa', reason: 'Not allowed to setup factor that is not in the next set of unsatisfied factors' }]);
    expect(await b.outbox.list({ to: 's4@example.com' })).toEqual([]);
    const secret = await setUpTotp(c, clock);
    expect(c.mfa?.v).toBe(false);
    expect(failedClaims(await callApp(c))).toEqual(['st-mfa']);
    expect((await c.mfaInfo()).body.factors).toEqual({ next: ['otp-email'], alreadySetup: ['emailpassword', 'totp'], allowedToSetup: ['otp-email'] });
    await doOtp(c, 's4@example.com');
    expect(c.mfa?.v).toBe(true);
    expect((await callApp(c)).status).toBe(200);

    clock.advance(2 * MINUTE);
    const later = new TestClient(b, 'cookie');
    await later.signIn('s4@example.com');
    expect((await later.mfaInfo()).body.factors.next).toEqual(['totp']);
    await verifyTotp(later, clock, secret);
    expect((await later.mfaInfo()).body.factors.next).toEqual(['otp-email']);
    await doOtp(later, 's4@example.com');
    expect(later.mfa?.v).toBe(true);
  });
});

describe('S5 opt-in per user', () => {
  it('nothing is asked until the user turns TOTP on; then the next sign-in asks for it', async () => {
    const b = await start('S5');
    const c = new TestClient(b);
    const up = await c.signUp('s5@example.com');
    const userId = up.body.user.id as string;
    expect(c.mfa).toEqual({ c: { emailpassword: expect.any(Number) }, v: true });
    expect((await callApp(c)).status).toBe(200);
    expect((await c.mfaInfo()).body.factors).toEqual({ next: [], alreadySetup: ['emailpassword'], allowedToSetup: ['emailpassword', 'otp-email', 'otp-phone', 'totp', 'webauthn'] });

    // On the settings page: set up an authenticator and turn it on.
    const secret = await setUpTotp(c, clock);
    expect(await b.mfa.getRequiredSecondaryFactorsForUser(userId)).toEqual([]);
    await b.mfa.addToRequiredSecondaryFactorsForUser(userId, 'totp');
    expect(await b.mfa.getRequiredSecondaryFactorsForUser(userId)).toEqual(['totp']);
    expect((await b.metadata.getUserMetadata(userId)).metadata).toEqual({ _supertokens: { requiredSecondaryFactors: ['totp'] } });

    clock.advance(2 * MINUTE);
    const later = new TestClient(b, 'cookie');
    await later.signIn('s5@example.com');
    expect(later.mfa?.v).toBe(false);
    expect(failedClaims(await callApp(later))).toEqual(['st-mfa']);
    expect((await later.mfaInfo()).body.factors).toEqual({ next: ['totp'], alreadySetup: ['emailpassword', 'totp'], allowedToSetup: [] });
    await verifyTotp(later, clock, secret);
    expect((await callApp(later)).status).toBe(200);

    // Turned off again: the next sign-in is password only.
    await b.mfa.removeFromRequiredSecondaryFactorsForUser(userId, 'totp');
    const third = new TestClient(b);
    await third.signIn('s5@example.com');
    expect(third.mfa?.v).toBe(true);
  });

  it('email OTP turned on for one user does not affect another', async () => {
    const b = await start('S5');
    const a = new TestClient(b);
    const id = (await a.signUp('s5-a@example.com')).body.user.id;
    await new TestClient(b).signUp('s5-b@example.com');
    await b.mfa.addToRequiredSecondaryFactorsForUser(id, 'otp-email');
    const a2 = new TestClient(b);
    await a2.signIn('s5-a@example.com');
    expect((await a2.mfaInfo()).body.factors).toEqual({ next: ['otp-email'], alreadySetup: ['emailpassword'], allowedToSetup: ['otp-email'] });
    await doOtp(a2, 's5-a@example.com');
    expect((await callApp(a2)).status).toBe(200);
    const b2 = new TestClient(b);
    await b2.signIn('s5-b@example.com');
    expect(b2.mfa?.v).toBe(true);
  });
});

describe('S6 email OTP for admins only', () => {
  it('the admin (created by setup) must do email OTP; a new user is not asked', async () => {
    const b = await start('S6');
    const [admin] = seedScenarios.S6.accounts!;
    const c = new TestClient(b, 'cookie');
    expect((await c.signIn(admin!.email, admin!.password)).body.status).toBe('OK');
    expect(c.mfa?.v).toBe(false);
    expect((await callApp(c)).body.claimValidationErrors).toEqual([MFA_NOT_DONE]);
    const info = await c.mfaInfo();
    expect(info.body.factors).toEqual({ next: ['otp-email'], alreadySetup: ['emailpassword'], allowedToSetup: ['otp-email'] });
    expect(info.body.emails['otp-email']).toEqual([admin!.email]);
    await doOtp(c, admin!.email);
    expect(c.mfa?.v).toBe(true);
    expect((await callApp(c)).status).toBe(200);

    const user = new TestClient(b);
    await user.signUp('s6-user@example.com');
    expect(user.mfa?.v).toBe(true);
    expect((await user.mfaInfo()).body.factors.next).toEqual([]);
    expect((await callApp(user)).status).toBe(200);
  });

  it('a role granted mid-session takes effect at the next resync', async () => {
    const b = await start('S6');
    const c = new TestClient(b);
    const id = (await c.signUp('s6-promoted@example.com')).body.user.id;
    expect((await callApp(c)).status).toBe(200);
    await b.roles.addRoleToUser('public', id, 'admin');
    expect((await c.mfaInfo()).body.factors.next).toEqual(['otp-email']);
    expect(c.mfa?.v).toBe(false);
    expect(failedClaims(await callApp(c))).toEqual(['st-mfa']);
    await doOtp(c, 's6-promoted@example.com');
    expect((await callApp(c)).status).toBe(200);
  });
});

describe('S7 per tenant', () => {
  it('each tenant lists its own first factors', async () => {
    const b = await start('S7');
    const a = await new TestClient(b, 'header', SeedTenants.A).request('GET', '/loginmethods');
    expect(a.body).toMatchObject({ status: 'OK', emailPassword: { enabled: true }, passwordless: { enabled: false }, firstFactors: ['emailpassword'] });
    const bb = await new TestClient(b, 'header', SeedTenants.B).request('GET', '/loginmethods');
    expect(bb.body).toMatchObject({ status: 'OK', emailPassword: { enabled: true }, passwordless: { enabled: true }, firstFactors: ['emailpassword', 'otp-email'] });
    const cc = await new TestClient(b, 'header', SeedTenants.C).request('GET', '/loginmethods');
    expect(cc.body).toMatchObject({ status: 'OK', emailPassword: { enabled: true }, passwordless: { enabled: true }, firstFactors: ['emailpassword', 'link-email'] });
    expect((await new TestClient(b, 'header', 'tenant-z').request('GET', '/loginmethods')).status).toBe(400);
  });

  it('tenant C signs in with a magic link (no code to type), and needs nothing more', async () => {
    const b = await start('S7');
    const asked = await new TestClient(b, 'header', SeedTenants.C).request('POST', '/signinup/code', { email: 's7-c@example.com' });
    expect(asked.body).toMatchObject({ status: 'OK', flowType: 'MAGIC_LINK' });
    const [mail] = await b.outbox.list({ to: 's7-c@example.com', limit: 1 });
    expect(mail?.userInputCode).toBeUndefined();
    const link = new URL(mail!.link!);
    const other = new TestClient(b, 'header', SeedTenants.C);
    const consumed = await other.request('POST', '/signinup/code/consume', { preAuthSessionId: link.searchParams.get('preAuthSessionId'), linkCode: link.hash.slice(1) });
    expect(consumed.body).toMatchObject({ status: 'OK', createdNewRecipeUser: true });
    expect(other.mfa).toEqual({ c: { 'link-email': expect.any(Number) }, v: true });
  });

  it('tenant A requires email OTP after the password', async () => {
    const b = await start('S7');
    const c = new TestClient(b, 'cookie', SeedTenants.A);
    expect((await c.signUp('s7@example.com')).body.user.tenantIds).toEqual([SeedTenants.A]);
    expect(c.front?.up.tId).toBe(SeedTenants.A);
    expect(c.mfa?.v).toBe(false);
    expect(failedClaims(await callApp(c))).toEqual(['st-mfa']);
    expect((await c.mfaInfo()).body.factors).toEqual({ next: ['otp-email'], alreadySetup: ['emailpassword'], allowedToSetup: ['otp-email'] });
    await doOtp(c, 's7@example.com');
    const [sent] = await b.outbox.list({ to: 's7@example.com', limit: 1 });
    expect(sent).toMatchObject({ tenantId: SeedTenants.A, isFirstFactor: false });
    expect(c.mfa?.v).toBe(true);
    expect((await callApp(c)).status).toBe(200);
  });

  it('tenant B needs nothing more, and also signs in with an email code alone; tenant A does not', async () => {
    const b = await start('S7');
    const c = new TestClient(b, 'header', SeedTenants.B);
    await c.signUp('s7-b@example.com');
    expect(c.front?.up.tId).toBe(SeedTenants.B);
    expect(c.mfa?.v).toBe(true);
    expect((await c.mfaInfo()).body.factors.next).toEqual([]);
    expect((await callApp(c)).status).toBe(200);

    const otp = new TestClient(b, 'header', SeedTenants.B);
    const code = await otp.request('POST', '/signinup/code', { email: 'otp-only@example.com', shouldTryLinkingWithSessionUser: false });
    expect(code.body).toMatchObject({ status: 'OK', flowType: 'USER_INPUT_CODE' });
    const consumed = await otp.request('POST', '/signinup/code/consume', {
      deviceId: code.body.deviceId,
      preAuthSessionId: code.body.preAuthSessionId,
      userInputCode: await latestCode(b, 'otp-only@example.com'),
      shouldTryLinkingWithSessionUser: false,
    });
    expect(consumed.body).toMatchObject({ status: 'OK', createdNewRecipeUser: true });
    expect(otp.mfa).toEqual({ c: { 'otp-email': expect.any(Number) }, v: true });
    expect((await callApp(otp)).status).toBe(200);

    // Email OTP is not a first factor in tenant A: no session may start with it.
    const refused = await new TestClient(b, 'header', SeedTenants.A).request('POST', '/signinup/code', { email: 'otp-only@example.com', shouldTryLinkingWithSessionUser: false });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ message: 'unauthorised' });
    // Accounts belong to their tenant.
    expect((await new TestClient(b, 'header', SeedTenants.A).signIn('s7-b@example.com')).body).toEqual({ status: 'WRONG_CREDENTIALS_ERROR' });
  });
});

describe('S8 email verification before MFA', () => {
  it('verifies the email first (the server refuses the OTP until then), then email OTP', async () => {
    const b = await start('S8');
    const order = seedScenarios.S8.emailVerificationOrder;
    const c = new TestClient(b);
    await c.signUp('s8@example.com');
    expect(c.front?.up['st-ev']).toEqual({ v: false, t: expect.any(Number) });
    const before = await callApp(c);
    expect(before.body.claimValidationErrors).toEqual([EV_NOT_DONE, MFA_NOT_DONE]);
    expect(firstToFix(failedClaims(before), order)).toBe('st-ev');
    expect((await c.mfaInfo()).body.factors.next).toEqual(['otp-email']);
    // The order holds on the server too: linking a second factor needs a verified first factor.
    const early = await createOtp(c, 's8@example.com');
    expect(early.status).toBe(403);
    expect(early.body.claimValidationErrors).toEqual([EV_NOT_DONE]);

    await verifyEmailByLink(c, 's8@example.com');
    expect(c.front?.up['st-ev']).toEqual({ v: true, t: expect.any(Number) });
    expect(c.mfa?.v).toBe(false);
    expect((await callApp(c)).body.claimValidationErrors).toEqual([MFA_NOT_DONE]);
    await doOtp(c, 's8@example.com');
    expect(c.mfa?.v).toBe(true);
    expect((await callApp(c)).status).toBe(200);
  });
});

describe('S9 email verification after MFA', () => {
  it('does TOTP first while the email is unverified, then verifies the email', async () => {
    const b = await start('S9');
    const order = seedScenarios.S9.emailVerificationOrder;
    const c = new TestClient(b, 'cookie');
    await c.signUp('s9@example.com');
    const before = await callApp(c);
    expect(before.body.claimValidationErrors).toEqual([EV_NOT_DONE, MFA_NOT_DONE]);
    expect(firstToFix(failedClaims(before), order)).toBe('st-mfa');
    expect((await c.mfaInfo()).body.factors.next).toEqual(['totp']);
    await setUpTotp(c, clock);
    expect(c.mfa?.v).toBe(true);
    expect(c.front?.up['st-ev'].v).toBe(false);
    expect((await callApp(c)).body.claimValidationErrors).toEqual([EV_NOT_DONE]);

    await verifyEmailByLink(c, 's9@example.com');
    expect((await c.request('GET', '/user/email/verify')).body).toEqual({ status: 'OK', isVerified: true });
    expect(c.front?.up['st-ev'].v).toBe(true);
    expect((await callApp(c)).status).toBe(200);
  });
});

describe('S10 migration from legacy MFA', () => {
  it('the resync links the legacy email-OTP login, so the user completes it instead of setting up a new factor', async () => {
    const b = await start('S10');
    const [legacy] = seedScenarios.S10.accounts!;
    const c = new TestClient(b);
    await c.signIn(legacy!.email, legacy!.password);
    const userId = c.front!.uid;
    expect((await b.users.getUser(userId))!.loginMethods.map((m) => m.recipeId)).toEqual(['emailpassword']);
    expect(failedClaims(await callApp(c))).toEqual(['st-mfa']);

    const info = await c.mfaInfo();
    expect(info.body.factors).toEqual({ next: ['otp-email'], alreadySetup: ['emailpassword', 'otp-email'], allowedToSetup: [] });
    expect(info.body.emails['otp-email']).toEqual([legacy!.email]);
    const user = (await b.users.getUser(userId))!;
    expect(user).toMatchObject({ id: userId, isPrimaryUser: true });
    expect(user.loginMethods.map((m) => m.recipeId)).toEqual(['emailpassword', 'passwordless']);

    const consumed = await doOtp(c, legacy!.email);
    expect(consumed.body).toMatchObject({ createdNewRecipeUser: false, user: { id: userId } });
    expect(c.mfa?.v).toBe(true);
    expect((await callApp(c)).status).toBe(200);
  });

  it('a session that passed the legacy second factor is marked done and not asked again', async () => {
    const b = await start('S10');
    const { userId, passwordlessUserId } = await createLegacyMfaUser(b, { email: 'old@example.com', otpEmail: 'old-otp@example.com' });
    const c = new TestClient(b, 'cookie');
    await c.signIn('old@example.com', SEED_PASSWORD);
    // What the legacy backend had put in this session: the old second-factor claim.
    const legacySession = await b.withSession(
      new Request('http://api.test/app/legacy', { method: 'POST', headers: { rid: 'anti-csrf', cookie: `sAccessToken=${c.cookies.get('sAccessToken')}` } }),
      async (session) => session.mergeIntoAccessTokenPayload({ [LEGACY_SECOND_FACTOR_CLAIM]: true }),
      { overrideGlobalClaimValidators: () => [] },
    );
    c['save'](legacySession.headers);
    expect(c.front?.up[LEGACY_SECOND_FACTOR_CLAIM]).toBe(true);
    const sentBefore = (await b.outbox.list()).length;

    const info = await c.mfaInfo();
    expect(info.body.factors.next).toEqual([]);
    expect(info.body.factors.alreadySetup).toEqual(['emailpassword', 'otp-email']);
    expect(info.body.emails['otp-email']).toEqual(['old-otp@example.com']);
    expect(c.mfa).toEqual({ c: { emailpassword: expect.any(Number), 'otp-email': expect.any(Number) }, v: true });
    expect(c.front?.up).not.toHaveProperty(LEGACY_SECOND_FACTOR_CLAIM);
    expect((await callApp(c)).status).toBe(200);
    expect((await b.outbox.list()).length).toBe(sentBefore);
    expect((await b.users.getUser(passwordlessUserId))!.id).toBe(userId);
  });

  it('a user without legacy data sets the factor up as usual', async () => {
    const b = await start('S10');
    const c = new TestClient(b);
    await c.signUp('new@example.com');
    expect((await c.mfaInfo()).body.factors).toEqual({ next: ['otp-email'], alreadySetup: ['emailpassword'], allowedToSetup: ['otp-email'] });
    await doOtp(c, 'new@example.com');
    expect((await callApp(c)).status).toBe(200);
  });
});

describe('S11 email OTP as email verification', () => {
  it('sends the code only to the sign-up email while it is unverified; the code verifies it', async () => {
    const b = await start('S11');
    const c = new TestClient(b, 'cookie');
    const up = await c.signUp('s11@example.com');
    expect(up.body.user.loginMethods[0].verified).toBe(false);
    expect((await callApp(c)).body.claimValidationErrors).toEqual([EV_NOT_DONE, MFA_NOT_DONE]);
    const info = await c.mfaInfo();
    expect(info.body.factors.next).toEqual(['otp-email']);
    expect(info.body.emails['otp-email']).toEqual(['s11@example.com']);

    const other = await createOtp(c, 'attacker@example.com');
    expect(other.body).toEqual({ status: 'SIGN_IN_UP_NOT_ALLOWED', reason: expect.stringContaining('ERR_CODE_019') });
    expect(await b.outbox.list({ to: 'attacker@example.com' })).toEqual([]);

    await doOtp(c, 's11@example.com');
    expect(c.mfa?.v).toBe(true);
    expect(c.front?.up['st-ev']).toEqual({ v: true, t: expect.any(Number) });
    expect((await callApp(c)).status).toBe(200);
    expect((await c.request('GET', '/user/email/verify')).body).toEqual({ status: 'OK', isVerified: true });
    const user = (await b.users.getUser(c.front!.uid))!;
    expect(user.loginMethods.find((m) => m.recipeId === 'emailpassword')).toMatchObject({ email: 's11@example.com', verified: true });
  });

  it('another address is refused (the same one in other letter case is the same address), and a wrong code verifies nothing', async () => {
    const b = await start('S11');
    const c = new TestClient(b);
    await c.signUp('s11b@example.com');
    expect((await createOtp(c, 's11b-other@example.com')).body.status).toBe('SIGN_IN_UP_NOT_ALLOWED');
    const code = await createOtp(c, 'S11B@Example.com');
    expect(code.body.status).toBe('OK');
    const real = await latestCode(b, 's11b@example.com');
    const wrong = await c.request('POST', '/signinup/code/consume', {
      deviceId: code.body.deviceId,
      preAuthSessionId: code.body.preAuthSessionId,
      userInputCode: real === '000000' ? '111111' : '000000',
      shouldTryLinkingWithSessionUser: true,
    });
    expect(wrong.body).toEqual({ status: 'INCORRECT_USER_INPUT_CODE_ERROR', failedCodeInputAttemptCount: 1, maximumCodeInputAttempts: 5 });
    expect(c.front?.up['st-ev'].v).toBe(false);
    expect((await c.request('GET', '/user/email/verify')).body).toEqual({ status: 'OK', isVerified: false });
  });
});
