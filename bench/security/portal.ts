/**
 * The portal an attack runs against: the MFA test harness's portal (real
 * HTTP on 127.0.0.1, its AppContext at hand to seed users) on PGlite or on
 * the throwaway PostgreSQL the bench runner started.
 */
import type { DeepPartial, ServerConfig } from '../../server/config';
import { startMfaPortal, type MfaPortal } from '../../tests/server/mfa/mfa-harness';
import { testDatabaseUrl } from '../../tests/server/portal-harness';
import type { AttackResult, Database } from './attack';

/** Runs `attack` on a fresh portal on `db`, and stops it after. */
export async function onPortal(
  db: Database | null,
  attack: (portal: MfaPortal) => Promise<AttackResult>,
  config: DeepPartial<ServerConfig> = {},
): Promise<AttackResult> {
  if (db === 'postgres' && !testDatabaseUrl)
    return { attempts: 0, accepted: 0, skipped: true, note: 'no PostgreSQL here' };
  const backend =
    db === 'postgres'
      ? { name: 'postgres' as const, databaseUrl: testDatabaseUrl }
      : { name: 'pglite' as const };
  const portal = await startMfaPortal(backend, config);
  try {
    return await attack(portal);
  } finally {
    await portal.cleanup();
  }
}

/** Rows of `sql` counted (the query returns one `n`). */
export async function count(portal: MfaPortal, sql: string, params: unknown[]): Promise<number> {
  return Number((await portal.ctx.db.query<{ n: number | string }>(sql, params)).rows[0]?.n ?? 0);
}
