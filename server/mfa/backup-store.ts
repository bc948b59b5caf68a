/**
 * Backup codes in the database: a new set replaces the old one in one
 * transaction (old codes die), codes are stored hashed, and using one marks
 * it used with a compare-and-set so it works exactly once.
 */
import type { Db, Queryable } from '../db';
import { createBackupCodes, hashBackupCode, verifyBackupCode } from './backup-codes';

/** Generates a fresh set for `userId`; returns the plain codes (shown once). */
export async function replaceBackupCodes(db: Db, userId: string, now: Date): Promise<string[]> {
  const codes = createBackupCodes();
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM backup_codes WHERE user_id = $1', [userId]);
    for (const [idx, code] of codes.entries()) {
      await tx.query('INSERT INTO backup_codes (user_id, idx, code_hash, created_at) VALUES ($1, $2, $3, $4)', [
        userId,
        idx,
        hashBackupCode(code),
        now,
      ]);
    }
  });
  return codes;
}

/** Unused codes left (0 when the user never generated any). */
export async function backupCodesLeft(db: Queryable, userId: string): Promise<number> {
  const found = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM backup_codes WHERE user_id = $1 AND used_at IS NULL', [userId]);
  return Number(found.rows[0]?.n ?? 0);
}

/** Whether the user has ever been given a set (used or not). */
export async function hasBackupCodes(db: Queryable, userId: string): Promise<boolean> {
  const found = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM backup_codes WHERE user_id = $1', [userId]);
  return Number(found.rows[0]?.n ?? 0) > 0;
}

/** Uses one backup code: ok once, then `invalid` forever. */
export async function useBackupCode(
  db: Queryable,
  userId: string,
  input: string,
  now: Date,
): Promise<{ ok: true; left: number } | { ok: false; reason: 'malformed' | 'invalid' }> {
  const found = await db.query<{ idx: number; code_hash: string; used_at: Date | null }>(
    'SELECT idx, code_hash, used_at FROM backup_codes WHERE user_id = $1 ORDER BY idx',
    [userId],
  );
  const stored = found.rows.map((row) => (row.used_at === null ? row.code_hash : null));
  const result = verifyBackupCode(input, stored);
  if (!result.ok) return result;
  const idx = found.rows[result.index]!.idx;
  const won = await db.query('UPDATE backup_codes SET used_at = $3 WHERE user_id = $1 AND idx = $2 AND used_at IS NULL', [userId, idx, now]);
  if (won.rowCount !== 1) return { ok: false, reason: 'invalid' };
  return { ok: true, left: await backupCodesLeft(db, userId) };
}
