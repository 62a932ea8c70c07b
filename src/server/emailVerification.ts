import { ClaimIds } from '../protocol/claims.ts';
import type { Db } from './db/Db.ts';
import type { BackendConfig } from './config.ts';
import type { Delivery } from './delivery.ts';
import { hashToken, randomToken } from './crypto.ts';
import type { ClaimValidator } from './session/ClaimValidator.ts';
import type { SessionContainer } from './session/SessionContainer.ts';
import { getUser, markEmailVerified } from './users.ts';

export const EV_CLAIM = ClaimIds.EMAIL_VERIFICATION;
/** While the claim is false, it is fetched again after this long (node's `isVerified` default). */
const REFETCH_ON_FALSE_MS = 10_000;

/** The `st-ev` claim: `{v, t}` with the fetch time in ms. */
export interface EVClaimValue {
  v: boolean;
  t: number;
}

/** Email verification: the claim, tokens and links. Verification is per login method (`rsub`). */
export function createEmailVerification(deps: { db: Db; config: BackendConfig; delivery: Delivery; now: () => number; websiteUrl: string }) {
  const { db, config, now } = deps;
  const options = config.emailVerification || undefined;
  const tokenLifetimeMs = options?.tokenLifetimeMs ?? 24 * 3600 * 1000;

  /** The session login method's email, and whether it is verified. A login method without email counts as verified. */
  async function status(recipeUserId: string): Promise<{ email: string | undefined; verified: boolean; userId: string | undefined }> {
    const user = await getUser(db, recipeUserId);
    const lm = user?.loginMethods.find((m) => m.recipeUserId === recipeUserId);
    return { email: lm?.email, verified: lm?.verified ?? true, userId: user?.id };
  }

  async function setClaim(session: SessionContainer, v: boolean) {
    await session.setClaimValue(EV_CLAIM, { v, t: now() } satisfies EVClaimValue);
  }

  async function refreshClaim(session: SessionContainer): Promise<boolean> {
    const { verified } = await status(session.getRecipeUserId());
    const current = session.getClaimValue<EVClaimValue>(EV_CLAIM);
    if (current?.v !== verified || current === undefined || !verified) await setClaim(session, verified);
    return verified;
  }

  return {
    enabled: options !== undefined,
    setClaim,
    refreshClaim,
    /** The claim value for a new session, or undefined when email verification is off. */
    async claimValueFor(recipeUserId: string): Promise<EVClaimValue | undefined> {
      if (!options) return undefined;
      return { v: (await status(recipeUserId)).verified, t: now() };
    },
    /** The global validator when the mode is REQUIRED. */
    validator(): ClaimValidator | undefined {
      if (options?.mode !== 'REQUIRED') return undefined;
      return {
        id: EV_CLAIM,
        shouldRefetch: (payload) => {
          const value = payload[EV_CLAIM] as EVClaimValue | undefined;
          return value === undefined || (value.v === false && now() - value.t > REFETCH_ON_FALSE_MS);
        },
        refetch: (session) => refreshClaim(session).then(() => undefined),
        validate: (payload) => {
          const value = payload[EV_CLAIM] as EVClaimValue | undefined;
          if (value?.v === true) return undefined;
          return { id: EV_CLAIM, reason: value === undefined ? { message: 'value does not exist' } : { message: 'wrong value', expectedValue: true, actualValue: false } };
        },
      };
    },
    /** Sends a verification link for the session's login method. */
    async sendVerificationEmail(session: SessionContainer, tenantId: string): Promise<'OK' | 'EMAIL_ALREADY_VERIFIED_ERROR'> {
      const { email, verified, userId } = await status(session.getRecipeUserId());
      if (verified || email === undefined) {
        await setClaim(session, true);
        return 'EMAIL_ALREADY_VERIFIED_ERROR';
      }
      const token = randomToken();
      await db.query('INSERT INTO fk_email_verification_tokens (token_hash, recipe_user_id, email, tenant_id, expires_at) VALUES ($1, $2, $3, $4, $5)', [
        await hashToken(token), session.getRecipeUserId(), email, tenantId, now() + tokenLifetimeMs,
      ]);
      const link = `${deps.websiteUrl}/verify-email?token=${encodeURIComponent(token)}&tenantId=${encodeURIComponent(tenantId)}`;
      await deps.delivery.sendEmail({ type: 'EMAIL_VERIFICATION', email, emailVerifyLink: link, user: { id: userId ?? session.getUserId(), recipeUserId: session.getRecipeUserId() }, tenantId });
      return 'OK';
    },
    /**
     * Uses a link: marks its address verified and resolves with the login method's id. A link opened
     * again after it worked (before it expires) resolves with the same id while the address is still
     * verified (so the person reads "confirmed", not "not valid"), and changes nothing.
     */
    async verifyToken(token: string, tenantId: string): Promise<string | undefined> {
      const hash = await hashToken(token);
      return db.transaction(async (tx) => {
        const [row] = await tx.query<{ recipe_user_id: string; email: string; expires_at: number; used_at: number | null }>(
          'SELECT recipe_user_id, email, expires_at, used_at FROM fk_email_verification_tokens WHERE token_hash = $1 AND tenant_id = $2 FOR UPDATE',
          [hash, tenantId],
        );
        if (!row || Number(row.expires_at) <= now()) return undefined;
        if (row.used_at !== null) {
          const still = await tx.query('SELECT 1 FROM fk_verified_emails WHERE recipe_user_id = $1 AND email = $2', [row.recipe_user_id, row.email]);
          return still.length > 0 ? row.recipe_user_id : undefined;
        }
        await markEmailVerified(tx, row.recipe_user_id, row.email);
        // The other links sent for the address go; this one stays, used, until it expires.
        await tx.query('DELETE FROM fk_email_verification_tokens WHERE recipe_user_id = $1 AND email = $2 AND (token_hash <> $3 OR expires_at <= $4)', [row.recipe_user_id, row.email, hash, now()]);
        await tx.query('UPDATE fk_email_verification_tokens SET used_at = $2 WHERE token_hash = $1', [hash, now()]);
        return row.recipe_user_id;
      });
    },
  };
}

export type EmailVerification = ReturnType<typeof createEmailVerification>;
