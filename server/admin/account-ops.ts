/**
 * The account operations administration needs from the sign-in features
 * (second factor, passwords and lockout), in one place so the admin routes
 * and the CLI share them. Lockout goes through the password feature's
 * `LockoutStore`; the MFA reset works on the MFA tables (there is no
 * store-level "reset" function to call), in one transaction.
 */
import type { SessionStore } from '../auth/sessions';
import { LockoutStore } from '../auth/lockout-store';
import { PasswordHasher } from '../auth/passwords';
import { issueTemporaryPassword, markTemporaryPassword, temporaryPasswordExpiry } from '../auth/temporary-password';
import type { Clock } from '../clock';
import type { ServerConfig } from '../config';
import type { Db, Queryable } from '../db';
import type { LockoutStatus } from '../policy/lockout';

/** What the operations need. */
export interface AccountOpsDeps {
  db: Db;
  clock: Clock;
  config: ServerConfig;
  sessions: SessionStore;
  /** Hashes issued temporary passwords (the portal's own; one from `config.argon2` otherwise). */
  hasher?: PasswordHasher;
}

/** Lockout, MFA and credential operations on one account. */
export class AccountOps {
  private readonly lockout: LockoutStore;

  constructor(private readonly deps: AccountOpsDeps) {
    this.lockout = new LockoutStore(deps.db, deps.clock, deps.config.lockout);
  }

  /** Whether `username` is locked now (and until when). */
  lockoutStatus(username: string): Promise<LockoutStatus> {
    return this.lockout.status(username);
  }

  /** Clears failures and the lock (the lockout store writes the `account_unlocked` audit event). */
  unlock(username: string, actor: string): Promise<boolean> {
    return this.lockout.unlock(username, actor);
  }

  /** Confirmed MFA devices per user id. */
  async mfaDeviceCounts(): Promise<Map<string, number>> {
    const rows = await this.deps.db.query<{ user_id: string; n: number }>(
      `SELECT user_id, count(*)::int AS n FROM mfa_devices WHERE status = 'active' GROUP BY user_id`,
    );
    return new Map(rows.rows.map((row) => [row.user_id, Number(row.n)]));
  }

  /**
   * Removes every second factor of the account (devices, backup codes,
   * remembered devices, open pushes) and keeps MFA required, so the user
   * enrolls again at the next sign-in; every session ends. Returns the
   * number of devices removed.
   */
  async resetMfa(userId: string): Promise<number> {
    const now = this.deps.clock.now();
    const removed = await this.deps.db.transaction(async (tx) => {
      const devices = await tx.query('DELETE FROM mfa_devices WHERE user_id = $1', [userId]);
      await tx.query('DELETE FROM backup_codes WHERE user_id = $1', [userId]);
      await tx.query('UPDATE remembered_devices SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [userId, now]);
      await tx.query('DELETE FROM push_requests WHERE user_id = $1 AND settled_at IS NULL', [userId]);
      await tx.query('UPDATE users SET mfa_required = true, backup_codes_saved_at = NULL WHERE id = $1', [userId]);
      return devices.rowCount;
    });
    await this.deps.sessions.revokeAllForUser(userId);
    return removed;
  }

  /** The next sign-in must change the password (the change_password gate); sessions end now. */
  async forcePasswordChange(userId: string): Promise<void> {
    await this.deps.db.query('UPDATE users SET must_change_password = true WHERE id = $1', [userId]);
    await this.deps.sessions.revokeAllForUser(userId);
  }

  /** Disables or re-enables sign-in; disabling ends every session (on every instance, at once). */
  async setStatus(userId: string, status: 'active' | 'disabled'): Promise<void> {
    await this.deps.db.query('UPDATE users SET status = $2 WHERE id = $1', [userId, status]);
    if (status === 'disabled') await this.deps.sessions.revokeAllForUser(userId);
    else await this.deps.sessions.userChanged(userId);
  }

  /** Adds or removes the manager role. */
  async setManager(userId: string, manager: boolean): Promise<void> {
    await this.deps.db.query(
      manager
        ? `UPDATE users SET roles = array_append(roles, 'manager') WHERE id = $1 AND NOT ('manager' = ANY(roles))`
        : `UPDATE users SET roles = array_remove(roles, 'manager') WHERE id = $1`,
      [userId],
    );
    // Sessions carry the user's roles: cached ones must be read again everywhere.
    await this.deps.sessions.userChanged(userId);
  }

  /**
   * A new temporary password in place of the current one (shown once to the
   * manager): it expires like a new account's, and every session ends now.
   */
  async issueTemporaryPassword(userId: string): Promise<string> {
    const { config, clock, db } = this.deps;
    const hasher = this.deps.hasher ?? new PasswordHasher(config.argon2);
    const expiresAt = temporaryPasswordExpiry(config.temporaryPasswords.validHours, clock.now());
    const password = await issueTemporaryPassword(db, hasher, userId, expiresAt);
    await this.deps.sessions.revokeAllForUser(userId);
    return password;
  }

  /**
   * Marks an account as created with a temporary password valid until
   * `expiresAt`: MFA and a new password at first sign-in.
   */
  static async markForActivation(db: Queryable, userId: string, expiresAt: Date): Promise<void> {
    await markTemporaryPassword(db, userId, expiresAt);
    await db.query('UPDATE users SET mfa_required = true WHERE id = $1', [userId]);
  }
}
