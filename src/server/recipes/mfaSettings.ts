/**
 * The MFA settings API: OUR EXTENSION of the SuperTokens FDI (supertokens-node has no such API; its
 * docs ask every app to write one). A signed-in user with a complete MFA session reads which factors
 * are set up and required, turns factors on and off for their own account, and re-verifies (step-up)
 * before changes that weaken their MFA. The same step-up guards `POST /totp/device/remove` of the last
 * verified TOTP device. Paths live under `{apiBasePath}/fk/` so they never collide with FDI paths.
 * @see README.md "Protocol extensions"
 */
import { z } from 'zod';
import { FactorIds } from '../../protocol/factorIds.ts';
import { factorAsks } from '../../protocol/requirements.ts';
import type { BackendConfig, MFASettingsApi, MFASettingsResponse, RequiredFactorChangeResult } from '../config.ts';
import { availableSecondaryFactors } from '../mfa.ts';
import { notifyAccount } from '../notices.ts';
import { parseBody, type Route } from '../router.ts';
import type { Services } from '../services.ts';
import { BadInputError, SessionError } from '../session/errors.ts';
import type { SessionContainer } from '../session/SessionContainer.ts';
import { getUser, isFakeEmail } from '../users.ts';
import { recoveryCodeStatus } from './recoveryCodes.ts';
import { assertMfaComplete, loadWays, mfaSettingsOptions, namedFactors, recoveredRecently, recoveredUntil, requireStepUp, stepUpRequired, stepUpStatus } from '../waysIn.ts';

export { assertMfaComplete, mfaSettingsOptions, STEP_UP_CLAIM } from '../waysIn.ts';

/** Path of the settings API after the API base path. */
export const MFA_SETTINGS_PATH = '/fk/mfa/settings';

/**
 * The factors a user can turn on and off: the enabled secondary factors except email + password,
 * which is a first factor in every flow the kit offers.
 */
export function manageableFactors(config: BackendConfig): string[] {
  return availableSecondaryFactors(config).filter((f) => f !== FactorIds.EMAILPASSWORD);
}

const EMAIL_FACTORS: string[] = [FactorIds.OTP_EMAIL, FactorIds.LINK_EMAIL];
const PHONE_FACTORS: string[] = [FactorIds.OTP_PHONE, FactorIds.LINK_PHONE];

/** What the user has: factors set up, and which factors they could complete now without a setup step. */
async function userFacts(s: Services, session: SessionContainer) {
  const user = await getUser(s.db, session.getUserId());
  if (!user) throw SessionError.unauthorised();
  const setUp = await s.mfa.functions.getFactorsSetupForUser({ user });
  const hasEmail = user.emails.some((e) => !isFakeEmail(e));
  const hasPhone = user.phoneNumbers.length > 0;
  // An OTP to an email or phone the account already has needs no setup: the code proves it (seed: "otp-email").
  const usable = (f: string) => setUp.includes(f) || (EMAIL_FACTORS.includes(f) && hasEmail) || (PHONE_FACTORS.includes(f) && hasPhone);
  return { setUp, usable };
}


/**
 * Removes the user's devices that were created and never verified within the lifetime (abandoned
 * set-ups must not pile up, nor a secret that was shown long ago become a way in later).
 */
export async function dropStaleTotpDevices(s: Services, userId: string, nowMs: number): Promise<void> {
  if (!s.config.totp) return;
  await s.db.query('DELETE FROM fk_totp_devices WHERE user_id = $1 AND NOT verified AND created_at < $2', [userId, unverifiedTotpCutoff(s, nowMs)]);
}

/** Unverified devices created before this (epoch ms) are abandoned set-ups. */
export function unverifiedTotpCutoff(s: Services, nowMs: number): number {
  return nowMs - ((s.config.totp ? s.config.totp.unverifiedDeviceLifetimeSeconds : undefined) ?? 3600) * 1000;
}

