/**
 * Server-side sessions (SECURITY.md): a fresh 256-bit token per sign-in,
 * stored only as its SHA-256; an idle deadline slid by each authenticated
 * request (except passive checks), an absolute deadline, server-side revoke.
 * Everything lives in the database so several instances can share it.
 */
import type { Clock } from '../clock';
import type { Db } from '../db';
import { newToken, tokenDigest, TOKEN_PATTERN } from './tokens';
import { USER_COLUMNS, toUserRecord, type UserRecord } from './users';

/** Session lifetimes in seconds. */
export interface SessionSettings {
  idleTimeoutSeconds: number;
  absoluteTimeoutSeconds: number;
}

/** What the client receives at sign-in (the token is shown only this once). */
export interface IssuedSession {
  token: string;
  idleTimeoutSeconds: number;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

/** A valid session and its user. */
export interface ActiveSession {
  tokenHash: string;
  user: UserRecord;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

interface SessionUserRow {
  token_hash: string;
  idle_timeout_seconds: number;
  idle_expires_at: Date;
  absolute_expires_at: Date;
}

/** Creates, checks, slides and revokes sessions. */
export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly settings: SessionSettings,
  ) {}

  /** Issues a new session for `userId`. */
  async create(userId: string): Promise<IssuedSession> {
    const now = this.clock.now();
    const token = newToken();
    const { idleTimeoutSeconds, absoluteTimeoutSeconds } = this.settings;
    const absoluteExpiresAt = new Date(now.getTime() + absoluteTimeoutSeconds * 1000);
    const idleExpiresAt = new Date(
      Math.min(now.getTime() + idleTimeoutSeconds * 1000, absoluteExpiresAt.getTime()),
    );
    await this.db.query(
      `INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, idle_timeout_seconds,
                             idle_expires_at, absolute_expires_at)
       VALUES ($1, $2, $3, $3, $4, $5, $6)`,
      [tokenDigest(token), userId, now, idleTimeoutSeconds, idleExpiresAt, absoluteExpiresAt],
    );
    // Housekeeping without a timer: drop this user's dead sessions.
    await this.db.query(
      `DELETE FROM sessions WHERE user_id = $1
         AND (absolute_expires_at <= $2 OR idle_expires_at <= $2 OR revoked_at IS NOT NULL)`,
      [userId, now],
    );
    return { token, idleTimeoutSeconds, idleExpiresAt, absoluteExpiresAt };
  }

  /**
   * Returns the live session for `token`, or null if it is unknown, expired,
   * revoked or its user is disabled. With `slide`, the idle deadline moves to
   * now + idle timeout (never past the absolute deadline).
   */
  async authenticate(token: string, options: { slide: boolean }): Promise<ActiveSession | null> {
    if (!TOKEN_PATTERN.test(token)) return null;
    const now = this.clock.now();
    const tokenHash = tokenDigest(token);
    const found = await this.db.query<SessionUserRow & Parameters<typeof toUserRecord>[0]>(
      `SELECT s.token_hash, s.idle_timeout_seconds, s.idle_expires_at, s.absolute_expires_at, ${USER_COLUMNS}
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.revoked_at IS NULL
         AND s.idle_expires_at > $2 AND s.absolute_expires_at > $2 AND u.status = 'active'`,
      [tokenHash, now],
    );
    const row = found.rows[0];
    if (!row) return null;
    const absoluteExpiresAt = new Date(row.absolute_expires_at);
    let idleExpiresAt = new Date(row.idle_expires_at);
    if (options.slide) {
      const slid = Math.min(now.getTime() + Number(row.idle_timeout_seconds) * 1000, absoluteExpiresAt.getTime());
      // Coalesce writes: a busy client would otherwise turn every read into a
      // write. The stored deadline stays the truth; it lags by at most 2% of
      // the idle timeout (5 s at most).
      const granularityMs = Math.min(5000, Number(row.idle_timeout_seconds) * 20);
      if (slid - idleExpiresAt.getTime() > granularityMs) {
        idleExpiresAt = new Date(slid);
        await this.db.query(
          `UPDATE sessions SET last_seen_at = $2, idle_expires_at = GREATEST(idle_expires_at, $3)
           WHERE token_hash = $1 AND revoked_at IS NULL`,
          [tokenHash, now, idleExpiresAt],
        );
      }
    }
    return { tokenHash, user: toUserRecord(row), idleExpiresAt, absoluteExpiresAt };
  }

  /** Revokes one session (idempotent; unknown tokens are ignored). */
  async revoke(token: string): Promise<void> {
    if (!TOKEN_PATTERN.test(token)) return;
    await this.db.query('UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL', [
      tokenDigest(token),
      this.clock.now(),
    ]);
  }

  /** "Sign out everywhere": revokes every session of a user (password/MFA changes). */
  async revokeAllForUser(userId: string): Promise<number> {
    const result = await this.db.query(
      'UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL',
      [userId, this.clock.now()],
    );
    return result.rowCount;
  }

  /** Deletes sessions that can no longer be used; returns how many. */
  async purgeExpired(): Promise<number> {
    const now = this.clock.now();
    const result = await this.db.query(
      'DELETE FROM sessions WHERE absolute_expires_at <= $1 OR idle_expires_at <= $1 OR revoked_at IS NOT NULL',
      [now],
    );
    return result.rowCount;
  }
}
