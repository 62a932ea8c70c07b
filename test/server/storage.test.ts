import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrations, openDb } from '../../src/server/index.ts';
import { startBackend, testDatabase, TestClient } from './helpers.ts';

// Runs on in-memory PGlite in `npm test`, and on PostgreSQL when TEST_DATABASE_URL is set (.ci/run).
describe(`storage (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('migrates once, and again is a no-op', async () => {
    const db = await openDb(await testDatabase());
    try {
      await migrate(db);
      await migrate(db);
      const applied = await db.query<{ id: number }>('SELECT id FROM fk_migrations ORDER BY id');
      expect(applied.map((r) => r.id)).toEqual(migrations.map((m) => m.id));
      const tenants = await db.query('SELECT tenant_id FROM fk_tenants');
      expect(tenants).toEqual([{ tenant_id: 'public' }]);
    } finally {
      await db.close();
    }
  });

  it('lets two backends share one database: sign up on one, sign in, refresh and sign out on the other', async () => {
    const option = await testDatabase();
    // Two PGlite backends cannot open one in-memory database, so they share the handle; on
    // PostgreSQL each opens its own pool, like two server processes.
    const shared = option.kind === 'memory' ? await openDb(option) : option;
    const a = await startBackend({ database: shared });
    const b = await startBackend({ database: shared });
    try {
      const onA = new TestClient(a);
      expect((await onA.signUp('shared@example.com')).body.status).toBe('OK');
      const onB = new TestClient(b);
      expect((await onB.signIn('shared@example.com')).body.status).toBe('OK');
      // A token issued by A is accepted by B: the signing key lives in the database.
      onB.accessToken = onA.accessToken;
      onB.refreshToken = onA.refreshToken;
      expect((await onB.request('GET', '/totp/device/list')).status).toBe(200);
      expect((await onB.request('POST', '/session/refresh')).status).toBe(200);
      // B uses its new access token, which settles the rotation on the shared database: A's copy of the
      // old refresh token is now stale, using it again is theft, and ends the session.
      expect((await onB.request('GET', '/totp/device/list')).status).toBe(200);
      const reused = await onA.request('POST', '/session/refresh');
      expect(reused.status).toBe(401);
      expect(reused.body).toEqual({ message: 'token theft detected' });
      expect((await onB.request('POST', '/session/refresh')).status).toBe(401);
    } finally {
      await a.close();
      if (option.kind !== 'memory') await b.close();
    }
  });

  it.skipIf(process.env.TEST_DATABASE_URL !== undefined)('keeps data on disk across restarts (PGlite folder)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fk-pglite-'));
    try {
      const first = await startBackend({ database: { kind: 'pglite', dataDir: dir } });
      const c = new TestClient(first);
      expect((await c.signUp('disk@example.com')).body.status).toBe('OK');
      await first.close();
      const second = await startBackend({ database: { kind: 'pglite', dataDir: dir } });
      try {
        expect((await new TestClient(second).signIn('disk@example.com')).body.status).toBe('OK');
        // The session made before the restart is still valid: keys and sessions are stored.
        const again = new TestClient(second);
        again.accessToken = c.accessToken;
        expect((await again.request('GET', '/totp/device/list')).status).toBe(200);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(process.env.TEST_DATABASE_URL !== undefined)('migrates safely when several processes start at once', async () => {
    const option = await testDatabase();
    const dbs = await Promise.all([1, 2, 3, 4].map(() => openDb(option)));
    try {
      await Promise.all(dbs.map((db) => migrate(db)));
      const applied = await dbs[0]!.query('SELECT id FROM fk_migrations');
      expect(applied).toHaveLength(migrations.length);
    } finally {
      await Promise.all(dbs.map((db) => db.close()));
    }
  });
});

