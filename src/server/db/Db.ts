/** The SQL access the reference backend needs: the same statements run on PGlite and PostgreSQL. */
export interface Db {
  /** Runs one parameterised statement (`$1`, `$2`, ...) and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `fn` in one transaction; every query made through the given `tx` is part of it. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  /** Which engine this is, for diagnostics. */
  readonly kind: 'pglite' | 'postgres';
}

/** The part of `Db` usable inside a transaction. */
export type Queryable = Pick<Db, 'query'>;