async function getSettings(s: Services, session: SessionContainer, nowMs: number): Promise<MFASettingsResponse> {
  // The same resync as `PUT /mfa/info` (with its override): a stale claim is brought up to date first.
  const info = await s.mfa.apis.resyncSessionAndFetchMFAInfoPUT({ session });
  assertMfaComplete(session);
  const userId = session.getUserId();
  const facts = await userFacts(s, session);
  const forUser = await s.mfa.functions.getRequiredSecondaryFactorsForUser({ userId });
  const forTenant = (await s.tenants.get(session.getTenantId()))?.requiredSecondaryFactors ?? [];
  await dropStaleTotpDevices(s, userId, nowMs);
  const devices = s.config.totp
    ? await s.db.query<{ device_name: string; verified: boolean; created_at: number; last_used_at: number | null }>(
        'SELECT device_name, verified, created_at, last_used_at FROM fk_totp_devices WHERE user_id = $1 ORDER BY created_at, device_name',
        [userId],
      )
    : [];
  // "Last used" of the factors that are a contact (codes by email or text) or devices (apps).
  const contacts = await s.db.query<{ email: string | null; phone_number: string | null; last_used_at: number | null }>(
    "SELECT email, phone_number, last_used_at FROM fk_login_methods WHERE user_id = $1 AND recipe_id = 'passwordless'",
    [userId],
  );
  const latest = (values: (number | null)[]): number | null => {
    const known = values.filter((v): v is number => v !== null).map(Number);
    return known.length > 0 ? Math.max(...known) : null;
  };
  const byEmail = latest(contacts.filter((c) => c.email !== null).map((c) => c.last_used_at));
  const byPhone = latest(contacts.filter((c) => c.phone_number !== null).map((c) => c.last_used_at));
  const lastUsed: Record<string, number | null> = {
    [FactorIds.OTP_EMAIL]: byEmail,
    [FactorIds.LINK_EMAIL]: byEmail,
    [FactorIds.OTP_PHONE]: byPhone,
    [FactorIds.LINK_PHONE]: byPhone,
    [FactorIds.TOTP]: latest(devices.map((d) => d.last_used_at)),
  };
  const stepUp = await stepUpStatus(s, session, nowMs);
  // What sign-in really asks, by the app's rule (an override included), not only the stored lists;
  // and what it would ask had the user turned nothing on: that part is not theirs to turn off.
  const asks = factorAsks(await s.mfa.getMFARequirementsForAuth(session));
  const imposed = factorAsks(await s.mfa.requirementsWithoutUsersChoice(session));
  return {
    status: 'OK',
    factors: manageableFactors(s.config).map((id) => {
      const asked = asks[id] ?? 'no';
      return {
        id,
        setUp: facts.setUp.includes(id),
        canBeRequired: facts.usable(id),
        requiredForUser: forUser.includes(id),
        requiredForTenant: forTenant.includes(id),
        allowedToSetup: info.factors.allowedToSetup.includes(id),
        askedAtSignIn: asked,
        ...(asked !== 'no' && { askedBecause: imposed[id] === undefined ? ('user' as const) : forTenant.includes(id) ? ('tenant' as const) : ('policy' as const) }),
        ...(id in lastUsed && { lastUsedAt: lastUsed[id] }),
      };
    }),
    requiredSecondaryFactorsForUser: forUser,
    requiredSecondaryFactorsForTenant: forTenant,
    totpDevices: devices.map((d) => ({ name: d.device_name, verified: d.verified, createdAt: Number(d.created_at), lastUsedAt: d.last_used_at === null ? null : Number(d.last_used_at) })),
    emails: info.emails,
    phoneNumbers: info.phoneNumbers,
    stepUp: { maxAgeSeconds: stepUp.maxAgeSeconds, satisfiedUntil: stepUp.satisfiedUntil, factors: stepUp.factors, recoveredUntil: recoveredUntil(s, session) },
    recoveryCodes: await recoveryCodeStatus(s, userId),
  };
}

/**
 * Turning on is guarded only while the account already has a requirement: under the default rule
 * (`oneOf` user ∪ tenant) a new factor is one more way in, so it needs the consent of a factor that
 * protects the account now. With nothing required yet, turning a factor on can only add a challenge.
 */
async function addRequiredFactor(s: Services, session: SessionContainer, factorId: string, nowMs: number): Promise<RequiredFactorChangeResult> {
  const manageable = manageableFactors(s.config);
  if (!manageable.includes(factorId)) throw new BadInputError(`factorId must be one of: ${manageable.join(', ')}`);
  const userId = session.getUserId();
  const facts = await userFacts(s, session);
  if (!facts.usable(factorId)) return { status: 'FACTOR_SETUP_REQUIRED', factorId };
  const current = await s.mfa.functions.getRequiredSecondaryFactorsForUser({ userId });
  if (current.includes(factorId)) return { status: 'OK', requiredSecondaryFactorsForUser: current };
  if (namedFactors(await s.mfa.getMFARequirementsForAuth(session)).length > 0) {
    const stepUp = await stepUpStatus(s, session, nowMs);
    if (!stepUp.satisfied) throw stepUpRequired(stepUp);
  }
  await s.mfa.functions.addToRequiredSecondaryFactorsForUser({ userId, factorId });
  // As node's resync would: the new rule may ask this session for the factor now (`st-mfa.v` false).
  await s.mfa.updateAndGetMFAInfoInSession(session);
  return { status: 'OK', requiredSecondaryFactorsForUser: await s.mfa.functions.getRequiredSecondaryFactorsForUser({ userId }) };
}

