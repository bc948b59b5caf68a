/**
 * Account lockout backed by the database (shared by every portal instance).
 * Failures of any kind (password, security answers, MFA codes) are stored per
 * lower-cased username — known or not, so an unknown username locks and
 * answers exactly like a real one. The pure decision is
 * `server/policy/lockout.ts`; this module stores and asks.
 *
 * Every guess is reserved before it is checked ({@link LockoutStore.guard}):
 * one transaction, serialised per username with an advisory lock, refuses
 * while locked and otherwise stores the failure in advance. A wrong guess
 * keeps it, a right one takes it back. So a burst of parallel guesses checks
 * no more than the policy allows, on PGlite and on PostgreSQL alike.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../clock';
import type { Db, Queryable } from '../db';
import { portalError, type PortalError } from '../errors';
import { lockoutStatus, type FailureKind, type LockoutPolicy, type LockoutStatus } from '../policy/lockout';
import { recordAuditEvent } from './password-audit';
import { findUserByUsername } from './users';

/** The key failures are stored under. */
export function usernameKey(username: string): string {
  return username.trim().toLowerCase();
}

/** Advisory-lock key serialising one username's reservations (a 64-bit hash of it). */
function reservationLockKey(key: string): string {
  return createHash('sha256').update(`lockout:${key}`).digest().readBigInt64BE(0).toString();
}

/** A guess reserved by {@link LockoutStore.reserve}: counted as a failure until released. */
export interface ReservedAttempt {
  /** The guess was wrong: the failure stays; answers the error to throw (`locked`, or `fallback` + `attemptsLeft`). */
  fail(fallback: PortalError): Promise<PortalError>;
  /** The guess was right (or was no guess at all): it no longer counts. */
  release(): Promise<void>;
}

/**
 * What a check run under {@link LockoutStore.guard} concluded: `null` when
 * it passed, otherwise the error to answer with (counted as a failure).
 */
export type GuardVerdict<T> = (result: T) => PortalError | null | Promise<PortalError | null>;

/** Stores failures and answers "is this account locked?". */
export class LockoutStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly policy: LockoutPolicy,
  ) {}

  /** The current decision for `username`. */
  async status(username: string): Promise<LockoutStatus> {
    return this.statusOf(this.db, usernameKey(username), this.clock.now().getTime());
  }

  /**
   * Runs one guess under the lockout: reserves it (`423 locked` while
   * locked, without running `check`), runs `check`, and asks `verdict`
   * whether it passed. A failure keeps the reservation and throws the error
   * {@link ReservedAttempt.fail} answers; a pass releases it and returns the
   * result. If `check` throws (e.g. malformed input) the reservation is
   * released: it was no guess.
   */
  async guard<T>(username: string, kind: FailureKind, check: () => Promise<T>, verdict: GuardVerdict<T>): Promise<T> {
    const attempt = await this.reserve(username, kind);
    let failure: PortalError | null;
    let result: T;
    try {
      result = await check();
      failure = await verdict(result);
    } catch (error) {
      await attempt.release();
      throw error;
    }
    if (failure) throw await attempt.fail(failure);
    await attempt.release();
    return result;
  }

  /**
   * Reserves one guess atomically: throws `423 locked` while locked,
   * otherwise stores a failure of `kind` now, before the guess is checked.
   */
  async reserve(username: string, kind: FailureKind): Promise<ReservedAttempt> {
    const key = usernameKey(username);
    const now = this.clock.now();
    const reserved = await this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [reservationLockKey(key)]);
      await this.prune(tx, key, now);
      const before = await this.statusOf(tx, key, now.getTime());
      if (before.locked) throw this.lockedError(before.lockedUntil);
      const inserted = await tx.query<{ id: string | number }>(
        'INSERT INTO auth_failures (username_key, kind, at) VALUES ($1, $2, $3) RETURNING id',
        [key, kind, now],
      );
      // This reservation, if it stays a failure, is the one that locks the account.
      const locking = (await this.statusOf(tx, key, now.getTime())).locked;
      return { id: String(inserted.rows[0]!.id), locking };
    });
    return {
      fail: (fallback) => this.answerFailure(username, kind, now, reserved.locking, fallback),
      release: async () => {
        await this.db.query('DELETE FROM auth_failures WHERE id = $1', [reserved.id]);
      },
    };
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
    await this.prune(this.db, key, now);
    const status = await this.status(username);
    const locking = status.locked && status.lockedAt === now.getTime();
    return this.answerFailure(username, kind, now, locking, fallback);
  }

  /**
   * The answer to a stored failure: `423 locked` (audited once, by the
   * failure that locked a real account), or `fallback`, with
   * `details.attemptsLeft` when few attempts are left.
   */
  private async answerFailure(
    username: string,
    kind: FailureKind,
    at: Date,
    locking: boolean,
    fallback: PortalError,
  ): Promise<PortalError> {
    const status = await this.status(username);
    if (status.locked) {
      if (locking) {
        const user = await findUserByUsername(this.db, username);
        // Only real accounts get an audit record; unknown names are noise.
        if (user) {
          await recordAuditEvent(this.db, {
            at,
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

  private async statusOf(db: Queryable, key: string, now: number): Promise<LockoutStatus> {
    const rows = await db.query<{ at: Date; kind: FailureKind }>(
      'SELECT at, kind FROM auth_failures WHERE username_key = $1 AND at <= $2 ORDER BY at',
      [key, new Date(now)],
    );
    return lockoutStatus(
      { failures: rows.rows.map((row) => ({ at: new Date(row.at).getTime(), kind: row.kind })) },
      now,
      this.policy,
    );
  }

  /** Drops failures too old to matter (only when locks expire on their own). */
  private async prune(db: Queryable, key: string, now: Date): Promise<void> {
    if (this.policy.lockMinutes === null) return;
    const horizonMs = (this.policy.windowMinutes + this.policy.lockMinutes) * 60_000 * 2;
    await db.query('DELETE FROM auth_failures WHERE username_key = $1 AND at < $2', [
      key,
      new Date(now.getTime() - horizonMs),
    ]);
  }
}
