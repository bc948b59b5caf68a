/**
 * Temporary passwords expire. A manager (or the CLI) hands a new account a
 * temporary password; it opens activation only until
 * `temporaryPasswords.validHours` after it was issued (72 h by default).
 * After that the correct temporary password is refused with "Your temporary
 * password has expired" and a manager issues a new one, which works again.
 * Changing the password (activation's last step) ends the expiry.
 */
import type { Queryable } from '../db/types';
import type { Migration } from '../db/types';
import { portalError, type PortalError } from '../errors';
import { generateReadablePassword, type PasswordHasher } from './passwords';

export const temporaryPasswordMigrations: Migration[] = [
  {
    version: 90,
    name: 'temporary passwords expire',
    // NULL for every password the user chose (and for accounts made before
    // expiry existed: their temporary password keeps working until changed).
    statements: [`ALTER TABLE users ADD COLUMN temporary_password_expires_at timestamptz`],
  },
];

/** When a temporary password issued at `now` stops working. */
export function temporaryPasswordExpiry(validHours: number, now: Date): Date {
  return new Date(now.getTime() + validHours * 3_600_000);
}

/** Records that the user's current password is a temporary one, valid until `expiresAt`. */
export async function markTemporaryPassword(db: Queryable, userId: string, expiresAt: Date): Promise<void> {
  await db.query('UPDATE users SET must_change_password = true, temporary_password_expires_at = $2 WHERE id = $1', [
    userId,
    expiresAt,
  ]);
}

/**
 * The refusal for a correct but expired temporary password, or null while
 * it is valid (or the password is not a temporary one).
 */
export async function expiredTemporaryPassword(db: Queryable, userId: string, now: Date): Promise<PortalError | null> {
  const rows = await db.query<{ expires: Date | string | null; must: boolean }>(
    'SELECT temporary_password_expires_at AS expires, must_change_password AS must FROM users WHERE id = $1',
    [userId],
  );
  const row = rows.rows[0];
  if (!row?.must || row.expires === null) return null;
  if (new Date(row.expires).getTime() > now.getTime()) return null;
  return portalError('forbidden', 'Your temporary password has expired.', { reason: 'temporary_password_expired' });
}

/**
 * Gives the user a new temporary password (shown once to whoever issued it):
 * the old password stops working, the new one must be changed at the next
 * sign-in and expires like any other. The caller ends the user's sessions.
 */
export async function issueTemporaryPassword(
  db: Queryable,
  hasher: PasswordHasher,
  userId: string,
  expiresAt: Date,
): Promise<string> {
  const password = generateReadablePassword();
  const passwordHash = await hasher.hash(password);
  await db.query(
    'UPDATE users SET password_hash = $2, must_change_password = true, temporary_password_expires_at = $3 WHERE id = $1',
    [userId, passwordHash, expiresAt],
  );
  return password;
}
