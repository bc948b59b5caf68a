/** Storage entry point: picks PGlite or PostgreSQL and brings the schema up to date. */
import { join } from 'node:path';
import { migrate } from './migrate';
import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import type { Db } from './types';

export type { Db, Queryable, QueryResult } from './types';
export { migrate, migrationStatus, type MigrationStatus } from './migrate';

/** Where the data lives. */
export interface OpenDbOptions {
  /** Data folder; PGlite keeps its files in `<dataDir>/db`. */
  dataDir: string;
  /** PostgreSQL connection string; when set, PGlite is not used. */
  databaseUrl?: string;
  /** PostgreSQL schema to use (isolates test runs sharing one database). */
  schema?: string;
}

/**
 * Opens the database WITHOUT touching its schema: for `server migrate`
 * (which reports what it applies) and `server doctor` (which only looks).
 */
export async function connectDb(options: OpenDbOptions): Promise<Db> {
  return options.databaseUrl
    ? openPostgres({ connectionString: options.databaseUrl, schema: options.schema })
    : openPglite(join(options.dataDir, 'db'));
}

/** Opens the database and applies pending migrations. */
export async function openDb(options: OpenDbOptions): Promise<Db> {
  const db = await connectDb(options);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
