import { describe, expect, it } from 'vitest';
import { createBackend, migrate, migrations, openDb } from '../../src/server/index.ts';
import { emailCollisions } from '../../src/server/db/migrations.ts';
import { API, latestCode, testClock, testDatabase, WEBSITE } from '../server/helpers.ts';
import { servedBackend } from './helpers.ts';

/**
 * Finding 8: `X@EXAMPLE.COM` and `x@example.com` were two accounts, and sign-in was case sensitive.
 * Now one normalisation (trim, lower-case) wherever an email is stored or looked up, and a migration
 * that normalises stored addresses and reports (never merges) the ones that collide.
 */

const clock = testClock(Date.now());
const env = servedBackend(() => ({ now: clock.now }));
let n = 0;
const local = () => `Mixed.Case-${Date.now().toString(36)}-${++n}`;

describe('finding 8: email addresses are normalised', () => {
  it('an address differing only in case is the same account', async () => {
    const name = local();
    const first = await env.client().signUp(`  ${name.toUpperCase()}@EXAMPLE.COM `);
    expect(first.body.status).toBe('OK');
    expect(first.body.user.emails).toEqual([`${name.toLowerCase()}@example.com`]);
    const second = await env.client().signUp(`${name.toLowerCase()}@example.com`);
    expect(second.body).toEqual({ status: 'FIELD_ERROR', formFields: [{ id: 'email', error: 'This email already exists. Please sign in instead.' }] });
    const signedIn = await env.client().signIn(`${name}@Example.Com`);
    expect(signedIn.body.status).toBe('OK');
    expect(signedIn.body.user.id).toBe(first.body.user.id);
  });

  it('codes, the exists checks and the outbox use the normalised address', async () => {
    const name = local();
    const c = env.client();
    const code = await c.request('POST', '/signinup/code', { email: `${name}@Example.COM`, shouldTryLinkingWithSessionUser: false });
    expect(code.body.status).toBe('OK');
    const userInputCode = await latestCode(env.backend, `${name.toLowerCase()}@example.com`);
    const consumed = await c.request('POST', '/signinup/code/consume', { deviceId: code.body.deviceId, preAuthSessionId: code.body.preAuthSessionId, userInputCode, shouldTryLinkingWithSessionUser: false });
    expect(consumed.body.user.emails).toEqual([`${name.toLowerCase()}@example.com`]);
    const exists = await c.request('GET', `/passwordless/email/exists?email=${encodeURIComponent(`${name.toUpperCase()}@EXAMPLE.com`)}`);
    expect(exists.body).toEqual({ status: 'OK', exists: true });
  });
});

describe('finding 8: the migration reports collisions and merges nothing', () => {
  it('normalises stored addresses, and lists the ones that would collide instead of changing them', async () => {
    const database = await testDatabase();
    const db = await openDb(database);
    try {
      // The schema as it shipped before normalisation, with users written by that version.
      await db.exec('CREATE TABLE fk_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
      for (const statement of migrations[0]!.sql.split(/;\s*$/m).map((s) => s.replace(/^\s*--.*$/gm, '').trim()).filter(Boolean)) await db.query(statement);
      await db.query('INSERT INTO fk_migrations (id, name, applied_at) VALUES (1, $1, 0)', [migrations[0]!.name]);
      const addUser = async (id: string, email: string) => {
        await db.query('INSERT INTO fk_users (user_id, is_primary, time_joined) VALUES ($1, FALSE, 1)', [id]);
        await db.query("INSERT INTO fk_login_methods (recipe_user_id, user_id, recipe_id, tenant_id, email, password_hash, time_joined) VALUES ($1, $1, 'emailpassword', 'public', $2, 'x', 1)", [id, email]);
        await db.query('INSERT INTO fk_verified_emails (recipe_user_id, email) VALUES ($1, $2)', [id, email]);
      };
      await addUser('u-lower', 'ann@example.com');
      await addUser('u-upper', 'Ann@Example.com');
      await addUser('u-alone', ' Bob@EXAMPLE.com');

      await migrate(db);

      const rows = await db.query<{ recipe_user_id: string; email: string }>('SELECT recipe_user_id, email FROM fk_login_methods ORDER BY recipe_user_id');
      expect(rows).toEqual([
        { recipe_user_id: 'u-alone', email: 'bob@example.com' },
        { recipe_user_id: 'u-lower', email: 'ann@example.com' },
        { recipe_user_id: 'u-upper', email: 'Ann@Example.com' },
      ]);
      expect(await emailCollisions(db)).toEqual([{ tenantId: 'public', recipeId: 'emailpassword', normalisedEmail: 'ann@example.com', recipeUserIds: ['u-lower', 'u-upper'] }]);
      const verified = await db.query<{ email: string }>("SELECT email FROM fk_verified_emails WHERE recipe_user_id = 'u-alone'");
      expect(verified).toEqual([{ email: 'bob@example.com' }]);

      // A backend on that database starts, says so, and signs the normalised user in.
      const warnings: string[] = [];
      const warn = console.warn;
      console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
      try {
        const backend = await createBackend({ appInfo: { appName: 'x', apiDomain: API, websiteDomain: WEBSITE }, database: db });
        expect(warnings.join('\n')).toMatch(/1 email address.*collide/i);
        await backend.close().catch(() => undefined);
      } finally {
        console.warn = warn;
      }
    } finally {
      await db.close().catch(() => undefined);
    }
  });
});
