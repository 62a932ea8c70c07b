import type { Queryable } from './db/Db.ts';
import type { LoginMethod, User } from '../protocol/user.ts';
import { uuid } from './crypto.ts';

export type { LoginMethod, User } from '../protocol/user.ts';

interface LoginMethodRow {
  recipe_user_id: string;
  user_id: string;
  recipe_id: LoginMethod['recipeId'];
  tenant_id: string;
  email: string | null;
  phone_number: string | null;
  third_party_id: string | null;
  third_party_user_id: string | null;
  time_joined: number;
  verified: boolean;
  is_primary: boolean;
}

const selectLoginMethods = (extraColumns = '') => `
SELECT lm.recipe_user_id, lm.user_id, lm.recipe_id, lm.tenant_id, lm.email, lm.phone_number, lm.third_party_id, lm.third_party_user_id, lm.time_joined,
       u.is_primary,
       (lm.email IS NULL OR EXISTS (SELECT 1 FROM fk_verified_emails v WHERE v.recipe_user_id = lm.recipe_user_id AND v.email = lm.email)) AS verified${extraColumns}
FROM fk_login_methods lm JOIN fk_users u ON u.user_id = lm.user_id`;

// A recipe user id names its login method's user; any other id is taken as a user id (the join drops unknown ones).
const WHERE_USER_OWNS = 'WHERE lm.user_id = COALESCE((SELECT user_id FROM fk_login_methods WHERE recipe_user_id = $1), $1)';

/** Fake emails stand in for users without one; they never receive mail. */
export function isFakeEmail(email: string): boolean {
  return email.endsWith('@stfakeemail.supertokens.com') || email.endsWith('.fakeemail.com');
}

function toUser(rows: LoginMethodRow[]): User | undefined {
  const first = rows[0];
  if (!first) return undefined;
  rows.sort((a, b) => a.time_joined - b.time_joined);
  const loginMethods = rows.map<LoginMethod>((r) => ({
    recipeId: r.recipe_id,
    recipeUserId: r.recipe_user_id,
    tenantIds: [r.tenant_id],
    ...(r.email !== null && { email: r.email }),
    ...(r.phone_number !== null && { phoneNumber: r.phone_number }),
    ...(r.third_party_id !== null && r.third_party_user_id !== null && { thirdParty: { id: r.third_party_id, userId: r.third_party_user_id } }),
    timeJoined: r.time_joined,
    verified: r.verified,
  }));
  const unique = (xs: (string | undefined)[]) => [...new Set(xs.filter((x): x is string => x !== undefined))];
  return {
    id: first.user_id,
    isPrimaryUser: first.is_primary,
    tenantIds: unique(loginMethods.flatMap((m) => m.tenantIds)),
    emails: unique(loginMethods.map((m) => m.email)),
    phoneNumbers: unique(loginMethods.map((m) => m.phoneNumber)),
    thirdParty: loginMethods.flatMap((m) => (m.thirdParty ? [m.thirdParty] : [])),
    webauthn: { credentialIds: [] },
    loginMethods,
    timeJoined: Math.min(...loginMethods.map((m) => m.timeJoined)),
  };
}

/** The user owning `id`, which may be a primary user id or any of its recipe user ids. */
export async function getUser(db: Queryable, id: string): Promise<User | undefined> {
  return toUser(await db.query<LoginMethodRow>(`${selectLoginMethods()} ${WHERE_USER_OWNS}`, [id]));
}

// Whether the login methods' user has a verified TOTP device (a column for selectLoginMethods).
const HAS_VERIFIED_TOTP = 'EXISTS (SELECT 1 FROM fk_totp_devices d WHERE d.user_id = lm.user_id AND d.verified) AS has_verified_totp';

/** `getUser`, plus whether the user has a verified TOTP device, in one statement (for the MFA evaluation). */
export async function getUserAndVerifiedTotp(db: Queryable, id: string): Promise<{ user: User; hasVerifiedTotp: boolean } | undefined> {
  const rows = await db.query<LoginMethodRow & { has_verified_totp: boolean }>(
    `${selectLoginMethods(`, ${HAS_VERIFIED_TOTP}`)} ${WHERE_USER_OWNS}`,
    [id],
  );
  const user = toUser(rows);
  return user && { user, hasVerifiedTotp: rows[0]!.has_verified_totp };
}

/**
 * `getUserAndVerifiedTotp`, plus the user's metadata and the tenant's required secondary factors:
 * all the MFA evaluation reads, in one statement (`PUT /mfa/info` on every protected page).
 */
