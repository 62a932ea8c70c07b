import { ClaimIds } from '../protocol/claims.ts';
import { applyTrustedDevice } from './recipes/trustedDevices.ts';
import type { RequestContext } from './context.ts';
import type { NewAccountInfo } from './config.ts';
import type { Services } from './services.ts';
import type { Queryable } from './db/Db.ts';
import { BadInputError, SessionError } from './session/errors.ts';
import type { SessionContainer } from './session/SessionContainer.ts';
import { MFA_CLAIM } from './mfa.ts';
import { maskContact, notifyAccount } from './notices.ts';
import { createPrimaryUser, getUser, linkAccounts, type User } from './users.ts';
import { assertMayAddWayIn, EnrolmentRefusedError, loadWays, ownsContact, type AccountWays } from './waysIn.ts';

/** The highest FDI version the request speaks; node assumes the latest when the header is absent. */
function requestFdi(request: Request): number {
  const header = request.headers.get('fdi-version');
  if (!header) return Infinity;
  const versions = header.split(',').map((v) => Number.parseFloat(v.trim())).filter((v) => Number.isFinite(v));
  return versions.length > 0 ? Math.max(...versions) : Infinity;
}

/**
 * Loads the session of a sign-in/up call. FDI ≥ 3.1: only with `shouldTryLinkingWithSessionUser: true`
 * (and then it is required); older FDIs: optional. @see protocol §1.3
 */
export async function loadSessionForAuth(ctx: RequestContext, s: Services, flag: boolean | undefined): Promise<SessionContainer | undefined> {
  const noValidators = { overrideGlobalClaimValidators: () => [] };
  if (requestFdi(ctx.request) >= 3.1) {
    return flag === true ? s.sessions.getSession(ctx, { sessionRequired: true, ...noValidators }) : undefined;
  }
  try {
    return await s.sessions.getSession(ctx, { sessionRequired: false, ...noValidators });
  } catch (error) {
    if (error instanceof SessionError && error.type === 'UNAUTHORISED') return undefined;
    throw error;
  }
}

/** How a sign-in/up attempt will end: a new session, completing a linked factor, or linking a new one. */
export type AuthPlan =
  | { kind: 'first-factor'; factorIds: string[] }
  | { kind: 'complete-linked'; session: SessionContainer; factorIds: string[]; ways: AccountWays }
  | {
      kind: 'link';
      session: SessionContainer;
      sessionUser: User;
      factorIds: string[];
      /** The account before the link. */
      ways: AccountWays;
      /** The login method brings a contact or credential the account did not have (not a code to one of its own addresses). */
      newWayIn: boolean;
    };

/**
 * Checks before a sign-in/up does anything: is this a valid first factor, or may the factor be set up
 * and linked to the session user. Throws the protocol's 401/400/403, `EnrolmentRefusedError` when a
 * new way in is refused during sign-in, and the `fk-step-up` 403 when it needs step-up.
 * `checkWayIn: false` skips our enrolment rules (a code bound to this session was checked when sent).
 * @see protocol §4.8, §4.9; waysIn.ts
 */
