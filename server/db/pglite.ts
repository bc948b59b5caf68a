/**
 * Embedded PostgreSQL (PGlite) kept in `<dataDir>/pglite`. PGlite is
 * single-process: a lock file stops a second process (e.g. the CLI while the
 * server runs) from opening the same files and corrupting them.
 */
import { mkdirSync, openSync, closeSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { isProcessAlive } from './process-alive';
import type { Db, Queryable, QueryResult } from './types';

/** Takes `<dataDir>/pglite.lock`, replacing it only if its owner is gone. */
function acquireLock(lockPath: string): () => void {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isProcessAlive(owner)) {
        throw new Error(
          `The portal data in ${lockPath.replace(/pglite\.lock$/, '')} is in use by process ${owner}. ` +
            'Stop that server first, or use PostgreSQL (DATABASE_URL) to share data between processes.',
        );
      }
      if (owner === process.pid) {
        throw new Error(`The portal data in ${lockPath} is already open in this process.`);
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${lockPath}.`);
}

function wrap(target: { query: PGlite['query'] }): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      const result = await target.query<Row>(sql, [...params]);
      return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
    },
  };
}

/** Opens (creating on first use) the embedded database under `dataDir`. */
export async function openPglite(dataDir: string): Promise<Db> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const release = acquireLock(join(dataDir, 'pglite.lock'));
  let pg: PGlite;
  try {
    pg = await PGlite.create(join(dataDir, 'pglite'));
  } catch (error) {
    release();
    throw error;
  }
  const queryable = wrap(pg);
  let closed = false;
  return {
    kind: 'pglite',
    query: queryable.query,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await pg.close();
      } finally {
        release();
      }
    },
  };
}
