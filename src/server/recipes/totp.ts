import { z } from 'zod';
import { Secret, TOTP } from 'otpauth';
import { FactorIds } from '../../protocol/factorIds.ts';
import type { RequestContext } from '../context.ts';
import type { Route } from '../router.ts';
import { parseBody } from '../router.ts';
import type { Services } from '../services.ts';
import { SessionError } from '../session/errors.ts';
import { REQUIRED_WITHOUT_VALIDATORS } from '../session/sessionService.ts';
import type { SessionContainer } from '../session/SessionContainer.ts';
import { getUser } from '../users.ts';
import { MFA_CLAIM } from '../mfa.ts';
import { dropStaleTotpDevices, removeTotpDevice, unverifiedTotpCutoff } from './mfaSettings.ts';
import { notifyAccount } from '../notices.ts';
import { assertMayAddWayIn, EnrolmentRefusedError, loadWays } from '../waysIn.ts';

interface DeviceRow {
  device_name: string;
  secret: string;
  period: number;
  skew: number;
  verified: boolean;
  /** The session that added the device: its codes never vouch for step-up in that session. */
  enrolled_session: string | null;
}

type CheckResult =
  | { status: 'OK'; device: DeviceRow }
  | { status: 'INVALID_TOTP_ERROR'; currentNumberOfFailedAttempts: number; maxNumberOfFailedAttempts: number }
  | { status: 'LIMIT_REACHED_ERROR'; retryAfterMs: number; currentNumberOfFailedAttempts: number; maxNumberOfFailedAttempts: number };

// Device names are shown in lists and read aloud: bounded, and no control characters.
const deviceName = z.string().min(1).max(256).regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');
// Built once: a zod schema compiles itself on first use, which costs more than a parse.
const createDeviceBody = z.object({ deviceName: deviceName.optional() });
const removeDeviceBody = z.object({ deviceName });
const verifyDeviceBody = z.object({ deviceName, totp: z.string().max(64) });
const verifyBody = z.object({ totp: z.string().max(64) });

function totpOptions(s: Services) {
  const t = s.config.totp || {};
  return {
    issuer: t.issuer ?? s.config.appInfo.appName,
    period: t.defaultPeriod ?? 30,
    skew: t.defaultSkew ?? 1,
    maxAttempts: t.maxAttempts ?? 5,
    cooldownMs: (t.rateLimitCooldownSeconds ?? 900) * 1000,
  };
}


/**
 * Checks a code against devices, with the core's rules: a run of `maxAttempts` invalid attempts locks
 * the user out for the cooldown (even a correct code), and a valid code cannot be used twice while it
 * could still be valid. Attempts are serialised per user by a row lock. @see RFC 6238; protocol §5
 */
async function checkAndStoreCode(s: Services, ctx: RequestContext, userId: string, tenantId: string, code: string, devices: DeviceRow[], sessionHandle: string): Promise<CheckResult> {
  const o = totpOptions(s);
  const now = ctx.now;
  // Whether a device produces the code depends on the clock only: checked before taking the lock.
  let matched: DeviceRow | undefined;
  let lifetimeMs = o.period * (2 * o.skew + 1) * 1000;
  if (code.length <= 8) {
    // Devices this session did not add come first: their match may vouch for step-up.
    for (const d of [...devices].sort((a, b) => Number(a.enrolled_session === sessionHandle) - Number(b.enrolled_session === sessionHandle))) {
      const totp = new TOTP({ secret: Secret.fromBase32(d.secret), algorithm: 'SHA1', digits: 6, period: d.period });
      if (totp.validate({ token: code, timestamp: now, window: d.skew }) !== null) {
        matched = d;
        lifetimeMs = d.period * (2 * d.skew + 1) * 1000;
        break;
      }
    }
  }
  const matches = matched !== undefined;
  return s.db.transaction(async (tx) => {
    // Creates the user's lock row if needed and locks it (an upsert that updates locks the row it hits).
    await tx.query('INSERT INTO fk_totp_locks (user_id, tenant_id) VALUES ($1, $2) ON CONFLICT (user_id, tenant_id) DO UPDATE SET user_id = EXCLUDED.user_id', [userId, tenantId]);
    // One statement: purge old attempts, read the newest ones and whether the code was used already.
    // The purge cannot touch the rows read (older than the cooldown and expired vs newer, or unexpired).
    const replayCheck = 'EXISTS (SELECT 1 FROM fk_totp_attempts WHERE user_id = $1 AND tenant_id = $2 AND code = $3 AND is_valid AND expires_at > $4)';
    const recent = await tx.query<{ is_valid: boolean; created_at: number; replayed: boolean }>(
      `WITH purge AS (DELETE FROM fk_totp_attempts WHERE user_id = $1 AND tenant_id = $2 AND created_at < $5 AND expires_at < $4)
       SELECT is_valid, created_at, ${replayCheck} AS replayed
       FROM fk_totp_attempts WHERE user_id = $1 AND tenant_id = $2 AND created_at > $5 ORDER BY id DESC LIMIT $6`,
      [userId, tenantId, code, now, now - o.cooldownMs, o.maxAttempts],
    );
    let run = 0;
    while (run < recent.length && !recent[run]!.is_valid) run++;
    if (run >= o.maxAttempts) {
      return { status: 'LIMIT_REACHED_ERROR', retryAfterMs: Math.max(0, o.cooldownMs - (now - recent[0]!.created_at)), currentNumberOfFailedAttempts: run, maxNumberOfFailedAttempts: o.maxAttempts };
    }
    // No recent attempt carried the replay answer: ask on its own (an earlier use may be older than the cooldown).
    const replayed = recent.length > 0 ? recent[0]!.replayed : matches && (await tx.query<{ replayed: boolean }>(`SELECT ${replayCheck} AS replayed`, [userId, tenantId, code, now]))[0]!.replayed;
    const valid = matches && !replayed;
    await tx.query('INSERT INTO fk_totp_attempts (user_id, tenant_id, code, is_valid, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      userId, tenantId, code.slice(0, 16), valid, now, now + lifetimeMs,
    ]);
    if (valid) return { status: 'OK', device: matched! };
    return { status: 'INVALID_TOTP_ERROR', currentNumberOfFailedAttempts: run + 1, maxNumberOfFailedAttempts: o.maxAttempts };
  });
}

