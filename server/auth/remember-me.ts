/**
 * "Remember me for 8 hours": a random token bound to one user and one client
 * install, stored only as its SHA-256, expiring exactly `rememberSeconds`
 * after it was issued. A password change (`users.credentials_changed_at`,
 * written by the password feature) or any MFA change (which deletes the rows)
 * revokes it.
 */
import type { Queryable } from '../db';
import { newToken, tokenDigest, TOKEN_PATTERN } from './tokens';

/** Install ids: the client's random id for this installation. */
export { INSTALL_ID_PATTERN } from '../../common/api';

/** Issues a token for `userId` on `installId`; returns it and its deadline. */
export async function rememberDevice(
  db: Queryable,
  input: { userId: string; installId: string; now: Date; seconds: number },
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(input.now.getTime() + input.seconds * 1000);
  await db.query(
    'INSERT INTO remembered_devices (token_hash, user_id, install_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
    [tokenDigest(token), input.userId, input.installId, input.now, expiresAt],
  );
  // Housekeeping: this user's dead tokens.
  await db.query('DELETE FROM remembered_devices WHERE user_id = $1 AND (expires_at <= $2 OR revoked_at IS NOT NULL)', [input.userId, input.now]);
  return { token, expiresAt };
}

/**
 * True when `token` is a live remember-me token of `userId` on `installId`
 * (a token copied to another install does not work) issued after the last
 * credential change.
 */
export async function isRemembered(
  db: Queryable,
  input: { userId: string; installId: string | null; token: string | null; now: Date },
): Promise<boolean> {
  if (!input.token || !input.installId || !TOKEN_PATTERN.test(input.token)) return false;
  const found = await db.query<{ created_at: Date; credentials_changed_at: Date | null }>(
    `SELECT r.created_at, u.credentials_changed_at FROM remembered_devices r JOIN users u ON u.id = r.user_id
     WHERE r.token_hash = $1 AND r.user_id = $2 AND r.install_id = $3 AND r.revoked_at IS NULL AND r.expires_at > $4`,
    [tokenDigest(input.token), input.userId, input.installId, input.now],
  );
  const row = found.rows[0];
  if (!row) return false;
  const changed = row.credentials_changed_at ? new Date(row.credentials_changed_at).getTime() : -Infinity;
  return new Date(row.created_at).getTime() > changed;
}

/** Forgets one token ("Forget this device"); unknown tokens are ignored. */
export async function forgetDevice(db: Queryable, token: string, now: Date): Promise<void> {
  if (!TOKEN_PATTERN.test(token)) return;
  await db.query('UPDATE remembered_devices SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL', [tokenDigest(token), now]);
}

/** Revokes every remembered install of a user (password or MFA change). */
export async function revokeRememberedDevices(db: Queryable, userId: string, now: Date): Promise<void> {
  await db.query('UPDATE remembered_devices SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [userId, now]);
}
