import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../src/server/db/openDb.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it('a PGlite data folder under folders that do not exist yet (README: .data/pglite in a fresh app)', async () => {
  const root = mkdtempSync(join(tmpdir(), 'fk-opendb-'));
  dirs.push(root);
  const db = await openDb({ kind: 'pglite', dataDir: join(root, 'not', 'there', 'pglite') });
  expect(await db.query<{ n: number }>('SELECT 1 AS n')).toEqual([{ n: 1 }]);
  await db.close();
});

// PGlite's queries go through named prepared statements (src/server/db/pglitePrepared.ts): what they
// return and throw must be what PGlite's own query gives.
describe('PGlite queries through prepared statements', () => {
  it('read and write every column type the schema uses as PGlite does, statement after statement', async () => {
    const db = await openDb({ kind: 'memory' });
    await db.exec('CREATE TABLE t (id TEXT PRIMARY KEY, n BIGINT, i INTEGER, j JSONB, b BOOLEAN, a TEXT[], bytes BYTEA)');
    const row = { id: 'k1', n: 1_764_547_200_000, i: 7, j: { a: [1, 'x'], b: null }, b: true, a: ['totp', 'otp-email'], bytes: new Uint8Array([0, 255, 10]) };
    for (let round = 0; round < 8; round++) {
      // Past five runs Postgres may switch a prepared statement to its generic plan: the same answers.
      await db.query('INSERT INTO t (id, n, i, j, b, a, bytes) VALUES ($1, $2, $3, $4, $5, $6, $7)', [`${row.id}-${round}`, row.n, row.i, row.j, row.b, row.a, row.bytes]);
      const [read] = await db.query<typeof row>('SELECT id, n, i, j, b, a, bytes FROM t WHERE id = $1', [`${row.id}-${round}`]);
      expect(read).toEqual({ ...row, id: `${row.id}-${round}` });
    }
    expect(await db.query('SELECT id FROM t WHERE id = $1', [null])).toEqual([]);
    expect(await db.query('UPDATE t SET n = n + 1 WHERE id = $1', ['k1-0'])).toEqual([]);
    await db.close();
  });

  it('throws the SQLSTATE PGlite gives, and the database goes on working', async () => {
    const db = await openDb({ kind: 'memory' });
    await db.exec('CREATE TABLE t (id TEXT PRIMARY KEY)');
    await db.query('INSERT INTO t (id) VALUES ($1)', ['a']);
    await expect(db.query('INSERT INTO t (id) VALUES ($1)', ['a'])).rejects.toMatchObject({ code: '23505' });
    await expect(db.query('SELECT nope FROM t')).rejects.toMatchObject({ code: '42703' });
    await expect(db.transaction(async (tx) => tx.query('INSERT INTO t (id) VALUES ($1)', ['a']))).rejects.toMatchObject({ code: '23505' });
    expect(await db.query('SELECT id FROM t')).toEqual([{ id: 'a' }]);
    await db.close();
  });

  it('a query outside a transaction waits for it; a rolled-back transaction leaves nothing', async () => {
    const db = await openDb({ kind: 'memory' });
    await db.exec('CREATE TABLE t (id TEXT PRIMARY KEY)');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedInTx = new Promise<void>((resolve) => (inserted = resolve));
    const order: string[] = [];
    const tx = db.transaction(async (q) => {
      await q.query('INSERT INTO t (id) VALUES ($1)', ['in-tx']);
      inserted();
      await held;
      order.push('tx done');
    });
    await insertedInTx;
    const outside = db.query<{ id: string }>('SELECT id FROM t').then((rows) => (order.push('outside'), rows));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual([]);
    release();
    await tx;
    expect(await outside).toEqual([{ id: 'in-tx' }]);
    expect(order).toEqual(['tx done', 'outside']);
    await expect(
      db.transaction(async (q) => {
        await q.query('INSERT INTO t (id) VALUES ($1)', ['rolled-back']);
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(await db.query('SELECT id FROM t ORDER BY id')).toEqual([{ id: 'in-tx' }]);
    await db.close();
  });

  it('keeps working past the number of statements it keeps prepared (dynamic SQL)', async () => {
    const db = await openDb({ kind: 'memory' });
    for (let i = 0; i < 1010; i++) expect(await db.query<{ n: number }>(`SELECT $1::int + ${i} AS n`, [1])).toEqual([{ n: 1 + i }]);
    await db.close();
  });
});

it('a query after the database closed says so, as PGlite does', async () => {
  const db = await openDb({ kind: 'memory' });
  await db.query('SELECT 1');
  await db.close();
  await expect(db.query('SELECT 1')).rejects.toThrow('PGlite is closed');
});