export async function preAuthChecks(
  ctx: RequestContext,
  s: Services,
  input: { session: SessionContainer | undefined; factorIds: string[]; authenticatingUserId: string | undefined; newAccount: NewAccountInfo; checkWayIn?: boolean },
): Promise<AuthPlan> {
  const { session, factorIds } = input;
  if (!session) {
    const first = await s.mfa.firstFactorsFor(ctx.tenantId);
    const valid = factorIds.filter((f) => first.includes(f));
    if (valid.length === 0) throw SessionError.unauthorised(false);
    return { kind: 'first-factor', factorIds: valid };
  }
  const ways = await loadWays(s, session.getUserId());
  if (input.authenticatingUserId !== undefined && input.authenticatingUserId === session.getUserId()) {
    return { kind: 'complete-linked', session, factorIds, ways };
  }
  const sessionUser = ways.user;
  if (!sessionUser.isPrimaryUser) {
    const sessionLm = sessionUser.loginMethods.find((m) => m.recipeUserId === session.getRecipeUserId()) ?? sessionUser.loginMethods[0]!;
    const decision = await s.shouldDoAutomaticAccountLinking(
      { recipeId: sessionLm.recipeId, email: sessionLm.email, phoneNumber: sessionLm.phoneNumber, recipeUserId: sessionLm.recipeUserId },
      undefined,
      session,
      session.getTenantId(),
    );
    if (!decision.shouldAutomaticallyLink) {
      throw new BadInputError('shouldDoAutomaticAccountLinking returned false when making the session user primary but shouldTryLinkingWithSessionUser is true');
    }
    if (decision.shouldRequireVerification && !sessionLm.verified) {
      await s.emailVerification.setClaim(session, false);
      throw SessionError.invalidClaims([{ id: ClaimIds.EMAIL_VERIFICATION, reason: { message: 'wrong value', expectedValue: true, actualValue: false } }]);
    }
  }
  const decision = await s.shouldDoAutomaticAccountLinking(input.newAccount, sessionUser, session, session.getTenantId());
  if (!decision.shouldAutomaticallyLink) {
    throw new BadInputError('shouldDoAutomaticAccountLinking returned false when trying to link the new login method to the session user but shouldTryLinkingWithSessionUser is true');
  }
  let refusal: unknown;
  const valid: string[] = [];
  for (const f of factorIds) {
    try {
      await s.mfa.assertAllowedToSetupFactor(session, f);
      valid.push(f);
    } catch (error) {
      refusal ??= error;
    }
  }
  if (valid.length === 0) throw refusal;
  const { recipeId, email, phoneNumber } = input.newAccount;
  const codeToOwnContact = recipeId === 'passwordless' && ownsContact(sessionUser, { email, phoneNumber });
  if (input.checkWayIn !== false) {
    const complete = session.getClaimValue<{ v?: boolean }>(MFA_CLAIM)?.v === true;
    // During sign-in an email code goes only to an address the account has: a password alone must
    // never be able to enrol the attacker's mailbox.
    if (recipeId === 'passwordless' && email !== undefined && !complete && !codeToOwnContact) {
      throw new EnrolmentRefusedError('KNOWN_ADDRESS_ONLY', 'A code can only be sent to an address this account already has');
    }
    if (!codeToOwnContact) await assertMayAddWayIn(s, session, ctx.now, ways);
  }
  return { kind: 'link', session, sessionUser, factorIds: valid, ways, newWayIn: !codeToOwnContact };
}

/** Links a new recipe user to the session user (making the session user primary first), noting which session added it. */
export async function linkToSessionUser(tx: Queryable, plan: Extract<AuthPlan, { kind: 'link' }>, recipeUserId: string): Promise<void> {
  await createPrimaryUser(tx, plan.session.getRecipeUserId());
  await linkAccounts(tx, recipeUserId, plan.sessionUser.id);
  await tx.query('UPDATE fk_login_methods SET enrolled_session = $2 WHERE recipe_user_id = $1', [recipeUserId, plan.session.getHandle()]);
}

/**
 * After a successful sign-in/up: a first factor gets a new session; a second factor is marked complete
 * in the same session (and may vouch for step-up when `vouches`). A new way in is told to the
 * account's addresses. Returns the user for the response.
 */
export async function postAuth(
  ctx: RequestContext,
  s: Services,
  plan: AuthPlan,
  result: { recipeUserId: string; factorId: string; vouches?: boolean; contact?: string },
): Promise<User> {
  const user = await getUser(s.db, result.recipeUserId);
  if (!user) throw new Error('User vanished during sign-in');
  // "Last used" of the login method (codes by email or text, a social sign-in) in the settings.
  await s.db.query('UPDATE fk_login_methods SET last_used_at = $2 WHERE recipe_user_id = $1', [result.recipeUserId, ctx.now]);
  if (plan.kind === 'first-factor') {
    const payload: Record<string, unknown> = {};
    const ev = await s.emailVerification.claimValueFor(result.recipeUserId);
    if (ev !== undefined) payload[ClaimIds.EMAIL_VERIFICATION] = ev;
    const session = await s.sessions.createNewSession(ctx, { userId: user.id, recipeUserId: result.recipeUserId, tenantId: ctx.tenantId, payload });
    await s.mfa.markFactorAsCompleteInSession(session, result.factorId, { vouches: true });
    // A browser the user trusts skips the second step (never step-up).
    await applyTrustedDevice(ctx, s, session);
  } else {
    // A login method this request added (a new contact or credential) never vouches for step-up.
    const added = plan.kind === 'link' && plan.newWayIn;
    await s.mfa.markFactorAsCompleteInSession(plan.session, result.factorId, { vouches: !added && result.vouches === true });
    if (plan.kind === 'link' && plan.newWayIn) {
      await notifyAccount(s, plan.ways.user, {
        notice: 'FACTOR_ADDED',
        factorId: result.factorId,
        ...(result.contact !== undefined && { detail: maskContact(result.contact), except: result.contact }),
        tenantId: plan.session.getTenantId(),
      });
    }
  }
  return user;
}
