/**
 * The ways into an account (login methods and authenticators), who added them, and what may change
 * them: the rules that keep a stolen password, or a stolen session, from becoming the account.
 *
 * - While MFA is incomplete, a new way in (a phone number, an authenticator app, a login) may be added
 *   only while the account has no second factor apart from those this very session added (the first
 *   enrolment every system allows), or after the session proved one of the second factors it had.
 * - Once MFA is complete, adding or removing a way in needs step-up: a factor completed within
 *   `stepUpMaxAgeSeconds` with an authenticator that existed before this session added any. A factor
 *   set up in this session never vouches for another change; the password vouches only while the
 *   account has no second factor.
 * @see SECURITY.md
 */
import { ClaimIds } from '../protocol/claims.ts';
import { FactorIds, RECOVERY_CODE_FACTOR } from '../protocol/factorIds.ts';
import type { MFAClaimValue, MFARequirementList } from '../protocol/requirements.ts';
import type { BackendConfig, MFASettingsOptions, StepUpRefusalReason, StepUpStatus } from './config.ts';
import type { Queryable } from './db/Db.ts';
import { enabledPasswordlessFactors, MFA_CLAIM } from './mfa.ts';
import type { Services } from './services.ts';
import { SessionError } from './session/errors.ts';
import type { SessionContainer } from './session/SessionContainer.ts';
import { getUser, isFakeEmail, type User } from './users.ts';

/**
 * The claim id of a step-up refusal in a 403's `claimValidationErrors`. It is not in the access token:
 * it names the check, so SDKs that read 403s as "invalid claim" handle the refusal like any other.
 */
export const STEP_UP_CLAIM = ClaimIds.STEP_UP;

/** Why a new way in is refused during sign-in (answered with the recipe's NOT_ALLOWED status). */
export class EnrolmentRefusedError extends Error {
  constructor(
    readonly code: 'KNOWN_ADDRESS_ONLY' | 'COMPLETE_EXISTING_FACTORS_FIRST',
    message: string,
  ) {
    super(message);
    this.name = 'EnrolmentRefusedError';
  }
}

/** The settings options with their defaults; throws on values that make no sense. */
export function mfaSettingsOptions(config: BackendConfig): Required<MFASettingsOptions> {
  const o = config.mfa?.settings ?? {};
  const maxAge = o.stepUpMaxAgeSeconds ?? 300;
  if (!Number.isInteger(maxAge) || maxAge < 1) throw new Error('mfa.settings.stepUpMaxAgeSeconds must be a whole number of seconds, at least 1');
  return { enabled: o.enabled ?? true, stepUpMaxAgeSeconds: maxAge, guardLastTotpDeviceRemoval: o.guardLastTotpDeviceRemoval ?? true };
}

/** An account's ways in, and which session added each (null: the account's own, or from before sessions were recorded). */
export interface AccountWays {
  user: User;
  addedBy: Map<string, string | null>;
  totpDevices: { name: string; verified: boolean; addedBy: string | null; createdAt: number }[];
}

/** Loads the session user with who added each login method and TOTP device. */
export async function loadWays(s: Services, userId: string): Promise<AccountWays> {
  const user = await getUser(s.db, userId);
  if (!user) throw SessionError.unauthorised();
  const [methods, devices] = await Promise.all([
    s.db.query<{ recipe_user_id: string; enrolled_session: string | null }>('SELECT recipe_user_id, enrolled_session FROM fk_login_methods WHERE user_id = $1', [user.id]),
    s.config.totp
      ? s.db.query<{ device_name: string; verified: boolean; enrolled_session: string | null; created_at: number }>(
          'SELECT device_name, verified, enrolled_session, created_at FROM fk_totp_devices WHERE user_id = $1 ORDER BY created_at, device_name',
          [user.id],
        )
      : Promise.resolve([]),
  ]);
  return {
    user,
    addedBy: new Map(methods.map((m) => [m.recipe_user_id, m.enrolled_session])),
    totpDevices: devices.map((d) => ({ name: d.device_name, verified: d.verified, addedBy: d.enrolled_session, createdAt: Number(d.created_at) })),
  };
}

/** A login method as a removal sees it under {@link lockLoginMethods}. */
export interface LockedLoginMethod {
  recipeUserId: string;
  recipeId: string;
  /** The ids of its passkeys (a passkey login's). */
  passkeys: string[];
}

