import type { Db, Queryable } from './Db.ts';
import { preparedQueries } from './pglitePrepared.ts';

/** Where the backend keeps its data. */
export type DatabaseOption =
  | Db
  | { kind: 'memory' }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'postgres'; url: string; max?: number };

/**
 * Opens the database: embedded PGlite (in memory or a folder on disk) or a real PostgreSQL server.
 * Drivers are imported lazily so a browser bundle (msw) never loads `pg`.
 */
export async function openDb(option: DatabaseOption = { kind: 'memory' }): Promise<Db> {
  if ('query' in option) return option;
  if (option.kind === 'postgres') return openPostgres(option.url, option.max ?? 10);
  const pglite = await import('@electric-sql/pglite');
  const { PGlite } = pglite;
  // BIGINT columns hold epoch milliseconds, well inside Number's exact range.
  const parsers = { 20: (v: string) => Number(v) };
  if (option.kind === 'pglite') await makeParentFolders(option.dataDir);
  const pg = await PGlite.create(option.kind === 'pglite' ? { dataDir: option.dataDir, parsers } : { parsers });
  const prepared = preparedQueries(pg, pglite);
  return {
    kind: 'pglite',
    query: prepared.query,
    transaction(fn) {
      return pg.transaction(() => fn({ query: prepared.inTransaction }));
    },
    async exec(sql) {
      await pg.exec(sql);
    },
    async close() {
      await pg.close();
    },
  };
}

/**
 * PGlite makes its own folder but not the ones above it (`.data/` in a fresh checkout): make them. A
 * scheme (`idb://`, `memory://`) is not a folder; outside Node there are none to make.
 */
async function makeParentFolders(dataDir: string): Promise<void> {
  if (/^[a-z]+:\/\//i.test(dataDir) || typeof process === 'undefined' || !process.versions?.node) return;
  const { mkdir } = await import('node:fs/promises');
  const { dirname } = await import('node:path');
  await mkdir(dirname(dataDir), { recursive: true });
}

async function openPostgres(url: string, max: number): Promise<Db> {
  const { default: pgModule } = await import('pg');
  // BIGINT columns hold epoch milliseconds, well inside Number's exact range.
  pgModule.types.setTypeParser(20, (v: string) => Number(v));
  const pool = new pgModule.Pool({ connectionString: url, max });
  const query = async <T>(client: Pick<typeof pool, 'query'>, sql: string, params: unknown[] = []) =>
    (await client.query(sql, params)).rows as T[];
  return {
    kind: 'postgres',
    query: (sql, params) => query(pool, sql, params),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx: Queryable = { query: (sql, params) => query(client, sql, params) };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async close() {
      await pool.end();
    },
  };
}