export async function getUserForMfa(
  db: Queryable,
  id: string,
  tenantId: string,
): Promise<{ user: User; hasVerifiedTotp: boolean; metadata: Record<string, unknown> | null; tenantRequired: string[] | null } | undefined> {
  const rows = await db.query<LoginMethodRow & { has_verified_totp: boolean; metadata: Record<string, unknown> | null; tenant_required: string[] | null }>(
    `${selectLoginMethods(
      `, ${HAS_VERIFIED_TOTP},
       (SELECT metadata FROM fk_user_metadata m WHERE m.user_id = lm.user_id) AS metadata,
       (SELECT required_secondary_factors FROM fk_tenants WHERE tenant_id = $2) AS tenant_required`,
    )} ${WHERE_USER_OWNS}`,
    [id, tenantId],
  );
  const user = toUser(rows);
  const first = rows[0];
  return user && first && { user, hasVerifiedTotp: first.has_verified_totp, metadata: first.metadata, tenantRequired: first.tenant_required };
}

/** Users with a login method of `recipeId` matching the email, phone number or third-party account in a tenant. */
export async function findLoginMethod(
  db: Queryable,
  where: { tenantId: string; recipeId: LoginMethod['recipeId']; email?: string; phoneNumber?: string; thirdParty?: { id: string; userId: string } },
): Promise<{ recipeUserId: string; userId: string; passwordHash: string | null } | undefined> {
  const [condition, values] =
    where.thirdParty !== undefined
      ? ['third_party_id = $3 AND third_party_user_id = $4', [where.thirdParty.id, where.thirdParty.userId]]
      : where.email !== undefined
        ? ['email = $3', [where.email]]
        : ['phone_number = $3', [where.phoneNumber]];
  const rows = await db.query<{ recipe_user_id: string; user_id: string; password_hash: string | null }>(
    `SELECT recipe_user_id, user_id, password_hash FROM fk_login_methods WHERE tenant_id = $1 AND recipe_id = $2 AND ${condition}`,
    [where.tenantId, where.recipeId, ...values],
  );
  const row = rows[0];
  return row && { recipeUserId: row.recipe_user_id, userId: row.user_id, passwordHash: row.password_hash };
}

/** Creates a recipe user that is its own (not yet primary) user. Returns its id. */
export async function createRecipeUser(
  db: Queryable,
  input: { recipeId: LoginMethod['recipeId']; tenantId: string; email?: string; phoneNumber?: string; passwordHash?: string; thirdParty?: { id: string; userId: string }; now: number },
): Promise<string> {
  const id = uuid();
  await db.query('INSERT INTO fk_users (user_id, is_primary, time_joined) VALUES ($1, FALSE, $2)', [id, input.now]);
  await db.query(
    'INSERT INTO fk_login_methods (recipe_user_id, user_id, recipe_id, tenant_id, email, phone_number, password_hash, third_party_id, third_party_user_id, time_joined) VALUES ($1, $1, $2, $3, $4, $5, $6, $7, $8, $9)',
    [id, input.recipeId, input.tenantId, input.email ?? null, input.phoneNumber ?? null, input.passwordHash ?? null, input.thirdParty?.id ?? null, input.thirdParty?.userId ?? null, input.now],
  );
  return id;
}

/** Makes a recipe user primary (its id stays the same, so a session's `sub` does not change). */
export async function createPrimaryUser(db: Queryable, recipeUserId: string): Promise<void> {
  await db.query('UPDATE fk_users SET is_primary = TRUE WHERE user_id = (SELECT user_id FROM fk_login_methods WHERE recipe_user_id = $1)', [recipeUserId]);
}

/** Links a recipe user to a primary user. The recipe user must not be linked to another user. */
export async function linkAccounts(db: Queryable, recipeUserId: string, primaryUserId: string): Promise<void> {
  const rows = await db.query<{ user_id: string }>('SELECT user_id FROM fk_login_methods WHERE recipe_user_id = $1', [recipeUserId]);
  const current = rows[0]?.user_id;
  if (current === undefined) throw new Error(`Unknown recipe user ${recipeUserId}`);
  if (current === primaryUserId) return;
  if (current !== recipeUserId) throw new Error(`Recipe user ${recipeUserId} is already linked to another user`);
  await db.query('UPDATE fk_users SET is_primary = TRUE WHERE user_id = $1', [primaryUserId]);
  await db.query('UPDATE fk_login_methods SET user_id = $1 WHERE recipe_user_id = $2', [primaryUserId, recipeUserId]);
  await db.query('DELETE FROM fk_users WHERE user_id = $1', [recipeUserId]);
}

/** Marks an email as verified for a recipe user. */
export async function markEmailVerified(db: Queryable, recipeUserId: string, email: string): Promise<void> {
  await db.query('INSERT INTO fk_verified_emails (recipe_user_id, email) VALUES ($1, $2) ON CONFLICT DO NOTHING', [recipeUserId, email]);
}
