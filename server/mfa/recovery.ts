/**
 * Recovery methods of activation (authenticator app guide: "at least 2
 * recovery methods"): the backup codes, and a recovery phone Support can call
 * to verify the user. A mobile phone enrolled as the second factor already is
 * that number; an authenticator app user adds one with *Add recovery phone*.
 */
import type { Queryable } from '../db';

/** The user's recovery phone: the one added, else the number of an enrolled mobile phone; null when neither. */
export async function recoveryPhoneOf(db: Queryable, userId: string): Promise<string | null> {
  const found = await db.query<{ recovery_phone: string | null; device_phone: string | null }>(
    `SELECT u.recovery_phone,
            (SELECT d.phone_number FROM mfa_devices d
              WHERE d.user_id = u.id AND d.status = 'active' AND d.phone_number IS NOT NULL
              ORDER BY d.confirmed_at LIMIT 1) AS device_phone
     FROM users u WHERE u.id = $1`,
    [userId],
  );
  const row = found.rows[0];
  return row?.recovery_phone ?? row?.device_phone ?? null;
}

/** Stores the recovery phone (the number was checked by the route's schema). */
export async function setRecoveryPhone(db: Queryable, userId: string, phoneNumber: string): Promise<void> {
  await db.query('UPDATE users SET recovery_phone = $2 WHERE id = $1', [userId, phoneNumber]);
}

/** True when a device was enrolled (and confirmed) during this sign-in attempt. */
export async function enrolledInFlow(db: Queryable, flowId: string | null): Promise<boolean> {
  if (flowId === null) return false;
  const found = await db.query('SELECT 1 FROM mfa_devices WHERE flow_id = $1 AND status = $2 LIMIT 1', [flowId, 'active']);
  return found.rows.length > 0;
}
