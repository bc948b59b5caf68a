/**
 * Password changes on the server: the portal policy (the shared pure module
 * `server/policy/password-policy.ts` with the configured rules), the history
 * of 5 Argon2id hashes, the never-reusable temporary password, expiry, and
 * "logged off everywhere" after a change (sessions revoked, remember-me voided
 * through `users.credentials_changed_at`).
 */
import type { Clock } from '../clock';
import type { ServerConfig } from '../config';
import type { Db } from '../db';
import { portalError } from '../errors';
import type { Blocklist } from '../policy/blocklist';
import { isRecentPassword } from '../policy/password-history';
import {
  evaluatePassword,
  passwordExpiry,
  type PasswordEvaluation,
  type PasswordExpiry,
  type PasswordPolicy,
} from '../policy/password-policy';
import { recordAuditEvent } from './password-audit';
import type { PasswordHasher } from './passwords';
import type { SessionStore } from './sessions';
import type { UserRecord } from './users';

/** How the password came to change (for the audit record). */
export type PasswordChangeKind = 'change' | 'activation' | 'expired' | 'reset';

/** The policy part of the config, as the pure module takes it. */
export function policyFromConfig(config: ServerConfig): PasswordPolicy {
  const { extraBlockedWords: _extra, ...policy } = config.passwords;
  return policy;
}

/** Dependencies of {@link PasswordService}. */
export interface PasswordServiceDeps {
  db: Db;
  clock: Clock;
  hasher: PasswordHasher;
  sessions: SessionStore;
  config: ServerConfig;
  blocklist: Blocklist;
}

/** Checks and changes passwords. */
export class PasswordService {
  readonly policy: PasswordPolicy;

  constructor(private readonly deps: PasswordServiceDeps) {
    this.policy = policyFromConfig(deps.config);
  }

  /** Expiry of the user's current password. */
  expiry(user: UserRecord): PasswordExpiry {
    return passwordExpiry(user.passwordChangedAt.getTime(), this.policy, this.deps.clock.now().getTime());
  }

  /** Why the user must change the password before a session is issued, or null. */
  mustChange(user: UserRecord): 'temporary' | 'expired' | null {
    if (user.mustChangePassword) return 'temporary';
    return this.expiry(user).state === 'expired' ? 'expired' : null;
  }

  /** Evaluates `password` for `user` with every rule, history included. */
  async evaluate(user: UserRecord, password: string): Promise<PasswordEvaluation> {
    const { history, forbidden } = await this.historyOf(user);
    const isRecent = await isRecentPassword(
      password,
      history,
      this.policy,
      (hash, candidate) => this.deps.hasher.verify(hash, candidate),
      forbidden,
    );
    return evaluatePassword(password, this.policy, {
      username: user.username,
      isBlocked: (candidate) => this.deps.blocklist.has(candidate),
      isRecent,
      requireAll: true,
    });
  }

  /**
   * Sets a new password after checking the policy: `400 invalid_request`
   * with `details.field = "newPassword"` and `details.rules` (comma-separated
   * rule ids) when refused. On success every session of the user is revoked.
   */
  async change(
    user: UserRecord,
    newPassword: string,
    kind: PasswordChangeKind,
    actor: string,
  ): Promise<void> {
    const evaluation = await this.evaluate(user, newPassword);
    if (!evaluation.isAcceptable) {
      const failed = evaluation.rules.filter((r) => !r.met).map((r) => r.id);
      throw portalError('invalid_request', 'The new password does not meet the password policy.', {
        field: 'newPassword',
        rules: failed.join(','),
      });
    }
    const newHash = await this.deps.hasher.hash(newPassword);
    const now = this.deps.clock.now();
    const keep = Math.max(0, this.policy.historyCount - 1);
    await this.deps.db.transaction(async (tx) => {
      // The old hash joins the history; the current one counts as the newest entry.
      await tx.query(
        'INSERT INTO password_history (user_id, password_hash, retired_at) VALUES ($1, $2, $3)',
        [user.id, user.passwordHash, now],
      );
      await tx.query(
        `DELETE FROM password_history WHERE user_id = $1 AND id NOT IN (
           SELECT id FROM password_history WHERE user_id = $1 ORDER BY id DESC LIMIT $2)`,
        [user.id, keep],
      );
      await tx.query(
        `UPDATE users SET password_hash = $2, password_changed_at = $3, must_change_password = false,
                credentials_changed_at = $3, temporary_password_expires_at = NULL,
                temporary_password_hash = CASE WHEN must_change_password AND temporary_password_hash IS NULL
                                               THEN password_hash ELSE temporary_password_hash END
         WHERE id = $1`,
        [user.id, newHash, now],
      );
      await recordAuditEvent(tx, {
        at: now,
        actor,
        userId: user.id,
        type: kind === 'reset' ? 'password_reset' : 'password_changed',
        detail: { kind },
      });
    });
    await this.deps.sessions.revokeAllForUser(user.id);
  }

  /** Newest-first hashes (current first) and the hashes that are never allowed again. */
  private async historyOf(user: UserRecord): Promise<{ history: string[]; forbidden: string[] }> {
    const rows = await this.deps.db.query<{ password_hash: string }>(
      'SELECT password_hash FROM password_history WHERE user_id = $1 ORDER BY id DESC',
      [user.id],
    );
    const extra = await this.deps.db.query<{ temporary_password_hash: string | null }>(
      'SELECT temporary_password_hash FROM users WHERE id = $1',
      [user.id],
    );
    const forbidden: string[] = [];
    const temporary = extra.rows[0]?.temporary_password_hash;
    if (temporary) forbidden.push(temporary);
    // While the current password is the temporary one it can never be kept,
    // whatever the history setting.
    if (user.mustChangePassword) forbidden.push(user.passwordHash);
    return { history: [user.passwordHash, ...rows.rows.map((r) => r.password_hash)], forbidden };
  }
}
