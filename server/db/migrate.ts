/** Applies pending migrations, safely even when several instances start at once. */
import type { Db, Migration } from './types';
import { migrations as defaultMigrations } from './migrations';

/** Advisory-lock key reserved for schema migrations ("PORTICO" in ASCII, truncated). */
const MIGRATION_LOCK_KEY = 0x504f5254494;

/**
 * Runs every migration not yet recorded in `schema_migrations`, all in one
 * transaction under `pg_advisory_xact_lock`: a second instance starting at
 * the same moment waits, then finds nothing left to do.
 * @returns the versions applied by this call.
 */
export async function migrate(
  db: Db,
  migrations: readonly Migration[] = defaultMigrations,
): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    const done = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(done.rows.map((row) => Number(row.version)));
    const ran: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      ran.push(migration.version);
    }
    return ran;
  });
}

/** Where a database stands against the migrations this build knows. */
export interface MigrationStatus {
  /** Versions recorded in `schema_migrations`, ascending. */
  applied: number[];
  /** Known migrations not yet applied, ascending. */
  pending: Migration[];
  /** Applied versions this build does not know (a newer build migrated this database). */
  unknown: number[];
}

/** Reads the migration state without changing anything (no table is created). */
export async function migrationStatus(
  db: Db,
  migrations: readonly Migration[] = defaultMigrations,
): Promise<MigrationStatus> {
  // to_regclass honours search_path, so a PostgreSQL schema is looked up correctly.
  const exists = await db.query<{ found: string | null }>(
    "SELECT to_regclass('schema_migrations')::text AS found",
  );
  const applied = exists.rows[0]?.found
    ? (
        await db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')
      ).rows.map((row) => Number(row.version))
    : [];
  const appliedSet = new Set(applied);
  const known = new Set(migrations.map((migration) => migration.version));
  return {
    applied,
    pending: [...migrations].filter((m) => !appliedSet.has(m.version)).sort((a, b) => a.version - b.version),
    unknown: applied.filter((version) => !known.has(version)),
  };
}
