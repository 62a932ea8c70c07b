/**
 * A forgotten password (the emailpassword recipe's reset, wire-compatible with supertokens-node) and a
 * signed-in change of password (OUR EXTENSION under `{apiBasePath}/fk/`: node leaves that API to each
 * app). Reset tokens are random, stored as SHA-256 hashes, single use and short-lived; asking for one
 * answers the same whether the address has an account or not; a reset ends every session of the user
 * and a change every other one (both configurable), and the account's addresses are told.
 * @see docs/protocol.md; README.md "Protocol extensions"
 */
import { z } from 'zod';
import { forgetTrustedDevices } from './trustedDevices.ts';
import { FactorIds } from '../../protocol/factorIds.ts';
import type { RequestContext } from '../context.ts';
import { randomBytes, sha256, toBase64Url, toHex } from '../crypto.ts';
import { notifyAccount } from '../notices.ts';
import { rateLimited } from '../refusals.ts';
import { parseBody, type Route } from '../router.ts';
import type { Services } from '../services.ts';
import { BadInputError } from '../session/errors.ts';
import { findLoginMethod, getUser, markEmailVerified } from '../users.ts';
import { requireStepUp } from '../waysIn.ts';
import { isValidEmail, normaliseEmail, passwordError } from './validators.ts';

const formFields = z.array(z.object({ id: z.string().max(64), value: z.unknown() }), { error: 'Missing input param: formFields' }).max(4);
const tokenBody = z.object({ formFields });
const resetBody = z.object({ method: z.literal('token').optional(), token: z.string({ error: 'The password reset token must be a string' }).min(1).max(256), formFields });
const changeBody = z.object({ currentPassword: z.string().max(1024).optional(), newPassword: z.string().max(1024) }).strict();

/** The value of the one form field a call takes (`email` or `password`): 400 for a malformed body. */
function onlyField(fields: z.infer<typeof formFields>, id: string): string {
  if (fields.length !== 1 || fields[0]!.id !== id) throw new BadInputError(`Are you sending too many formFields? Expected only ${id}`);
  const value = fields[0]!.value;
  if (typeof value !== 'string') throw new BadInputError(`${id} value must be a string`);
  return value;
}

/** Options of the reset, with their defaults. */
export function passwordResetOptions(s: Services) {
  const o = s.config.emailPassword === false ? {} : (s.config.emailPassword ?? {});
  return {
    tokenLifetimeMs: o.passwordResetTokenLifetimeMs ?? 3_600_000,
    endSessionsOnReset: o.endSessionsOnPasswordReset ?? true,
    endOtherSessionsOnChange: o.endOtherSessionsOnPasswordChange ?? true,
  };
}

const RESET_NOT_ALLOWED = 'Reset password link was not created because of account take over risk. Please contact support. (ERR_CODE_001)';

/**
 * Whether resetting this login method's password could hand over another account: its address is not
 * verified anywhere in the account, and the account has other addresses or numbers (node's rule).
 */
async function takeoverRisk(s: Services, recipeUserId: string, email: string): Promise<boolean> {
  const user = await getUser(s.db, recipeUserId);
  if (!user) return true;
  const verified = user.loginMethods.some((m) => m.email === email && m.verified);
  const others = user.loginMethods.some((m) => (m.email !== undefined && m.email !== email) || m.phoneNumber !== undefined);
  return !verified && others;
}

