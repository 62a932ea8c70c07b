import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
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