/**
 * For removing a way in, inside its transaction: locks the account's login methods until the
 * transaction ends, then reads them and their passkeys. Every removal of a way in (a social login, a
 * passkey) takes this lock first, in one order, so two at once are checked one after the other and
 * cannot deadlock; the passkeys are read by a statement after the lock, so they include what a
 * removal that held it before committed.
 */
export async function lockLoginMethods(tx: Queryable, userId: string): Promise<LockedLoginMethod[]> {
  const methods = await tx.query<{ recipe_user_id: string; recipe_id: string }>('SELECT recipe_user_id, recipe_id FROM fk_login_methods WHERE user_id = $1 ORDER BY recipe_user_id FOR UPDATE', [userId]);
  const passkeys = await tx.query<{ credential_id: string; recipe_user_id: string }>(
    'SELECT c.credential_id, c.recipe_user_id FROM fk_webauthn_credentials c JOIN fk_login_methods lm ON lm.recipe_user_id = c.recipe_user_id WHERE lm.user_id = $1',
    [userId],
  );
  return methods.map((m) => ({ recipeUserId: m.recipe_user_id, recipeId: m.recipe_id, passkeys: passkeys.filter((p) => p.recipe_user_id === m.recipe_user_id).map((p) => p.credential_id) }));
}

/** How many ways in these login methods are: a passkey login counts while it has a passkey. */
export function countWaysIn(methods: LockedLoginMethod[]): number {
  return methods.filter((m) => m.recipeId !== 'webauthn' || m.passkeys.length > 0).length;
}

/** The second factors the account has that this session did not add: verified authenticator apps, and login methods besides the session's own. */
export function secondFactorsBeforeSession(ways: AccountWays, session: SessionContainer): number {
  const here = session.getHandle();
  const devices = ways.totpDevices.filter((d) => d.verified && d.addedBy !== here).length;
  const methods = ways.user.loginMethods.filter((m) => m.recipeUserId !== session.getRecipeUserId() && ways.addedBy.get(m.recipeUserId) !== here).length;
  return devices + methods;
}

/** Whether the account has the address (any login method's email or phone number). */
export function ownsContact(user: User, contact: { email?: string; phoneNumber?: string }): boolean {
  return contact.email !== undefined ? user.emails.includes(contact.email) : user.phoneNumbers.includes(contact.phoneNumber!);
}

/** Whether the contact was on the account before this session added anything (so a code to it proves a factor the account had). */
export function contactBeforeSession(ways: AccountWays, session: SessionContainer, contact: { email?: string; phoneNumber?: string }): boolean {
  const here = session.getHandle();
  return ways.user.loginMethods.some(
    (m) => ways.addedBy.get(m.recipeUserId) !== here && (contact.email !== undefined ? m.email === contact.email : m.phoneNumber === contact.phoneNumber),
  );
}

/** The factors whose completion in this session can vouch for a sensitive change. */
function vouchingFactors(s: Services, ways: AccountWays, session: SessionContainer): string[] {
  const here = session.getHandle();
  const out: string[] = [];
  const pwless = enabledPasswordlessFactors(s.config);
  const before = ways.user.loginMethods.filter((m) => ways.addedBy.get(m.recipeUserId) !== here);
  if (pwless.includes(FactorIds.OTP_EMAIL) && before.some((m) => m.email !== undefined && !isFakeEmail(m.email))) out.push(FactorIds.OTP_EMAIL);
  if (pwless.includes(FactorIds.OTP_PHONE) && before.some((m) => m.phoneNumber !== undefined)) out.push(FactorIds.OTP_PHONE);
  if (s.config.totp && ways.totpDevices.some((d) => d.verified && d.addedBy !== here)) out.push(FactorIds.TOTP);
  if (s.config.webauthn && before.some((m) => m.recipeId === 'webauthn')) out.push(FactorIds.WEBAUTHN);
  if (s.config.emailPassword !== false && ways.user.loginMethods.some((m) => m.recipeId === 'emailpassword') && secondFactorsBeforeSession(ways, session) === 0) {
    out.push(FactorIds.EMAILPASSWORD);
  }
  return out;
}

/** Refuses a session whose MFA is not complete, as the global validator would (403 st-mfa). */
export function assertMfaComplete(session: SessionContainer): void {
  if (session.getClaimValue<MFAClaimValue>(MFA_CLAIM)?.v !== true) {
    throw SessionError.invalidClaims([{ id: MFA_CLAIM, reason: { message: 'MFA requirement for auth is not satisfied' } }]);
  }
}

