import type { PGlite, parse as pgliteParse, protocol as pgliteProtocol } from '@electric-sql/pglite';

/** What {@link preparedQueries} needs of the `@electric-sql/pglite` module (imported lazily by openDb). */
export interface PgliteModule {
  parse: typeof pgliteParse;
  protocol: typeof pgliteProtocol;
}

/** A statement prepared once: its server-side name and the types of its parameters. */
interface Prepared {
  name: string;
  paramTypes: number[];
}

/** How many distinct SQL texts are kept prepared; past that (dynamic SQL), statements are parsed each time. */
const MAX_PREPARED = 1000;

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Queries through named prepared statements, for PGlite. `pg.query` parses and plans every
 * statement again and talks to the WASM Postgres six times per query (parse, describe, bind,
 * describe, execute, sync); here a SQL text is parsed once per database (its plan cached by
 * Postgres as for any prepared statement) and each query is one message: bind, describe, execute,
 * sync. Parameters and rows go through PGlite's own serializers and parsers, so values read and
 * errors thrown (with their SQLSTATE `code`) are what `pg.query` gives.
 *
 * `query` takes PGlite's transaction mutex as `pg.query` does (it waits for an open transaction);
 * `inTransaction` is for the callback of `pg.transaction`, which holds it.
 */
export function preparedQueries(pg: PGlite, { parse, protocol }: PgliteModule) {
  const { serialize } = protocol;
  const statements = new Map<string, Prepared>();

  /** The statement for `sql`: prepared once, or unnamed (parsed again each time) past {@link MAX_PREPARED}. */
  async function prepare(sql: string): Promise<Prepared> {
    const known = statements.get(sql);
    if (known) return known;
    const name = statements.size < MAX_PREPARED ? `fk_${statements.size + 1}` : '';
    const messages = await pg.execProtocolStream(concat([serialize.parse({ name, text: sql }), serialize.describe({ type: 'S', name }), serialize.sync()]), { syncToFs: false });
    const prepared = { name, paramTypes: parse.parseDescribeStatementResults(messages) };
    if (name) statements.set(sql, prepared);
    return prepared;
  }

  /** Runs one statement; the caller holds PGlite's query mutex. */
  async function run<T>(sql: string, params: unknown[]): Promise<T[]> {
    // "PGlite is closed" (as its query says) rather than a failure inside the closed WASM module.
    await pg._checkReady();
    const prepared = await prepare(sql);
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = pg.serializers[prepared.paramTypes[i]!];
      return serializer ? serializer(value) : String(value);
    });
    const messages = await pg.execProtocolStream(concat([serialize.bind({ statement: prepared.name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]), { syncToFs: false });
    return (parse.parseResults(messages, pg.parsers)[0]?.rows ?? []) as T[];
  }

  return {
    query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
      return pg._runExclusiveTransaction(() =>
        pg._runExclusiveQuery(async () => {
          const rows = await run<T>(sql, params);
          await pg.syncToFs();
          return rows;
        }),
      );
    },
    inTransaction<T>(sql: string, params: unknown[] = []): Promise<T[]> {
      return pg._runExclusiveQuery(() => run<T>(sql, params));
    },
  };
}
