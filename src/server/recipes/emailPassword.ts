import { z } from 'zod';
import { FactorIds } from '../../protocol/factorIds.ts';
import type { RequestContext } from '../context.ts';
import { loadSessionForAuth, linkToSessionUser, postAuth, preAuthChecks, type AuthPlan } from '../authFlow.ts';
import type { LimitName } from '../limits.ts';
import { enrolmentRefused, rateLimited } from '../refusals.ts';
import type { Route } from '../router.ts';
import { parseBody, queryParam } from '../router.ts';
import type { Services } from '../services.ts';
import { BadInputError } from '../session/errors.ts';
import { createRecipeUser, findLoginMethod, isFakeEmail } from '../users.ts';
import { isValidEmail, normaliseEmail, passwordError } from './validators.ts';

const body = z.object({
  formFields: z.array(z.object({ id: z.string().max(64), value: z.unknown() }), { error: 'Missing input param: formFields' }).max(16),
  shouldTryLinkingWithSessionUser: z.boolean().optional(),
});

const SIGN_IN_NOT_ALLOWED = 'Cannot sign in due to security reasons. Please try resetting your password, use a different login method or contact support.';

/**
 * The password limits that apply to one try: per account and client address (a growing delay), per
 * account from anywhere (softer), per client address for any account. Accounts are keyed by tenant and
 * address whether they exist or not, so the answers tell nothing about which exist.
 */
type LimitKey = [LimitName, string | undefined];
function passwordLimits(ctx: RequestContext, email: string): [accountAndClient: LimitKey, account: LimitKey, client: LimitKey] {
  const account = `${ctx.tenantId}:${email}`;
  const client = ctx.clientAddress;
  return [
    ['passwordTriesPerAccountAndClient', client === undefined ? undefined : `${account}|${client}`],
    ['passwordFailuresPerAccount', account],
    ['passwordFailuresPerClient', client],
  ];
}



/** Reads `email` and `password` out of formFields: 400 for a malformed body, FIELD_ERROR for bad values. */
function readFields(ctx: RequestContext, forSignUp: boolean) {
  const parsed = parseBody(ctx, body);
  const ids = parsed.formFields.map((f) => f.id);
  if (parsed.formFields.length > 2 || ids.some((id) => id !== 'email' && id !== 'password')) throw new BadInputError('Are you sending too many formFields?');
  if (new Set(ids).size !== ids.length) throw new BadInputError('Are you sending too many formFields?');
  const value = (id: string) => parsed.formFields.find((f) => f.id === id)?.value;
  for (const id of ids) {
    const v = value(id);
    if (typeof v !== 'string') throw new BadInputError(`${id} value must be a string`);
    if (v.length > 1024) throw new BadInputError(`${id} is too long`);
  }
  const email = normaliseEmail((value('email') as string | undefined) ?? '');
  const password = (value('password') as string | undefined) ?? '';
  const errors: { id: string; error: string }[] = [];
  if (email === '') errors.push({ id: 'email', error: 'Field is not optional' });
  else if (!isValidEmail(email)) errors.push({ id: 'email', error: 'Email is invalid' });
  if (password === '') errors.push({ id: 'password', error: 'Field is not optional' });
  else if (forSignUp) {
    const err = passwordError(password);
    if (err) errors.push({ id: 'password', error: err });
  }
  return { email, password, errors, flag: parsed.shouldTryLinkingWithSessionUser };
}

