/** PostgreSQL through a `pg` pool; used when `DATABASE_URL` is set. */
import pg from 'pg';
import type { Db, Queryable, QueryResult } from './types';

/** Options for {@link openPostgres}. */
export interface PostgresOptions {
  connectionString: string;
  /** Schema to create (if missing) and use as `search_path`; tests isolate runs with it. */
  schema?: string;
  maxConnections?: number;
}

/** Advisory-lock key for schema creation (distinct from the migration lock). */
const SCHEMA_LOCK_KEY = 0x504f5254493;

function wrap(target: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      const result = await target.query(sql, [...params]);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
    },
  };
}

/** Connects a pool to PostgreSQL and checks the connection once. */
export async function openPostgres(options: PostgresOptions): Promise<Db> {
  const { schema } = options;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`Invalid schema name "${schema}".`);
  }
  if (schema) {
    const setup = new pg.Client({ connectionString: options.connectionString });
    await setup.connect();
    try {
      // CREATE SCHEMA IF NOT EXISTS races between sessions; serialise it.
      await setup.query('BEGIN');
      await setup.query('SELECT pg_advisory_xact_lock($1::bigint)', [SCHEMA_LOCK_KEY]);
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await setup.query('COMMIT');
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => undefined);
  await pool.query('SELECT 1');
  const queryable = wrap(pool);
  let closed = false;
  return {
    kind: 'postgres',
    query: queryable.query,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