async function devicesOf(s: Services, userId: string, nowMs: number): Promise<DeviceRow[]> {
  const rows = await s.db.query<DeviceRow & { created_at: number }>('SELECT device_name, secret, period, skew, verified, enrolled_session, created_at FROM fk_totp_devices WHERE user_id = $1 ORDER BY created_at', [userId]);
  // An abandoned set-up past its lifetime is never used, and deleted (a statement only when there is one).
  const cutoff = unverifiedTotpCutoff(s, nowMs);
  const stale = (row: { verified: boolean; created_at: number }) => !row.verified && Number(row.created_at) < cutoff;
  if (rows.some(stale)) await dropStaleTotpDevices(s, userId, nowMs);
  return rows.filter((row) => !stale(row));
}

/** The `otpauth://` URI authenticator apps read from the QR code. */
async function qrCodeString(s: Services, session: SessionContainer, secret: string, period: number): Promise<string> {
  const { issuer } = totpOptions(s);
  const user = await getUser(s.db, session.getUserId());
  const own = user?.loginMethods.find((m) => m.recipeUserId === user.id);
  const info = own?.email ?? own?.phoneNumber ?? user?.emails[0] ?? user?.phoneNumbers[0];
  const label = `${encodeURI(issuer)}${info !== undefined ? `:${encodeURI(info)}` : ''}`;
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURI(issuer)}&digits=6&period=${period}`;
}

export function totpRoutes(): Route[] {
  return [
    {
      method: 'POST',
      path: '/totp/device',
      async handler(ctx, s) {
        const body = parseBody(ctx, createDeviceBody);
        const session = (await s.sessions.getSession(ctx, REQUIRED_WITHOUT_VALIDATORS))!;
        await s.mfa.assertAllowedToSetupFactor(session, FactorIds.TOTP);
        // A new authenticator is a new way in: the first enrolment, or step-up (see waysIn.ts).
        try {
          await assertMayAddWayIn(s, session, ctx.now);
        } catch (error) {
          if (error instanceof EnrolmentRefusedError) throw SessionError.invalidClaims([{ id: MFA_CLAIM, reason: error.message }]);
          throw error;
        }
        const o = totpOptions(s);
        const userId = session.getUserId();
        const devices = await devicesOf(s, userId, ctx.now);
        let name = body.deviceName;
        if (name === undefined) {
          let n = devices.filter((d) => d.verified).length;
          while (devices.some((d) => d.device_name === `TOTP Device ${n}`)) n++;
          name = `TOTP Device ${n}`;
        }
        const same = devices.find((d) => d.device_name === name);
        if (same?.verified) return { status: 'DEVICE_ALREADY_EXISTS_ERROR' };
        const secret = new Secret({ size: 20 }).base32;
        // An unverified device of the same name is replaced, with a new secret.
        await s.db.transaction(async (tx) => {
          await tx.query('DELETE FROM fk_totp_devices WHERE user_id = $1 AND device_name = $2 AND NOT verified', [userId, name]);
          await tx.query('INSERT INTO fk_totp_devices (user_id, device_name, secret, period, skew, verified, created_at, enrolled_session) VALUES ($1, $2, $3, $4, $5, FALSE, $6, $7)', [
            userId, name, secret, o.period, o.skew, ctx.now, session.getHandle(),
          ]);
        });
        return { status: 'OK', deviceName: name, secret, qrCodeString: await qrCodeString(s, session, secret, o.period) };
      },
    },
    {
      method: 'GET',
      path: '/totp/device/list',
      async handler(ctx, s) {
        const session = (await s.sessions.getSession(ctx, REQUIRED_WITHOUT_VALIDATORS))!;
        const devices = await devicesOf(s, session.getUserId(), ctx.now);
        return { status: 'OK', devices: devices.map((d) => ({ name: d.device_name, period: d.period, skew: d.skew, verified: d.verified })) };
      },
    },
    {
      method: 'POST',
      path: '/totp/device/remove',
      async handler(ctx, s) {
        const body = parseBody(ctx, removeDeviceBody);
        const session = (await s.sessions.getSession(ctx, REQUIRED_WITHOUT_VALIDATORS))!;
        const [device] = await s.db.query<{ verified: boolean }>('SELECT verified FROM fk_totp_devices WHERE user_id = $1 AND device_name = $2', [session.getUserId(), body.deviceName]);
        if (device?.verified && session.getClaimValue<{ v?: boolean }>(MFA_CLAIM)?.v !== true) {
          throw SessionError.invalidClaims([{ id: MFA_CLAIM, reason: { message: 'MFA requirement for auth is not satisfied' } }]);
        }
        // The last verified device needs step-up (our extension, `mfa.settings.guardLastTotpDeviceRemoval`).
        return { status: 'OK', didDeviceExist: await removeTotpDevice(s, session, body.deviceName, ctx.now) };
      },
    },
    {
      method: 'POST',
      path: '/totp/device/verify',
      async handler(ctx, s) {
        const body = parseBody(ctx, verifyDeviceBody);
        const session = (await s.sessions.getSession(ctx, REQUIRED_WITHOUT_VALIDATORS))!;
        await s.mfa.assertAllowedToSetupFactor(session, FactorIds.TOTP);
        const userId = session.getUserId();
        await dropStaleTotpDevices(s, userId, ctx.now);
        const [device] = await s.db.query<DeviceRow>('SELECT device_name, secret, period, skew, verified, enrolled_session FROM fk_totp_devices WHERE user_id = $1 AND device_name = $2', [userId, body.deviceName]);
        if (!device) return { status: 'UNKNOWN_DEVICE_ERROR' };
        if (device.verified) return { status: 'OK', wasAlreadyVerified: true };
        const result = await checkAndStoreCode(s, ctx, userId, session.getTenantId(), body.totp, [device], session.getHandle());
        if (result.status !== 'OK') return result;
        const marked = await s.db.query('UPDATE fk_totp_devices SET verified = TRUE, last_used_at = $3 WHERE user_id = $1 AND device_name = $2 RETURNING 1', [userId, body.deviceName, ctx.now]);
        // Removed while the code was being checked: the user has to start the setup again.
        if (marked.length === 0) return { status: 'UNKNOWN_DEVICE_ERROR' };
        await s.mfa.markFactorAsCompleteInSession(session, FactorIds.TOTP);
        const ways = await loadWays(s, userId);
        await notifyAccount(s, ways.user, { notice: 'FACTOR_ADDED', factorId: FactorIds.TOTP, detail: body.deviceName, tenantId: session.getTenantId() });
        return { status: 'OK', wasAlreadyVerified: false };
      },
    },
    {
      method: 'POST',
      path: '/totp/verify',
      async handler(ctx, s) {
        const body = parseBody(ctx, verifyBody);
        const session = (await s.sessions.getSession(ctx, REQUIRED_WITHOUT_VALIDATORS))!;
        const devices = await devicesOf(s, session.getUserId(), ctx.now);
        if (devices.length === 0) return { status: 'UNKNOWN_USER_ID_ERROR' };
        const result = await checkAndStoreCode(s, ctx, session.getUserId(), session.getTenantId(), body.totp, devices.filter((d) => d.verified), session.getHandle());
        // A device this session added never vouches for step-up in it.
        if (result.status !== 'OK') return result;
        // "Last used" in the settings: which app gave the code, and when.
        await s.db.query('UPDATE fk_totp_devices SET last_used_at = $3 WHERE user_id = $1 AND device_name = $2', [session.getUserId(), result.device.device_name, ctx.now]);
        await s.mfa.markFactorAsCompleteInSession(session, FactorIds.TOTP, { vouches: result.device.enrolled_session !== session.getHandle() });
        return { status: 'OK' };
      },
    },
  ];
}
