/**
 * One migrated embedded database per test run, copied into each test
 * portal's data folder.
 *
 * Creating a PGlite cluster runs initdb inside WebAssembly: 4–7 s of CPU on
 * our 2-core machines, paid once per test file and once per end-to-end stack
 * before this existed. Reopening a copy of a cluster made once costs under a
 * second. The copy is the same cluster a first start makes (initdb, then
 * every migration), so the portals under test start exactly as a real one
 * reopening its data does; tests of a first start itself (migrations, first
 * init) open their own folders and never see the template.
 *
 * `createPgliteTemplate()` runs in the global setups (Vitest and Playwright)
 * and exports the folder in `PORTICO_TEST_PGLITE_TEMPLATE`; `seedPglite()`
 * copies it into a data folder that does not have a database yet.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openDb } from '../../server/db/index';

export const TEMPLATE_ENV = 'PORTICO_TEST_PGLITE_TEMPLATE';

/** Makes the migrated template; returns its remover. */
export async function createPgliteTemplate(): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'portico-pglite-template-'));
  const db = await openDb({ dataDir: dir });
  await db.close();
  process.env[TEMPLATE_ENV] = join(dir, 'db');
  return () => {
    rmSync(dir, { recursive: true, force: true });
    if (process.env[TEMPLATE_ENV] === join(dir, 'db')) delete process.env[TEMPLATE_ENV];
  };
}

/**
 * Gives `dataDir` a copy of the template database, if there is a template
 * and the folder has no database yet. Returns whether it copied.
 */
export function seedPglite(dataDir: string): boolean {
  const template = process.env[TEMPLATE_ENV];
  const target = join(dataDir, 'db');
  if (!template || !existsSync(join(template, 'pglite')) || existsSync(target)) return false;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  cpSync(template, target, { recursive: true, filter: (source) => !source.endsWith('pglite.lock') });
  return true;
}

/**
 * A raw PGlite on a private copy of the template (its own temp folder), for
 * tests that exercise one table's code over a real database: a fresh
 * in-memory cluster would pay initdb again. Without a template (a test file
 * run outside the global setup) it is a fresh in-memory cluster. The returned
 * `close` also removes the copy.
 */
export async function openPgliteCopy(): Promise<{ db: PGlite; close: () => Promise<void> }> {
  const template = process.env[TEMPLATE_ENV];
  if (!template || !existsSync(join(template, 'pglite'))) {
    const db = new PGlite();
    return { db, close: () => db.close() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'portico-pglite-copy-'));
  seedPglite(dir);
  const db = await PGlite.create(join(dir, 'db', 'pglite'));
  return {
    db,
    close: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
