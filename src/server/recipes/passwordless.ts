import { z } from 'zod';
import { FactorIds } from '../../protocol/factorIds.ts';
import type { RequestContext } from '../context.ts';
import { loadSessionForAuth, linkToSessionUser, postAuth, preAuthChecks } from '../authFlow.ts';
import type { SessionContainer } from '../session/SessionContainer.ts';
import { enrolmentRefused, rateLimited } from '../refusals.ts';
import { contactBeforeSession } from '../waysIn.ts';
import { fromBase64, hmacSha256, randomBytes, sha256, toBase64, toBase64Url, toHex, uuid } from '../crypto.ts';
import type { Route } from '../router.ts';
import { parseBody, queryParam } from '../router.ts';
import type { Services } from '../services.ts';
import { BadInputError } from '../session/errors.ts';
import { createRecipeUser, findLoginMethod, getUser, markEmailVerified } from '../users.ts';
import { isValidEmail, normaliseEmail, normalisePhoneNumber } from './validators.ts';

const RESTART = { status: 'RESTART_FLOW_ERROR' } as const;
const NOT_ALLOWED = 'Cannot sign in / up due to security reasons. Please try a different login method or contact support.';

/** The key of a contact's limits (shared by tenants: an attacker gains nothing by switching tenant). */
const contactKey = (c: { email?: string; phoneNumber?: string }) => (c.email !== undefined ? `email:${c.email}` : `phone:${c.phoneNumber}`);

const flag = z.boolean().optional();
const createBody = z.object({ email: z.string().max(256).optional(), phoneNumber: z.string().max(64).optional(), shouldTryLinkingWithSessionUser: flag });
const resendBody = z.object({ deviceId: z.string().min(1).max(128), preAuthSessionId: z.string().min(1).max(128), shouldTryLinkingWithSessionUser: flag });
const consumeBody = z.object({
  preAuthSessionId: z.string().min(1).max(128),
  deviceId: z.string().max(128).optional(),
  userInputCode: z.string().max(64).optional(),
  linkCode: z.string().max(128).optional(),
  shouldTryLinkingWithSessionUser: flag,
});

interface DeviceRow {
  device_id_hash: string;
  tenant_id: string;
  email: string | null;
  phone_number: string | null;
  link_code_salt: string;
  failed_attempts: number;
  /** The session a second-factor code belongs to; null for a first-factor code. */
  session_handle: string | null;
}

/** Whether the device may be used with this session: a second-factor code only by the session that asked for it, a first-factor code only without one. */
const boundTo = (device: DeviceRow, session: SessionContainer | undefined) => device.session_handle === (session?.getHandle() ?? null);

/** `preAuthSessionId` is the base64url SHA-256 of the device id's bytes. */
async function preAuthSessionIdOf(deviceId: string): Promise<string | undefined> {
  const bytes = fromBase64(deviceId);
  return bytes && bytes.length === 32 ? toBase64Url(await sha256(bytes)) : undefined;
}

/** The link code of a user input code: HMAC-SHA256 keyed by device id ‖ salt, so codes are device-bound. */
async function linkCodeOf(deviceId: string, salt: string, userInputCode: string): Promise<string> {
  const key = new Uint8Array([...fromBase64(deviceId)!, ...fromBase64(salt)!]);
  return toBase64Url(await hmacSha256(key, userInputCode));
}

function sixDigits(): string {
  // Rejection sampling keeps every code equally likely.
  for (;;) {
    const n = new Uint32Array(randomBytes(4).buffer)[0]!;
    if (n < 4_294_000_000) return String(n % 1_000_000).padStart(6, '0');
  }
}

