/** Result of one SQL statement. */
export interface QueryResult<Row> {
  rows: Row[];
  /** Rows changed by INSERT/UPDATE/DELETE; not meaningful for SELECT. */
  rowCount: number;
}

/** Something that runs parameterised SQL (`$1`, `$2`, ...). */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
}

/**
 * The server's storage port. Two implementations run the same SQL: embedded
 * PGlite (default, no setup) and PostgreSQL (`DATABASE_URL`), so nothing may
 * use features only one of them has.
 */
export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction; commits if it resolves, rolls back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * One schema migration. Feature folders (mfa/, admin/) declare theirs with
 * this type; `migrations.ts` lists them all in order.
 */
export interface Migration {
  version: number;
  name: string;
  statements: string[];
}
