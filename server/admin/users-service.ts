/**
 * What managers do to accounts: list and search with a status summary,
 * unlock, reset MFA, force a password change, issue a new temporary
 * password, disable/enable, grant or remove the manager role. A manager can never disable themselves or remove
 * their own manager role (the portal must keep a way in). Every change is
 * audited with who and when.
 */
import { findUserByUsername, listUsers, type UserRecord } from '../auth/users';
import type { Clock } from '../clock';
import type { ServerConfig } from '../config';
import type { Db } from '../db';
import { portalError } from '../errors';
import { passwordExpiry } from '../policy/password-policy';
import { AccountOps } from './account-ops';
import { auditAdmin } from './audit-log';
import type { SessionStore } from '../auth/sessions';
import type { PasswordHasher } from '../auth/passwords';
import { policyFromConfig } from '../auth/password-service';
import type { AdminUser, AdminUserAction } from '../../common/contract';

/** One row of the Users table as managers see it (the wire type the client shows). */
export type AdminUserView = AdminUser;

/** Things a manager can do to one account. */
export type UserAction = AdminUserAction;

/** Who acts: the manager's user id and username (or the CLI). */
export interface Actor {
  userId: string | null;
  name: string;
}

/** Dependencies of {@link AdminUsersService}. */
export interface AdminUsersDeps {
  db: Db;
  clock: Clock;
  config: ServerConfig;
  sessions: SessionStore;
  hasher?: PasswordHasher;
}

const ACTION_AUDIT = {
  'reset-mfa': 'admin.mfa_reset',
  'force-password-change': 'admin.password_change_forced',
  disable: 'admin.user_disabled',
  enable: 'admin.user_enabled',
  'grant-manager': 'admin.role_granted',
  'revoke-manager': 'admin.role_revoked',
} as const;

/** Account administration. */
export class AdminUsersService {
  readonly ops: AccountOps;

  constructor(private readonly deps: AdminUsersDeps) {
    this.ops = new AccountOps(deps);
  }

  /** Users whose username, name or e-mail contains `query` (all when empty). */
  async list(query = ''): Promise<AdminUserView[]> {
    const needle = query.trim().toLowerCase();
    const users = (await listUsers(this.deps.db)).filter(
      (user) =>
        !needle ||
        user.username.toLowerCase().includes(needle) ||
        user.displayName.toLowerCase().includes(needle) ||
        (user.email ?? '').toLowerCase().includes(needle),
    );
    const devices = await this.ops.mfaDeviceCounts();
    const changed = await this.credentialsChanged();
    const temporary = await this.temporaryExpiries();
    return Promise.all(
      users.slice(0, 500).map((user) => this.view(user, devices.get(user.id) ?? 0, changed.has(user.id), temporary.get(user.id) ?? null)),
    );
  }

  /** One user's row, or `404 not_found`. */
  async get(username: string): Promise<AdminUserView> {
    const user = await this.find(username);
    const devices = await this.ops.mfaDeviceCounts();
    const changed = await this.credentialsChanged();
    const temporary = await this.temporaryExpiries();
    return this.view(user, devices.get(user.id) ?? 0, changed.has(user.id), temporary.get(user.id) ?? null);
  }

  /** Runs `action` on `username` as `actor`; answers the updated row. */
  async act(actor: Actor, username: string, action: UserAction): Promise<AdminUserView> {
    const user = await this.find(username);
    const self = actor.userId !== null && actor.userId === user.id;
    if (self && action === 'disable') throw portalError('conflict', 'You cannot disable your own account.', { reason: 'self_disable' });
    if (self && action === 'revoke-manager') {
      throw portalError('conflict', 'You cannot remove your own manager role.', { reason: 'self_demote' });
    }
    const now = this.deps.clock.now();
    const detail: Record<string, string | number | boolean | null> = { username: user.username };
    switch (action) {
      case 'unlock':
        // The lockout store audits the unlock itself (type `account_unlocked`).
        await this.ops.unlock(user.username, actor.name);
        return this.get(user.username);
      case 'reset-mfa':
        detail.devicesRemoved = await this.ops.resetMfa(user.id);
        break;
      case 'force-password-change':
        await this.ops.forcePasswordChange(user.id);
        break;
      case 'disable':
        await this.ops.setStatus(user.id, 'disabled');
        break;
      case 'enable':
        await this.ops.setStatus(user.id, 'active');
        break;
      case 'grant-manager':
        await this.ops.setManager(user.id, true);
        break;
      case 'revoke-manager':
        await this.ops.setManager(user.id, false);
        break;
    }
    await auditAdmin(this.deps.db, { at: now, actor: actor.name, userId: user.id, type: ACTION_AUDIT[action], detail });
    return this.get(user.username);
  }

  /**
   * A new temporary password for `username` (their old password and sessions
   * end), answered once with the updated row. Not for one's own account:
   * a manager changes their own password in My Settings & Devices.
   */
  async issueTemporaryPassword(actor: Actor, username: string): Promise<{ user: AdminUserView; temporaryPassword: string }> {
    const user = await this.find(username);
    if (actor.userId !== null && actor.userId === user.id) {
      throw portalError('conflict', 'Change your own password in My Settings & Devices.', { reason: 'self_temporary_password' });
    }
    const temporaryPassword = await this.ops.issueTemporaryPassword(user.id);
    await auditAdmin(this.deps.db, {
      at: this.deps.clock.now(),
      actor: actor.name,
      userId: user.id,
      type: 'admin.temporary_password_issued',
      detail: { username: user.username },
    });
    return { user: await this.get(user.username), temporaryPassword };
  }

  private async find(username: string): Promise<UserRecord> {
    const user = await findUserByUsername(this.deps.db, username);
    if (!user) throw portalError('not_found', 'No such user.');
    return user;
  }

  /** Ids of users who have changed their password at least once (`credentials_changed_at`). */
  private async credentialsChanged(): Promise<Set<string>> {
    const rows = await this.deps.db.query<{ id: string }>('SELECT id FROM users WHERE credentials_changed_at IS NOT NULL');
    return new Set(rows.rows.map((row) => row.id));
  }

  /** When each temporary password still in use stops working, by user id. */
  private async temporaryExpiries(): Promise<Map<string, Date>> {
    const rows = await this.deps.db.query<{ id: string; expires: Date | string }>(
      `SELECT id, temporary_password_expires_at AS expires FROM users
       WHERE must_change_password AND temporary_password_expires_at IS NOT NULL`,
    );
    return new Map(rows.rows.map((row) => [row.id, new Date(row.expires)]));
  }

  private async view(user: UserRecord, mfaDevices: number, everChanged: boolean, temporaryUntil: Date | null): Promise<AdminUserView> {
    const lock = await this.ops.lockoutStatus(user.username);
    const now = this.deps.clock.now().getTime();
    const expiry = passwordExpiry(user.passwordChangedAt.getTime(), policyFromConfig(this.deps.config), now);
    return {
      username: user.username,
      displayName: user.displayName,
      email: user.email,
      roles: [...user.roles],
      status: user.status,
      pendingActivation: user.mustChangePassword && !everChanged,
      mustChangePassword: user.mustChangePassword,
      locked: lock.locked,
      lockedUntil: lock.locked && lock.lockedUntil !== null ? new Date(lock.lockedUntil).toISOString() : null,
      // A temporary password's own expiry replaces the policy's.
      passwordExpiresInDays: temporaryUntil ? null : expiry.daysLeft,
      temporaryPasswordExpiresAt: temporaryUntil?.toISOString() ?? null,
      mfaDevices,
      createdAt: user.createdAt.toISOString(),
    };
  }
}