export function passwordlessRoutes(): Route[] {
  const options = (s: Services) => {
    const p = s.config.passwordless;
    if (!p) throw new Error('passwordless is not enabled');
    return { ...p, codeLifetimeMs: p.codeLifetimeMs ?? 900_000, maxCodeInputAttempts: p.maxCodeInputAttempts ?? 5 };
  };

  /**
   * What a send carries: a code, a link or both. A second factor is always a typed code (a magic link
   * opened elsewhere has no session to join); a first factor follows the flow type and the tenant's
   * first factors (a tenant that signs in with `otp-email` only gets no link, one with `link-email`
   * only gets no code).
   */
  async function deliveryOf(ctx: RequestContext, s: Services, isFirstFactor: boolean, contact: 'email' | 'phone'): Promise<{ otp: boolean; link: boolean }> {
    if (!isFirstFactor) return { otp: true, link: false };
    const first = await s.mfa.firstFactorsFor(ctx.tenantId);
    const allowed = candidateFactors(s, contact, false).filter((f) => first.includes(f));
    return { otp: allowed.some((f) => f.startsWith('otp-')), link: allowed.some((f) => f.startsWith('link-')) };
  }

  /** Creates a code on a device and sends it. */
  async function sendCode(ctx: RequestContext, s: Services, device: DeviceRow, deviceId: string, preAuthSessionId: string, isFirstFactor: boolean) {
    const o = options(s);
    const userInputCode = sixDigits();
    const linkCode = await linkCodeOf(deviceId, device.link_code_salt, userInputCode);
    // One live code per device: a resend retires the older one, so guesses do not grow with the codes
    // sent (node keeps every code live until it expires), and a repeated code cannot collide.
    await s.db.transaction(async (tx) => {
      await tx.query('DELETE FROM fk_pwless_codes WHERE device_id_hash = $1', [device.device_id_hash]);
      await tx.query('INSERT INTO fk_pwless_codes (code_id, device_id_hash, link_code_hash, created_at) VALUES ($1, $2, $3, $4)', [
        uuid(), device.device_id_hash, toHex(await sha256(linkCode)), ctx.now,
      ]);
    });
    const { otp: withOtp, link: withLink } = await deliveryOf(ctx, s, isFirstFactor, device.email !== null ? 'email' : 'phone');
    const { websiteDomain, websiteBasePath } = s.config.appInfo;
    const message = {
      type: 'PASSWORDLESS_LOGIN' as const,
      ...(withOtp && { userInputCode }),
      ...(withLink && { urlWithLinkCode: `${websiteDomain}${websiteBasePath}/verify?preAuthSessionId=${encodeURIComponent(preAuthSessionId)}&tenantId=${encodeURIComponent(ctx.tenantId)}#${linkCode}` }),
      codeLifetime: o.codeLifetimeMs,
      isFirstFactor,
      preAuthSessionId,
      tenantId: ctx.tenantId,
    };
    if (device.email !== null) await s.delivery.sendEmail({ ...message, email: device.email });
    else await s.delivery.sendSms({ ...message, phoneNumber: device.phone_number! });
  }

  /** The factors an attempt can complete, from the contact method and how the session is used. */
  function candidateFactors(s: Services, contact: 'email' | 'phone', secondFactor: boolean): string[] {
    const flowType = options(s).flowType;
    const [otp, link] = contact === 'email' ? [FactorIds.OTP_EMAIL, FactorIds.LINK_EMAIL] : [FactorIds.OTP_PHONE, FactorIds.LINK_PHONE];
    if (secondFactor) return [otp];
    return [...(flowType !== 'MAGIC_LINK' ? [otp] : []), ...(flowType !== 'USER_INPUT_CODE' ? [link] : [])];
  }

  async function planFor(ctx: RequestContext, s: Services, session: SessionContainer | undefined, contact: { email?: string; phoneNumber?: string }, checkWayIn: boolean) {
    const existing = await findLoginMethod(s.db, { tenantId: ctx.tenantId, recipeId: 'passwordless', ...contact });
    const plan = await preAuthChecks(ctx, s, {
      session,
      factorIds: candidateFactors(s, contact.email !== undefined ? 'email' : 'phone', session !== undefined),
      authenticatingUserId: existing?.userId,
      newAccount: { recipeId: 'passwordless', ...contact },
      checkWayIn,
    });
    return { plan, existing };
  }

  /**
   * Whether a code may be sent now: the contact's wrong-code budget is not spent, and neither the
   * client's nor the contact's send limit is reached (both counted when it may).
   */
  async function maySend(ctx: RequestContext, s: Services, contact: { email?: string; phoneNumber?: string }): Promise<{ retryAfterMs: number; sentence: string } | undefined> {
    const key = contactKey(contact);
    const what = contact.email !== undefined ? 'address' : 'number';
    const guesses = await s.limits.peek(s.db, 'codeGuessesPerContact', key, ctx.now);
    if (!guesses.allowed) return { retryAfterMs: guesses.retryAfterMs, sentence: `Too many wrong codes were entered for this ${what}.` };
    const client = await s.limits.hit(s.db, 'codeSendsPerClient', ctx.clientAddress, ctx.now);
    if (!client.allowed) return { retryAfterMs: client.retryAfterMs, sentence: 'Too many codes were sent from this network.' };
    const sends = await s.limits.hit(s.db, 'codeSendsPerContact', key, ctx.now);
    if (!sends.allowed) {
      await s.limits.refund(s.db, 'codeSendsPerClient', ctx.clientAddress);
      return { retryAfterMs: sends.retryAfterMs, sentence: `Too many codes were sent to this ${what}.` };
    }
    return undefined;
  }

  const exists = (kind: 'email' | 'phoneNumber') => async (ctx: RequestContext, s: Services) => {
    const raw = queryParam(ctx, kind).trim();
    const value = kind === 'phoneNumber' ? normalisePhoneNumber(raw) ?? raw : normaliseEmail(raw);
    const found = await findLoginMethod(s.db, { tenantId: ctx.tenantId, recipeId: 'passwordless', [kind]: value });
    return { status: 'OK', exists: found !== undefined };
  };

  return [
    {
      method: 'POST',
      path: '/signinup/code',
      async handler(ctx, s) {
        const body = parseBody(ctx, createBody);
        if ((body.email === undefined) === (body.phoneNumber === undefined)) throw new BadInputError('Please provide exactly one of email or phoneNumber');
        const o = options(s);
        if (body.email !== undefined && o.contactMethod === 'PHONE') throw new BadInputError('Please provide a phoneNumber: this backend sends codes by SMS only');
        if (body.phoneNumber !== undefined && o.contactMethod === 'EMAIL') throw new BadInputError('Please provide an email: this backend sends codes by email only');
        let contact: { email?: string; phoneNumber?: string };
        if (body.email !== undefined) {
          const email = normaliseEmail(body.email);
          if (!isValidEmail(email)) return { status: 'GENERAL_ERROR', message: 'Email is invalid' };
          contact = { email };
        } else {
          const phoneNumber = normalisePhoneNumber(body.phoneNumber!);
          if (phoneNumber === undefined) return { status: 'GENERAL_ERROR', message: 'Phone number is invalid' };
          contact = { phoneNumber };
        }
        const session = await loadSessionForAuth(ctx, s, body.shouldTryLinkingWithSessionUser);
        if (session && contact.email !== undefined && o.otpEmailMustMatchUnverifiedSessionEmail) {
          // Seed S11: while the first factor's email is unverified, the code may only go to it.
          const user = await getUser(s.db, session.getUserId());
          const lm = user?.loginMethods.find((m) => m.recipeUserId === session.getRecipeUserId());
          if (lm?.email !== undefined && !lm.verified && lm.email !== contact.email) {
            return { status: 'SIGN_IN_UP_NOT_ALLOWED', reason: `${NOT_ALLOWED} (ERR_CODE_019)` };
          }
        }
        let plan: Awaited<ReturnType<typeof planFor>>['plan'];
        try {
          ({ plan } = await planFor(ctx, s, session, contact, true));
        } catch (error) {
          return enrolmentRefused(error, 'SIGN_IN_UP_NOT_ALLOWED');
        }
        const limited = await maySend(ctx, s, contact);
        if (limited) return rateLimited(ctx, 'SIGN_IN_UP_NOT_ALLOWED', limited.sentence, limited.retryAfterMs);
        const deviceIdBytes = randomBytes(32);
        const deviceId = toBase64(deviceIdBytes);
        const preAuthSessionId = toBase64Url(await sha256(deviceIdBytes));
        const device: DeviceRow = {
          device_id_hash: preAuthSessionId,
          tenant_id: ctx.tenantId,
          email: contact.email ?? null,
          phone_number: contact.phoneNumber ?? null,
          link_code_salt: toBase64(randomBytes(32)),
          failed_attempts: 0,
          session_handle: session?.getHandle() ?? null,
        };
        await s.db.query(
          'INSERT INTO fk_pwless_devices (device_id_hash, tenant_id, email, phone_number, link_code_salt, session_handle, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [device.device_id_hash, device.tenant_id, device.email, device.phone_number, device.link_code_salt, device.session_handle, ctx.now],
        );
        await sendCode(ctx, s, device, deviceId, preAuthSessionId, plan.kind === 'first-factor');
        const otp = plan.factorIds.some((f) => f.startsWith('otp-'));
        const link = plan.factorIds.some((f) => f.startsWith('link-'));
        return { status: 'OK', deviceId, preAuthSessionId, flowType: otp && link ? 'USER_INPUT_CODE_AND_MAGIC_LINK' : link ? 'MAGIC_LINK' : 'USER_INPUT_CODE' };
      },
    },
    {
      method: 'POST',
      path: '/signinup/code/resend',
      async handler(ctx, s) {
        const body = parseBody(ctx, resendBody);
        const session = await loadSessionForAuth(ctx, s, body.shouldTryLinkingWithSessionUser);
        if ((await preAuthSessionIdOf(body.deviceId)) !== body.preAuthSessionId) return RESTART;
        const [device] = await s.db.query<DeviceRow>('SELECT * FROM fk_pwless_devices WHERE device_id_hash = $1 AND tenant_id = $2', [body.preAuthSessionId, ctx.tenantId]);
        if (!device || !boundTo(device, session)) return RESTART;
        const o = options(s);
        if ((device.email !== null && o.contactMethod === 'PHONE') || (device.phone_number !== null && o.contactMethod === 'EMAIL')) return RESTART;
        const limited = await maySend(ctx, s, device.email !== null ? { email: device.email } : { phoneNumber: device.phone_number! });
        if (limited) return rateLimited(ctx, 'GENERAL_ERROR', limited.sentence, limited.retryAfterMs);
        await sendCode(ctx, s, device, body.deviceId, body.preAuthSessionId, session === undefined);
        return { status: 'OK' };
      },
    },
    {
      method: 'POST',
      path: '/signinup/code/consume',
      async handler(ctx, s) {
        const body = parseBody(ctx, consumeBody);
        const byCode = body.deviceId !== undefined || body.userInputCode !== undefined;
        if (byCode === (body.linkCode !== undefined)) throw new BadInputError('Please provide one of (linkCode) or (deviceId+userInputCode) and not both');
        if (byCode && (body.deviceId === undefined || body.userInputCode === undefined)) throw new BadInputError('Please provide both deviceId and userInputCode');
        const o = options(s);
        const [found] = await s.db.query<DeviceRow>('SELECT * FROM fk_pwless_devices WHERE device_id_hash = $1 AND tenant_id = $2', [body.preAuthSessionId, ctx.tenantId]);
        if (!found) return RESTART;
        if (byCode && (await preAuthSessionIdOf(body.deviceId!)) !== body.preAuthSessionId) return RESTART;
        const session = await loadSessionForAuth(ctx, s, body.shouldTryLinkingWithSessionUser);
        // A second-factor code completes only the session that asked for it (and a first-factor code
        // never completes a second factor): an attacker's own code cannot finish a victim's sign-in.
        if (!boundTo(found, session)) return RESTART;
        const contact = found.email !== null ? { email: found.email } : { phoneNumber: found.phone_number! };
        // As in node, the setup checks run before the code is looked at, so a 403 can answer a wrong code.
        // Our enrolment rules were checked when this session asked for the code.
        const { plan, existing } = await planFor(ctx, s, session, contact, false);
        const guessKey = contactKey(contact);
        const linkCode = byCode ? await linkCodeOf(body.deviceId!, found.link_code_salt, body.userInputCode!) : body.linkCode!;
        const linkCodeHash = toHex(await sha256(linkCode));
        const outcome = await s.db.transaction(async (tx) => {
          // Success deletes every device of the contact, so lock them all up front, in one order: two
          // devices of one contact finished at once then queue instead of deadlocking.
          const devices = await tx.query<DeviceRow>(
            `SELECT * FROM fk_pwless_devices WHERE tenant_id = $1 AND ${found.email !== null ? 'email' : 'phone_number'} = $2 ORDER BY device_id_hash FOR UPDATE`,
            [found.tenant_id, found.email ?? found.phone_number],
          );
          const device = devices.find((d) => d.device_id_hash === found.device_id_hash);
          if (!device) return RESTART;
          // The contact's wrong-code budget (across its devices and codes) is checked under the lock on
          // its devices, so parallel guesses cannot overdraw it; once spent, even the right code waits.
          const budget = byCode ? await s.limits.peek(tx, 'codeGuessesPerContact', guessKey, ctx.now) : undefined;
          if (budget && !budget.allowed) return { status: 'LIMITED' as const, retryAfterMs: budget.retryAfterMs };
          const [code] = await tx.query<{ created_at: number }>('SELECT created_at FROM fk_pwless_codes WHERE device_id_hash = $1 AND link_code_hash = $2', [device.device_id_hash, linkCodeHash]);
          const expired = code !== undefined && code.created_at + o.codeLifetimeMs <= ctx.now;
          if (!code || expired) {
            if (!byCode) return RESTART;
            await s.limits.hit(tx, 'codeGuessesPerContact', guessKey, ctx.now);
            const failed = device.failed_attempts + 1;
            if (failed >= o.maxCodeInputAttempts) {
              await tx.query('DELETE FROM fk_pwless_devices WHERE device_id_hash = $1', [device.device_id_hash]);
              return RESTART;
            }
            await tx.query('UPDATE fk_pwless_devices SET failed_attempts = $1 WHERE device_id_hash = $2', [failed, device.device_id_hash]);
            return { status: expired ? ('EXPIRED_USER_INPUT_CODE_ERROR' as const) : ('INCORRECT_USER_INPUT_CODE_ERROR' as const), failedCodeInputAttemptCount: failed, maximumCodeInputAttempts: o.maxCodeInputAttempts };
          }
          // Success ends every device of this contact, so no other pending code stays usable.
          await tx.query(`DELETE FROM fk_pwless_devices WHERE tenant_id = $1 AND ${device.email !== null ? 'email' : 'phone_number'} = $2`, [ctx.tenantId, device.email ?? device.phone_number]);
          const createdNewRecipeUser = existing === undefined;
          const recipeUserId = existing?.recipeUserId ?? (await createRecipeUser(tx, { recipeId: 'passwordless', tenantId: ctx.tenantId, ...contact, now: ctx.now }));
          if (contact.email !== undefined) await markEmailVerified(tx, recipeUserId, contact.email);
          if (plan.kind === 'link') await linkToSessionUser(tx, plan, recipeUserId);
          return { status: 'OK' as const, recipeUserId, createdNewRecipeUser };
        });
        if (outcome.status === 'LIMITED') return rateLimited(ctx, 'SIGN_IN_UP_NOT_ALLOWED', 'Too many wrong codes were entered.', outcome.retryAfterMs);
        if (outcome.status !== 'OK') return outcome;
        if (plan.kind !== 'first-factor' && contact.email !== undefined) {
          // A correct code to the session's own unverified email proves that address too.
          const lm = (await getUser(s.db, plan.session.getUserId()))?.loginMethods.find((m) => m.recipeUserId === plan.session.getRecipeUserId());
          if (lm?.email === contact.email && !lm.verified) {
            await markEmailVerified(s.db, lm.recipeUserId, contact.email);
            if (s.emailVerification.enabled) await s.emailVerification.setClaim(plan.session, true);
          }
        }
        const factorId = (byCode ? 'otp-' : 'link-') + (contact.email !== undefined ? 'email' : 'phone');
        const vouches = plan.kind !== 'first-factor' && contactBeforeSession(plan.ways, plan.session, contact);
        const user = await postAuth(ctx, s, plan, { recipeUserId: outcome.recipeUserId, factorId, vouches, contact: contact.email ?? contact.phoneNumber });
        return { status: 'OK', createdNewRecipeUser: outcome.createdNewRecipeUser, user };
      },
    },
    { method: 'GET', path: '/passwordless/email/exists', handler: exists('email') },
    { method: 'GET', path: '/passwordless/phonenumber/exists', handler: exists('phoneNumber') },
    { method: 'GET', path: '/signup/phonenumber/exists', handler: exists('phoneNumber') },
  ];
}
