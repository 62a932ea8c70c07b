import type { Db } from './Db.ts';

/**
 * The schema, as an append-only list of migrations. Never edit a migration that has shipped: add one.
 * Times are epoch milliseconds in BIGINT columns.
 */
export const migrations: readonly { id: number; name: string; sql: string }[] = [
  {
    id: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE fk_tenants (
  tenant_id TEXT PRIMARY KEY,
  first_factors JSONB,
  required_secondary_factors JSONB,
  created_at BIGINT NOT NULL
);

CREATE TABLE fk_users (
  user_id TEXT PRIMARY KEY,
  is_primary BOOLEAN NOT NULL DEFAULT FALSE,
  time_joined BIGINT NOT NULL
);

-- A login method ("recipe user"). user_id is the primary user it belongs to (itself until linked).
CREATE TABLE fk_login_methods (
  recipe_user_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES fk_users(user_id),
  recipe_id TEXT NOT NULL,
  tenant_id TEXT NOT NULL REFERENCES fk_tenants(tenant_id),
  email TEXT,
  phone_number TEXT,
  password_hash TEXT,
  time_joined BIGINT NOT NULL
);
CREATE INDEX fk_login_methods_user ON fk_login_methods(user_id);
CREATE UNIQUE INDEX fk_login_methods_email ON fk_login_methods(tenant_id, recipe_id, email) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX fk_login_methods_phone ON fk_login_methods(tenant_id, recipe_id, phone_number) WHERE phone_number IS NOT NULL;

CREATE TABLE fk_verified_emails (
  recipe_user_id TEXT NOT NULL,
  email TEXT NOT NULL,
  PRIMARY KEY (recipe_user_id, email)
);

CREATE TABLE fk_email_verification_tokens (
  token_hash TEXT PRIMARY KEY,
  recipe_user_id TEXT NOT NULL,
  email TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX fk_ev_tokens_user ON fk_email_verification_tokens(recipe_user_id);

CREATE TABLE fk_user_metadata (
  user_id TEXT PRIMARY KEY,
  metadata JSONB NOT NULL
);

CREATE TABLE fk_user_roles (
  tenant_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (tenant_id, user_id, role)
);

CREATE TABLE fk_sessions (
  session_handle TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  recipe_user_id TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  payload JSONB NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX fk_sessions_user ON fk_sessions(user_id);

-- Every refresh token ever issued for a live session; a used ('rotated') one seen again is theft.
CREATE TABLE fk_refresh_tokens (
  token_hash TEXT PRIMARY KEY,
  session_handle TEXT NOT NULL REFERENCES fk_sessions(session_handle) ON DELETE CASCADE,
  rotated BOOLEAN NOT NULL DEFAULT FALSE,
  created_at BIGINT NOT NULL
);
CREATE INDEX fk_refresh_tokens_session ON fk_refresh_tokens(session_handle);

CREATE TABLE fk_signing_keys (
  kid TEXT PRIMARY KEY,
  private_jwk JSONB NOT NULL,
  public_jwk JSONB NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE fk_pwless_devices (
  device_id_hash TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  email TEXT,
  phone_number TEXT,
  link_code_salt TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX fk_pwless_devices_email ON fk_pwless_devices(tenant_id, email);
CREATE INDEX fk_pwless_devices_phone ON fk_pwless_devices(tenant_id, phone_number);

CREATE TABLE fk_pwless_codes (
  code_id TEXT PRIMARY KEY,
  device_id_hash TEXT NOT NULL REFERENCES fk_pwless_devices(device_id_hash) ON DELETE CASCADE,
  link_code_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);
CREATE INDEX fk_pwless_codes_device ON fk_pwless_codes(device_id_hash);

CREATE TABLE fk_totp_devices (
  user_id TEXT NOT NULL,
  device_name TEXT NOT NULL,
  secret TEXT NOT NULL,
  period INTEGER NOT NULL,
  skew INTEGER NOT NULL,
  verified BOOLEAN NOT NULL DEFAULT FALSE,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, device_name)
);

-- One row per TOTP attempt: the lockout counts the newest run of invalid ones; valid ones block replay.
CREATE TABLE fk_totp_attempts (
  id BIGSERIAL PRIMARY KEY,
  user_id TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  code TEXT NOT NULL,
  is_valid BOOLEAN NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX fk_totp_attempts_user ON fk_totp_attempts(user_id, tenant_id, id DESC);

-- Serialises TOTP checks per user so parallel guesses cannot exceed the attempt limit.
CREATE TABLE fk_totp_locks (
  user_id TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  PRIMARY KEY (user_id, tenant_id)
);

CREATE TABLE fk_dev_outbox (
  id BIGSERIAL PRIMARY KEY,
  channel TEXT NOT NULL,
  recipient TEXT NOT NULL,
  message JSONB NOT NULL,
  created_at BIGINT NOT NULL
);

INSERT INTO fk_tenants (tenant_id, created_at) VALUES ('public', 0);
`,
  },
  {
    id: 2,
    name: 'security hardening: limits, step-up proofs, code binding, refresh retries, email normalisation',
    sql: `
-- Counters of the limits (code sends, wrong codes, passwords), shared by every process on the database.
CREATE TABLE fk_rate_limits (
  bucket TEXT NOT NULL,
  key TEXT NOT NULL,
  count INTEGER NOT NULL,
  window_start BIGINT NOT NULL,
  last_at BIGINT NOT NULL,
  PRIMARY KEY (bucket, key)
);
CREATE INDEX fk_rate_limits_last ON fk_rate_limits(last_at);

-- A refresh token stays usable until one of its children is used (a retried or parallel refresh).
ALTER TABLE fk_refresh_tokens ADD COLUMN parent_hash TEXT;
ALTER TABLE fk_refresh_tokens ADD COLUMN superseded BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX fk_refresh_tokens_parent ON fk_refresh_tokens(parent_hash);

-- Completions that may vouch for a sensitive change (step-up): factor id -> epoch seconds.
ALTER TABLE fk_sessions ADD COLUMN step_up JSONB NOT NULL DEFAULT '{}'::jsonb;

-- The session a second-factor code belongs to (NULL: a first-factor code).
ALTER TABLE fk_pwless_devices ADD COLUMN session_handle TEXT;
ALTER TABLE fk_pwless_devices ADD COLUMN created_at BIGINT NOT NULL DEFAULT 0;

-- The session that added a login method or an authenticator to an account (NULL: the account's own).
ALTER TABLE fk_login_methods ADD COLUMN enrolled_session TEXT;
ALTER TABLE fk_totp_devices ADD COLUMN enrolled_session TEXT;

-- Email addresses are stored trimmed and lower-cased. Stored addresses that would collide once
-- normalised are left as they are and listed here for an operator: never merged silently.
CREATE TABLE fk_email_collisions (
  recipe_user_id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  recipe_id TEXT NOT NULL,
  email TEXT NOT NULL,
  normalised_email TEXT NOT NULL
);
INSERT INTO fk_email_collisions (recipe_user_id, tenant_id, recipe_id, email, normalised_email)
  SELECT lm.recipe_user_id, lm.tenant_id, lm.recipe_id, lm.email, lower(btrim(lm.email))
  FROM fk_login_methods lm
  WHERE lm.email IS NOT NULL AND (lm.tenant_id, lm.recipe_id, lower(btrim(lm.email))) IN (
    SELECT tenant_id, recipe_id, lower(btrim(email)) FROM fk_login_methods WHERE email IS NOT NULL
    GROUP BY tenant_id, recipe_id, lower(btrim(email)) HAVING count(*) > 1
  );
UPDATE fk_login_methods SET email = lower(btrim(email))
  WHERE email IS NOT NULL AND email <> lower(btrim(email)) AND recipe_user_id NOT IN (SELECT recipe_user_id FROM fk_email_collisions);
INSERT INTO fk_verified_emails (recipe_user_id, email)
  SELECT v.recipe_user_id, lower(btrim(v.email)) FROM fk_verified_emails v
  JOIN fk_login_methods lm ON lm.recipe_user_id = v.recipe_user_id AND lm.email = lower(btrim(v.email))
  WHERE v.email <> lower(btrim(v.email))
  ON CONFLICT DO NOTHING;
DELETE FROM fk_verified_emails v USING fk_login_methods lm
  WHERE lm.recipe_user_id = v.recipe_user_id AND lm.email = lower(btrim(v.email)) AND v.email <> lm.email;
UPDATE fk_email_verification_tokens t SET email = lower(btrim(t.email)) FROM fk_login_methods lm
  WHERE lm.recipe_user_id = t.recipe_user_id AND lm.email = lower(btrim(t.email)) AND t.email <> lm.email;
UPDATE fk_pwless_devices SET email = lower(btrim(email)) WHERE email IS NOT NULL AND email <> lower(btrim(email));
`,
  },
  {
    id: 3,
    name: 'first factors: password reset, social and enterprise sign-in',
    sql: `
-- A social or enterprise login: the provider's id and the user's id there.
ALTER TABLE fk_login_methods ADD COLUMN third_party_id TEXT;
ALTER TABLE fk_login_methods ADD COLUMN third_party_user_id TEXT;
CREATE UNIQUE INDEX fk_login_methods_third_party ON fk_login_methods(tenant_id, third_party_id, third_party_user_id) WHERE third_party_id IS NOT NULL;
-- One address may come from several providers (one login each): the address is unique per recipe except there.
DROP INDEX fk_login_methods_email;
-- The providers a tenant offers (NULL: every configured one).
ALTER TABLE fk_tenants ADD COLUMN third_party_providers JSONB;
CREATE UNIQUE INDEX fk_login_methods_email ON fk_login_methods(tenant_id, recipe_id, email) WHERE email IS NOT NULL AND recipe_id <> 'thirdparty';

-- Password reset links: the token's SHA-256, single use, short-lived.
CREATE TABLE fk_password_reset_tokens (
  token_hash TEXT PRIMARY KEY,
  recipe_user_id TEXT NOT NULL REFERENCES fk_login_methods(recipe_user_id) ON DELETE CASCADE,
  tenant_id TEXT NOT NULL,
  email TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX fk_password_reset_tokens_user ON fk_password_reset_tokens(recipe_user_id);
`,
  },
  {
    id: 4,
    name: 'a verification link opened again after success says so',
    sql: `
-- A used link is kept (until it expires) to answer "confirmed" if opened again; it verifies nothing more.
ALTER TABLE fk_email_verification_tokens ADD COLUMN used_at BIGINT;
`,
  },
  {
    id: 5,
    name: 'sessions a user can see and revoke',
    sql: `
-- What the user sees of each session: the browser it came from, its address, when it was last used.
ALTER TABLE fk_sessions ADD COLUMN user_agent TEXT;
ALTER TABLE fk_sessions ADD COLUMN client_address TEXT;
ALTER TABLE fk_sessions ADD COLUMN last_active_at BIGINT;
`,
  },
  {
    id: 6,
    name: 'when each authenticator app last gave a code',
    sql: `
ALTER TABLE fk_totp_devices ADD COLUMN last_used_at BIGINT;
`,
  },
  {
    id: 7,
    name: 'recovery codes',
    sql: `
-- A user's recovery codes, each stored as a slow hash (salted with the user id); used_at marks a spent one.
CREATE TABLE fk_recovery_codes (
  user_id TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  used_at BIGINT,
  PRIMARY KEY (user_id, code_hash)
);
`,
  },
  {
    id: 8,
    name: 'trusted devices',
    sql: `
-- Browsers a user said not to ask the second factor on; the secret is kept as SHA-256.
CREATE TABLE fk_trusted_devices (
  device_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  last_used_at BIGINT,
  user_agent TEXT,
  client_address TEXT
);
CREATE INDEX fk_trusted_devices_user ON fk_trusted_devices (user_id);
`,
  },
  {
    id: 9,
    name: 'passkeys',
    sql: `
-- Generated WebAuthn options: a challenge used once, before it expires.
CREATE TABLE fk_webauthn_options (
  options_id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  challenge TEXT NOT NULL,
  email TEXT,
  user_handle TEXT,
  rp_id TEXT NOT NULL,
  origins JSONB NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
-- Passkeys: the public key (base64url COSE), the signature counter, backup state, who added it.
CREATE TABLE fk_webauthn_credentials (
  credential_id TEXT PRIMARY KEY,
  recipe_user_id TEXT NOT NULL REFERENCES fk_login_methods(recipe_user_id) ON DELETE CASCADE,
  user_handle TEXT NOT NULL,
  public_key TEXT NOT NULL,
  counter BIGINT NOT NULL,
  transports JSONB,
  backed_up BOOLEAN,
  device_type TEXT,
  rp_id TEXT NOT NULL,
  name TEXT,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  enrolled_session TEXT
);
CREATE INDEX fk_webauthn_credentials_user ON fk_webauthn_credentials (recipe_user_id);
`,
  },
  {
    id: 10,
    name: 'passkey recovery links',
    sql: `
-- Emailed links share one table: a password reset, or a new passkey for a passkey account.
ALTER TABLE fk_password_reset_tokens ADD COLUMN purpose TEXT NOT NULL DEFAULT 'password';
`,
  },
  {
    id: 11,
    name: 'when each login method was last used',
    sql: `
-- Set by every sign-in or factor completed with the login method ("Last used" in the settings).
ALTER TABLE fk_login_methods ADD COLUMN last_used_at BIGINT;
`,
  },
];

/** A group of stored addresses that collide once normalised (see migration 2): listed, never merged. */
export interface EmailCollision {
  tenantId: string;
  recipeId: string;
  normalisedEmail: string;
  /** The login methods sharing the address, in id order. */
  recipeUserIds: string[];
}

/** The stored email addresses that could not be normalised because they would collide. */
export async function emailCollisions(db: Db): Promise<EmailCollision[]> {
  // Rows of login methods since deleted (an operator resolving a collision) drop out of the list.
  const rows = await db.query<{ tenant_id: string; recipe_id: string; normalised_email: string; ids: string[] }>(
    `SELECT c.tenant_id, c.recipe_id, c.normalised_email, array_agg(c.recipe_user_id ORDER BY c.recipe_user_id) AS ids
     FROM fk_email_collisions c JOIN fk_login_methods lm ON lm.recipe_user_id = c.recipe_user_id
     GROUP BY c.tenant_id, c.recipe_id, c.normalised_email HAVING count(*) > 1 ORDER BY c.normalised_email`,
  );
  return rows.map((r) => ({ tenantId: r.tenant_id, recipeId: r.recipe_id, normalisedEmail: r.normalised_email, recipeUserIds: r.ids }));
}

/**
 * Brings the schema up to date. Safe to call from many processes sharing one PostgreSQL: an advisory
 * lock serialises them, and each migration runs in its own transaction.
 */
export async function migrate(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    // Inside the lock: concurrent CREATE TABLE IF NOT EXISTS can still collide on PostgreSQL.
    await tx.query('SELECT pg_advisory_xact_lock(724242)');
    await tx.query('CREATE TABLE IF NOT EXISTS fk_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
    const done = new Set((await tx.query<{ id: number }>('SELECT id FROM fk_migrations')).map((r) => r.id));
    for (const m of migrations) {
      if (done.has(m.id)) continue;
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query('INSERT INTO fk_migrations (id, name, applied_at) VALUES ($1, $2, $3)', [m.id, m.name, Date.now()]);
    }
  });
}

// Extended-protocol queries take one statement each; the migrations hold no semicolons in strings.
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);
}
