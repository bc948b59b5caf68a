/**
 * Account lockout backed by the database (shared by every portal instance).
 * Failures of any kind (password, security answers, MFA codes) are stored per
 * lower-cased username — known or not, so an unknown username locks and
 * answers exactly like a real one. The pure decision is
 * `server/policy/lockout.ts`; this module stores and asks.
 */
import type { Clock } from '../clock';
import type { Db } from '../db';
import { portalError, type PortalError } from '../errors';
import { lockoutStatus, type FailureKind, type LockoutPolicy, type LockoutStatus } from '../policy/lockout';
import { recordAuditEvent } from './password-audit';
import { findUserByUsername } from './users';

/** The key failures are stored under. */
export function usernameKey(username: string): string {
  return username.trim().toLowerCase();
}

/** Stores failures and answers "is this account locked?". */
export class LockoutStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly policy: LockoutPolicy,
  ) {}

  /** The current decision for `username`. */
  async status(username: string): Promise<LockoutStatus> {
    const now = this.clock.now().getTime();
    const rows = await this.db.query<{ at: Date; kind: FailureKind }>(
      'SELECT at, kind FROM auth_failures WHERE username_key = $1 AND at <= $2 ORDER BY at',
      [usernameKey(username), new Date(now)],
    );
    return lockoutStatus(
      { failures: rows.rows.map((row) => ({ at: new Date(row.at).getTime(), kind: row.kind })) },
      now,
      this.policy,
    );
  }

  /** Throws `423 locked` (with `retryAfterSeconds` when time-limited) while locked. */
  async assertNotLocked(username: string): Promise<void> {
    const status = await this.status(username);
    if (status.locked) throw this.lockedError(status.lockedUntil);
  }

  /**
   * Records a failure and returns the error to answer with: `423 locked` if
   * this failure locked the account, otherwise `fallback` with
   * `details.attemptsLeft` when few attempts are left.
   */
  async recordFailure(username: string, kind: FailureKind, fallback: PortalError): Promise<PortalError> {
    const key = usernameKey(username);
    const now = this.clock.now();
    await this.db.query('INSERT INTO auth_failures (username_key, kind, at) VALUES ($1, $2, $3)', [
      key,
      kind,
      now,
    ]);
    await this.prune(key, now);
    const status = await this.status(username);
    if (status.locked) {
      if (status.lockedAt === now.getTime()) {
        const user = await findUserByUsername(this.db, username);
        // Only real accounts get an audit record; unknown names are noise.
        if (user) {
          await recordAuditEvent(this.db, {
            at: now,
            actor: 'system',
            userId: user.id,
            type: 'account_locked',
            detail: { lastFailure: kind, lockMinutes: this.policy.lockMinutes },
          });
        }
      }
      return this.lockedError(status.lockedUntil);
    }
    if (status.warn) {
      return portalError(fallback.code, fallback.message, {
        ...(fallback.details ?? {}),
        attemptsLeft: status.attemptsLeft,
      });
    }
    return fallback;
  }

  /** A completed sign-in (or reset): earlier failures no longer count. */
  async recordSuccess(username: string): Promise<void> {
    await this.db.query('DELETE FROM auth_failures WHERE username_key = $1', [usernameKey(username)]);
  }

  /** A manager's unlock: clears failures and the lock. Returns whether the account was locked. */
  async unlock(username: string, actor: string): Promise<boolean> {
    const status = await this.status(username);
    await this.db.query('DELETE FROM auth_failures WHERE username_key = $1', [usernameKey(username)]);
    const user = await findUserByUsername(this.db, username);
    if (user) {
      await recordAuditEvent(this.db, {
        at: this.clock.now(),
        actor,
        userId: user.id,
        type: 'account_unlocked',
        detail: { wasLocked: status.locked },
      });
    }
    return status.locked;
  }

  private lockedError(lockedUntil: number | null): PortalError {
    if (lockedUntil === null)
      return portalError('locked', 'The account is locked. Contact support to unlock it.');
    const retryAfterSeconds = Math.max(1, Math.ceil((lockedUntil - this.clock.now().getTime()) / 1000));
    return portalError('locked', 'The account is locked. Try again later or contact support.', {
      retryAfterSeconds,
    });
  }

  /** Drops failures too old to matter (only when locks expire on their own). */
  private async prune(key: string, now: Date): Promise<void> {
    if (this.policy.lockMinutes === null) return;
    const horizonMs = (this.policy.windowMinutes + this.policy.lockMinutes) * 60_000 * 2;
    await this.db.query('DELETE FROM auth_failures WHERE username_key = $1 AND at < $2', [
      key,
      new Date(now.getTime() - horizonMs),
    ]);
  }
}