export function passwordResetRoutes(): Route[] {
  return [
    {
      method: 'POST',
      path: '/user/password/reset/token',
      async handler(ctx, s) {
        const email = normaliseEmail(onlyField(parseBody(ctx, tokenBody).formFields, 'email'));
        if (email === '') return { status: 'FIELD_ERROR', formFields: [{ id: 'email', error: 'Field is not optional' }] };
        if (!isValidEmail(email)) return { status: 'FIELD_ERROR', formFields: [{ id: 'email', error: 'Email is invalid' }] };
        // The send limits apply to every address, with an account or not: a refusal tells nothing.
        const client = await s.limits.hit(s.db, 'codeSendsPerClient', ctx.clientAddress, ctx.now);
        if (!client.allowed) return rateLimited(ctx, 'PASSWORD_RESET_NOT_ALLOWED', 'Too many emails were sent from this network.', client.retryAfterMs);
        const sends = await s.limits.hit(s.db, 'codeSendsPerContact', `email:${email}`, ctx.now);
        if (!sends.allowed) {
          await s.limits.refund(s.db, 'codeSendsPerClient', ctx.clientAddress);
          return rateLimited(ctx, 'PASSWORD_RESET_NOT_ALLOWED', 'Too many emails were sent to this address.', sends.retryAfterMs);
        }
        const found = await findLoginMethod(s.db, { tenantId: ctx.tenantId, recipeId: 'emailpassword', email });
        if (!found) return { status: 'OK' };
        if (await takeoverRisk(s, found.recipeUserId, email)) return { status: 'PASSWORD_RESET_NOT_ALLOWED', reason: RESET_NOT_ALLOWED };
        const token = toBase64Url(randomBytes(32));
        const { tokenLifetimeMs } = passwordResetOptions(s);
        await s.db.query('INSERT INTO fk_password_reset_tokens (token_hash, recipe_user_id, tenant_id, email, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)', [
          toHex(await sha256(token)), found.recipeUserId, ctx.tenantId, email, ctx.now, ctx.now + tokenLifetimeMs,
        ]);
        const { websiteDomain, websiteBasePath } = s.config.appInfo;
        const passwordResetLink = `${websiteDomain}${websiteBasePath}/reset-password?token=${encodeURIComponent(token)}&tenantId=${encodeURIComponent(ctx.tenantId)}`;
        // Not awaited: an address with an account must not answer more slowly than one without.
        s.defer(
          s.delivery.sendEmail({ type: 'PASSWORD_RESET', email, passwordResetLink, user: { id: found.userId, recipeUserId: found.recipeUserId }, tenantId: ctx.tenantId })
            .catch((error: unknown) => console.error('factorkit backend: a password reset email could not be delivered:', error instanceof Error ? error.message : 'unknown error')),
        );
        return { status: 'OK' };
      },
    },
    {
      method: 'POST',
      path: '/user/password/reset',
      async handler(ctx, s) {
        const body = parseBody(ctx, resetBody);
        const password = onlyField(body.formFields, 'password');
        // The policy first, as node does: a weak password does not use up the link.
        const weak = password === '' ? 'Field is not optional' : passwordError(password);
        if (weak) return { status: 'FIELD_ERROR', formFields: [{ id: 'password', error: weak }] };
        const tokenHash = toHex(await sha256(body.token));
        // Single use: the row is gone once read, whatever happens next.
        const [row] = await s.db.query<{ recipe_user_id: string; email: string; expires_at: number }>(
          "DELETE FROM fk_password_reset_tokens WHERE token_hash = $1 AND tenant_id = $2 AND purpose = 'password' RETURNING recipe_user_id, email, expires_at",
          [tokenHash, ctx.tenantId],
        );
        if (!row || row.expires_at <= ctx.now) return { status: 'RESET_PASSWORD_INVALID_TOKEN_ERROR' };
        const method = await findLoginMethod(s.db, { tenantId: ctx.tenantId, recipeId: 'emailpassword', email: row.email });
        if (!method || method.recipeUserId !== row.recipe_user_id || (await takeoverRisk(s, row.recipe_user_id, row.email))) return { status: 'RESET_PASSWORD_INVALID_TOKEN_ERROR' };
        const passwordHash = await s.hasher.hash(password);
        await s.db.transaction(async (tx) => {
          await tx.query('UPDATE fk_login_methods SET password_hash = $1 WHERE recipe_user_id = $2', [passwordHash, row.recipe_user_id]);
          // Every other link to this login method dies with the one used.
          await tx.query('DELETE FROM fk_password_reset_tokens WHERE recipe_user_id = $1', [row.recipe_user_id]);
          // The link went to this address: opening it proves the address.
          await markEmailVerified(tx, row.recipe_user_id, row.email);
          if (passwordResetOptions(s).endSessionsOnReset) await tx.query('DELETE FROM fk_sessions WHERE user_id = $1', [method.userId]);
          // Browsers trusted with the old password are asked for the second factor again.
          await forgetTrustedDevices({ db: tx }, method.userId);
        });
        // A fresh start for the account's password limits.
        await s.limits.reset(s.db, 'passwordFailuresPerAccount', `${ctx.tenantId}:${row.email}`);
        const user = await getUser(s.db, row.recipe_user_id);
        if (user) await notifyAccount(s, user, { notice: 'PASSWORD_CHANGED', factorId: FactorIds.EMAILPASSWORD, tenantId: ctx.tenantId });
        return { status: 'OK' };
      },
    },
    {
      method: 'POST',
      path: '/fk/password/change',
      async handler(ctx, s) {
        const session = (await s.sessions.getSession(ctx, { sessionRequired: true }))!;
        const body = parseBody(ctx, changeBody);
        const user = await getUser(s.db, session.getUserId());
        const method = user?.loginMethods.find((m) => m.recipeId === 'emailpassword' && m.tenantIds.includes(session.getTenantId()));
        if (!user || !method?.email) return { status: 'GENERAL_ERROR', message: 'This account has no password to change.' };
        const weak = body.newPassword === '' ? 'Field is not optional' : passwordError(body.newPassword);
        if (weak) return { status: 'FIELD_ERROR', formFields: [{ id: 'newPassword', error: weak }] };
        if (body.currentPassword === undefined) {
          // Without the current password, a factor proven just now stands in for it.
          await requireStepUp(s, session, ctx.now);
        } else {
          const check = await checkCurrentPassword(ctx, s, method.recipeUserId, method.email, body.currentPassword);
          if (check !== 'ok') return check === 'wrong' ? { status: 'WRONG_CREDENTIALS_ERROR' } : rateLimited(ctx, 'GENERAL_ERROR', 'Too many wrong passwords.', check.retryAfterMs);
        }
        const passwordHash = await s.hasher.hash(body.newPassword);
        await s.db.transaction(async (tx) => {
          await tx.query('UPDATE fk_login_methods SET password_hash = $1 WHERE recipe_user_id = $2', [passwordHash, method.recipeUserId]);
          await tx.query('DELETE FROM fk_password_reset_tokens WHERE recipe_user_id = $1', [method.recipeUserId]);
          if (passwordResetOptions(s).endOtherSessionsOnChange) await tx.query('DELETE FROM fk_sessions WHERE user_id = $1 AND session_handle <> $2', [user.id, session.getHandle()]);
          await forgetTrustedDevices({ db: tx }, user.id);
        });
        await notifyAccount(s, user, { notice: 'PASSWORD_CHANGED', factorId: FactorIds.EMAILPASSWORD, tenantId: session.getTenantId() });
        return { status: 'OK' };
      },
    },
  ];
}

/** Checks the current password under the same per-account limit as sign-in (a stolen session cannot guess it freely). */
async function checkCurrentPassword(ctx: RequestContext, s: Services, recipeUserId: string, email: string, password: string): Promise<'ok' | 'wrong' | { retryAfterMs: number }> {
  const account = `${ctx.tenantId}:${email}`;
  const allowed = await s.limits.hit(s.db, 'passwordFailuresPerAccount', account, ctx.now);
  if (!allowed.allowed) return { retryAfterMs: allowed.retryAfterMs };
  const [row] = await s.db.query<{ password_hash: string | null }>('SELECT password_hash FROM fk_login_methods WHERE recipe_user_id = $1', [recipeUserId]);
  const ok = await s.hasher.verify(password, row?.password_hash ?? undefined);
  if (ok) await s.limits.refund(s.db, 'passwordFailuresPerAccount', account);
  return ok ? 'ok' : 'wrong';
}