export function emailPasswordRoutes(): Route[] {
  const emailExists = async (ctx: RequestContext, s: Services) => {
    const email = normaliseEmail(queryParam(ctx, 'email'));
    const found = await findLoginMethod(s.db, { tenantId: ctx.tenantId, recipeId: 'emailpassword', email });
    return { status: 'OK', exists: found !== undefined };
  };
  return [
    {
      method: 'POST',
      path: '/signin',
      async handler(ctx, s) {
        const { email, password, errors, flag } = readFields(ctx, false);
        if (errors.length > 0) return { status: 'FIELD_ERROR', formFields: errors };
        const session = await loadSessionForAuth(ctx, s, flag);
        // Limits first, before any hashing: a refused try costs the server (almost) nothing. Checked,
        // then counted (each count is atomic, so a parallel flood cannot slip many tries through).
        const limits = passwordLimits(ctx, email);
        for (const check of [(n: LimitName, k: string | undefined) => s.limits.peek(s.db, n, k, ctx.now), (n: LimitName, k: string | undefined) => s.limits.hit(s.db, n, k, ctx.now)]) {
          const decisions = await Promise.all(limits.map(([name, key]) => check(name, key)));
          const waits = decisions.flatMap((d) => (d.allowed ? [] : [d.retryAfterMs]));
          if (waits.length > 0) return rateLimited(ctx, 'SIGN_IN_NOT_ALLOWED', 'Too many sign-in attempts.', Math.max(...waits));
        }
        const found = await findLoginMethod(s.db, { tenantId: ctx.tenantId, recipeId: 'emailpassword', email });
        const ok = await s.hasher.verify(password, found?.passwordHash ?? undefined);
        if (!found || !ok || (isFakeEmail(email) && !session)) return { status: 'WRONG_CREDENTIALS_ERROR' };
        // The right password ends the run of failures from this client, and is not a failure elsewhere.
        const [accountAndClient, account, client] = limits;
        await s.limits.reset(s.db, accountAndClient[0], accountAndClient[1]);
        await s.limits.refund(s.db, account[0], account[1]);
        await s.limits.refund(s.db, client[0], client[1]);
        let plan: AuthPlan;
        try {
          plan = await preAuthChecks(ctx, s, {
            session,
            factorIds: [FactorIds.EMAILPASSWORD],
            authenticatingUserId: found.userId,
            newAccount: { recipeId: 'emailpassword', email, recipeUserId: found.recipeUserId },
          });
        } catch (error) {
          return enrolmentRefused(error, 'SIGN_IN_NOT_ALLOWED');
        }
        if (plan.kind === 'link') {
          // Only a login method that is not part of another account can join the session user.
          if (found.userId !== found.recipeUserId) return { status: 'SIGN_IN_NOT_ALLOWED', reason: `${SIGN_IN_NOT_ALLOWED} (ERR_CODE_009)` };
          const isPrimary = (await s.db.query('SELECT 1 FROM fk_users WHERE user_id = $1 AND is_primary', [found.userId])).length > 0;
          if (isPrimary) return { status: 'SIGN_IN_NOT_ALLOWED', reason: `${SIGN_IN_NOT_ALLOWED} (ERR_CODE_010)` };
          await s.db.transaction((tx) => linkToSessionUser(tx, plan, found.recipeUserId));
        }
        // The password vouches for step-up only when this login method was not added by this session.
        const vouches = plan.kind === 'complete-linked' && plan.ways.addedBy.get(found.recipeUserId) !== plan.session.getHandle();
        const user = await postAuth(ctx, s, plan, { recipeUserId: found.recipeUserId, factorId: FactorIds.EMAILPASSWORD, vouches, contact: email });
        return { status: 'OK', user };
      },
    },
    {
      method: 'POST',
      path: '/signup',
      async handler(ctx, s) {
        const { email, password, errors, flag } = readFields(ctx, true);
        if (errors.length > 0) return { status: 'FIELD_ERROR', formFields: errors };
        const session = await loadSessionForAuth(ctx, s, flag);
        if (isFakeEmail(email) && !session) return { status: 'FIELD_ERROR', formFields: [{ id: 'email', error: 'This email already exists. Please sign in instead.' }] };
        const existing = await findLoginMethod(s.db, { tenantId: ctx.tenantId, recipeId: 'emailpassword', email });
        if (existing) return { status: 'FIELD_ERROR', formFields: [{ id: 'email', error: 'This email already exists. Please sign in instead.' }] };
        let plan: AuthPlan;
        try {
          plan = await preAuthChecks(ctx, s, {
            session,
            factorIds: [FactorIds.EMAILPASSWORD],
            authenticatingUserId: undefined,
            newAccount: { recipeId: 'emailpassword', email },
          });
        } catch (error) {
          return enrolmentRefused(error, 'SIGN_UP_NOT_ALLOWED');
        }
        const passwordHash = await s.hasher.hash(password);
        let recipeUserId: string;
        try {
          recipeUserId = await s.db.transaction(async (tx) => {
            const id = await createRecipeUser(tx, { recipeId: 'emailpassword', tenantId: ctx.tenantId, email, passwordHash, now: ctx.now });
            if (plan.kind === 'link') await linkToSessionUser(tx, plan, id);
            return id;
          });
        } catch (error) {
          // Two sign-ups with one email racing: the unique index lets one through.
          if (String(error).includes('fk_login_methods_email')) {
            return { status: 'FIELD_ERROR', formFields: [{ id: 'email', error: 'This email already exists. Please sign in instead.' }] };
          }
          throw error;
        }
        const user = await postAuth(ctx, s, plan, { recipeUserId, factorId: FactorIds.EMAILPASSWORD, contact: email });
        return { status: 'OK', user };
      },
    },
    { method: 'GET', path: '/emailpassword/email/exists', handler: emailExists },
    { method: 'GET', path: '/signup/email/exists', handler: emailExists },
  ];
}