/** Every factor id a requirement list names. */
export function namedFactors(requirements: MFARequirementList): string[] {
  return [...new Set(requirements.flatMap((r) => (typeof r === 'string' ? [r] : 'oneOf' in r ? r.oneOf : r.allOfInAnyOrder)))];
}

/**
 * Step-up: one of the factors that protect the account now (those `getMFARequirementsForAuth` names
 * for this session that can vouch), or — when none can — any factor that can vouch, was completed in
 * this session within `stepUpMaxAgeSeconds` with an authenticator the account had before this session
 * added any (the session's server-side proofs, not `st-mfa.c`).
 */
export async function stepUpStatus(s: Services, session: SessionContainer, nowMs: number, known?: AccountWays): Promise<StepUpStatus> {
  const maxAgeSeconds = mfaSettingsOptions(s.config).stepUpMaxAgeSeconds;
  const ways = known ?? (await loadWays(s, session.getUserId()));
  const vouching = vouchingFactors(s, ways, session);
  const requirements = await s.mfa.getMFARequirementsForAuth(session);
  const protecting = namedFactors(requirements).filter((f) => vouching.includes(f));
  const factors = protecting.length > 0 ? protecting : vouching;
  const proofs = session.getStepUpProofs();
  const until = Math.max(-Infinity, ...factors.map((f) => proofs[f]).filter((t): t is number => typeof t === 'number').map((t) => (t + maxAgeSeconds) * 1000));
  const satisfied = until > nowMs;
  return { satisfied, maxAgeSeconds, satisfiedUntil: satisfied ? until : null, factors };
}

/**
 * Whether the session used a recovery code within `stepUpMaxAgeSeconds`. Such a session may replace a
 * lost factor (add a way in, remove an authenticator app, make new recovery codes) but nothing else
 * that needs step-up: a recovery code is not a factor the account "has".
 */
export function recoveredRecently(s: Services, session: SessionContainer, nowMs: number): boolean {
  const until = recoveredUntil(s, session);
  return until !== null && until > nowMs;
}

/** Until when (epoch ms) a recovery code used in this session lets it replace a lost factor; null: none used. */
export function recoveredUntil(s: Services, session: SessionContainer): number | null {
  const at = session.getStepUpProofs()[RECOVERY_CODE_FACTOR];
  return typeof at === 'number' ? (at + mfaSettingsOptions(s.config).stepUpMaxAgeSeconds) * 1000 : null;
}

/** The 403 of a refused sensitive change: `claimValidationErrors: [{ id: 'fk-step-up', reason }]`. */
export function stepUpRequired(status: StepUpStatus): SessionError {
  const reason: StepUpRefusalReason = { message: 'Verify a factor again to make this change', factors: status.factors, maxAgeSeconds: status.maxAgeSeconds };
  return SessionError.invalidClaims([{ id: STEP_UP_CLAIM, reason }]);
}

/** Throws the `fk-step-up` 403 unless the session has re-verified recently. */
export async function requireStepUp(s: Services, session: SessionContainer, nowMs: number, ways?: AccountWays): Promise<void> {
  const status = await stepUpStatus(s, session, nowMs, ways);
  if (!status.satisfied) throw stepUpRequired(status);
}

/**
 * Checks that the session may add a new way in now. During sign-in (MFA incomplete): the first
 * enrolment, or after proving a second factor the account had; else `EnrolmentRefusedError`. With a
 * complete session: step-up or a recovery code used recently, else the `fk-step-up` 403.
 */
export async function assertMayAddWayIn(s: Services, session: SessionContainer, nowMs: number, known?: AccountWays): Promise<void> {
  const ways = known ?? (await loadWays(s, session.getUserId()));
  const complete = session.getClaimValue<MFAClaimValue>(MFA_CLAIM)?.v === true;
  if (!complete && secondFactorsBeforeSession(ways, session) === 0) return;
  if (complete && recoveredRecently(s, session, nowMs)) return;
  const status = await stepUpStatus(s, session, nowMs, ways);
  if (status.satisfied) return;
  if (complete) throw stepUpRequired(status);
  throw new EnrolmentRefusedError('COMPLETE_EXISTING_FACTORS_FIRST', 'Complete a factor this account already has before adding a new one');
}