/** Turning off always needs step-up; removing a factor that is not required changes nothing and needs none. */
async function removeRequiredFactor(s: Services, session: SessionContainer, factorId: string, nowMs: number): Promise<RequiredFactorChangeResult> {
  const userId = session.getUserId();
  const current = await s.mfa.functions.getRequiredSecondaryFactorsForUser({ userId });
  if (!current.includes(factorId)) return { status: 'OK', requiredSecondaryFactorsForUser: current };
  const ways = await loadWays(s, userId);
  await requireStepUp(s, session, nowMs, ways);
  await s.mfa.functions.removeFromRequiredSecondaryFactorsForUser({ userId, factorId });
  await s.mfa.updateAndGetMFAInfoInSession(session);
  await notifyAccount(s, ways.user, { notice: 'FACTOR_TURNED_OFF', factorId, tenantId: session.getTenantId() });
  return { status: 'OK', requiredSecondaryFactorsForUser: await s.mfa.functions.getRequiredSecondaryFactorsForUser({ userId }) };
}

/**
 * Deletes one of the session user's TOTP devices for `POST /totp/device/remove`. Removing a verified
 * device takes a way in away, so it needs step-up (`mfa.settings.guardLastTotpDeviceRemoval`, which
 * now guards every verified device); a set-up never finished needs none. The check and the delete
 * run under a lock on the user's devices. Returns whether the device existed.
 */
export async function removeTotpDevice(s: Services, session: SessionContainer, deviceName: string, nowMs: number): Promise<boolean> {
  const userId = session.getUserId();
  const guard = mfaSettingsOptions(s.config).guardLastTotpDeviceRemoval;
  // Outside the transaction: PGlite has one connection, and the status reads other tables.
  const ways = await loadWays(s, userId);
  // A recovery code used just now lets the session remove the app it lost.
  const stepUp = guard && !recoveredRecently(s, session, nowMs) ? await stepUpStatus(s, session, nowMs, ways) : undefined;
  const removed = await s.db.transaction(async (tx) => {
    const rows = await tx.query<{ device_name: string; verified: boolean }>('SELECT device_name, verified FROM fk_totp_devices WHERE user_id = $1 FOR UPDATE', [userId]);
    const target = rows.find((r) => r.device_name === deviceName);
    if (!target) return undefined;
    if (stepUp && target.verified && !stepUp.satisfied) throw stepUpRequired(stepUp);
    await tx.query('DELETE FROM fk_totp_devices WHERE user_id = $1 AND device_name = $2', [userId, deviceName]);
    return target;
  });
  if (removed?.verified) await notifyAccount(s, ways.user, { notice: 'FACTOR_REMOVED', factorId: FactorIds.TOTP, detail: deviceName, tenantId: session.getTenantId() });
  return removed !== undefined;
}

/** Builds `backend.mfaSettings`. */
export function createMfaSettingsApi(s: Services): MFASettingsApi {
  return {
    getSettings: (session) => getSettings(s, session, s.now()),
    addRequiredFactor: (session, factorId) => addRequiredFactor(s, session, factorId, s.now()),
    removeRequiredFactor: (session, factorId) => removeRequiredFactor(s, session, factorId, s.now()),
    getStepUpStatus: (session) => stepUpStatus(s, session, s.now()),
    requireStepUp: (session) => requireStepUp(s, session, s.now()),
  };
}

// A factor id is short and printable; anything else is a client mistake. Unknown keys (a `userId`!) are
// refused: the user always comes from the session.
const factorBody = z.strictObject({ factorId: z.string().min(1).max(64).regex(/^[^\p{Cc}]*$/u, 'must not contain control characters') });

/**
 * `GET {apiBasePath}/fk/mfa/settings`, `POST …/required-factors/add` and `POST …/required-factors/remove`.
 * Each needs a session that passes the global claim validators (so `st-mfa.v` is true): a user in the
 * middle of signing in cannot change their factors. Turning off is a POST to `…/remove`, as the FDI's
 * own `/totp/device/remove`: a DELETE body has no defined meaning (RFC 9110 §9.3.5) and proxies may drop it.
 */
export function mfaSettingsRoutes(): Route[] {
  return [
    {
      method: 'GET',
      path: MFA_SETTINGS_PATH,
      async handler(ctx, s) {
        const session = (await s.sessions.getSession(ctx, { sessionRequired: true }))!;
        return getSettings(s, session, ctx.now);
      },
    },
    {
      method: 'POST',
      path: `${MFA_SETTINGS_PATH}/required-factors/add`,
      async handler(ctx, s) {
        const body = parseBody(ctx, factorBody);
        const session = (await s.sessions.getSession(ctx, { sessionRequired: true }))!;
        return addRequiredFactor(s, session, body.factorId, ctx.now);
      },
    },
    {
      method: 'POST',
      path: `${MFA_SETTINGS_PATH}/required-factors/remove`,
      async handler(ctx, s) {
        const body = parseBody(ctx, factorBody);
        const session = (await s.sessions.getSession(ctx, { sessionRequired: true }))!;
        return removeRequiredFactor(s, session, body.factorId, ctx.now);
      },
    },
  ];
}
