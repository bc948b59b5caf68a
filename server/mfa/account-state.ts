/** Per-account second-factor facts the gates and routes share. */
import type { Queryable } from '../db';

/** "When I log in": ask which method, or send a push automatically. */
export type LoginPreference = 'ask' | 'push';

/** What the second-factor feature knows about an account. */
export interface MfaAccountState {
  mfaRequired: boolean;
  preference: LoginPreference;
  backupCodesSavedAt: Date | null;
  activeDevices: number;
  pushDevices: number;
  /** Passkeys and security keys. */
  passkeyDevices: number;
}

/** Reads {@link MfaAccountState} in one query. */
export async function mfaAccountState(db: Queryable, userId: string): Promise<MfaAccountState> {
  const found = await db.query<{ mfa_required: boolean; mfa_preference: LoginPreference; backup_codes_saved_at: Date | null; active: number; push: number; passkey: number }>(
    `SELECT u.mfa_required, u.mfa_preference, u.backup_codes_saved_at,
            (SELECT count(*)::int FROM mfa_devices d WHERE d.user_id = u.id AND d.status = 'active') AS active,
            (SELECT count(*)::int FROM mfa_devices d WHERE d.user_id = u.id AND d.status = 'active' AND d.push_token_hash IS NOT NULL) AS push,
            (SELECT count(*)::int FROM mfa_devices d WHERE d.user_id = u.id AND d.status = 'active' AND d.kind = 'passkey') AS passkey
     FROM users u WHERE u.id = $1`,
    [userId],
  );
  const row = found.rows[0];
  return {
    mfaRequired: row?.mfa_required ?? false,
    preference: row?.mfa_preference ?? 'ask',
    backupCodesSavedAt: row?.backup_codes_saved_at ? new Date(row.backup_codes_saved_at) : null,
    activeDevices: Number(row?.active ?? 0),
    pushDevices: Number(row?.push ?? 0),
    passkeyDevices: Number(row?.passkey ?? 0),
  };
}

/** Sets the "When I log in" preference. */
export async function setPreference(db: Queryable, userId: string, preference: LoginPreference): Promise<void> {
  await db.query('UPDATE users SET mfa_preference = $2 WHERE id = $1', [userId, preference]);
}
