/**
 * The SQL of the `sessions` table, joined with its user. The caching,
 * batching and invalidation rules live in {@link SessionStore}
 * (`sessions.ts`); this module only reads and writes rows.
 */
import type { Db } from '../db';
import type { CachedSession } from './session-cache';
import { USER_COLUMNS, toUserRecord } from './users';

interface SessionUserRow {
  token_hash: string;
  idle_timeout_seconds: number;
  idle_expires_at: Date;
  absolute_expires_at: Date;
}

/** A session row joined with its user ({@link USER_COLUMNS}). */
type SessionRow = SessionUserRow & Parameters<typeof toUserRecord>[0];

function toCachedSession(row: SessionRow): CachedSession {
  return {
    tokenHash: row.token_hash,
    user: toUserRecord(row),
    idleTimeoutSeconds: Number(row.idle_timeout_seconds),
    idleExpiresAt: new Date(row.idle_expires_at),
    absoluteExpiresAt: new Date(row.absolute_expires_at),
  };
}

/**
 * Stores a new session. Returns it with its user (so the client's first
 * requests, typically the app list right after sign-in, need no read), or
 * null if the user row is gone.
 */
export async function insertSession(
  db: Db,
  session: {
    tokenHash: string;
    userId: string;
    now: Date;
    idleTimeoutSeconds: number;
    idleExpiresAt: Date;
    absoluteExpiresAt: Date;
  },
): Promise<CachedSession | null> {
  const created = await db.query<SessionRow>(
    `WITH created AS (
       INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, idle_timeout_seconds,
                             idle_expires_at, absolute_expires_at)
       VALUES ($1, $2, $3, $3, $4, $5, $6)
       RETURNING token_hash, user_id, idle_timeout_seconds, idle_expires_at, absolute_expires_at)
     SELECT s.token_hash, s.idle_timeout_seconds, s.idle_expires_at, s.absolute_expires_at, ${USER_COLUMNS}
     FROM created s JOIN users u ON u.id = s.user_id`,
    [
      session.tokenHash,
      session.userId,
      session.now,
      session.idleTimeoutSeconds,
      session.idleExpiresAt,
      session.absoluteExpiresAt,
    ],
  );
  const row = created.rows[0];
  return row ? toCachedSession(row) : null;
}

/**
 * Deletes sessions that can no longer be used (expired or revoked), of one
 * user or (`userId` null) of everyone; returns how many.
 */
export async function deleteDeadSessions(db: Db, userId: string | null, now: Date): Promise<number> {
  const dead = 'absolute_expires_at <= $1 OR idle_expires_at <= $1 OR revoked_at IS NOT NULL';
  const result =
    userId === null
      ? await db.query(`DELETE FROM sessions WHERE ${dead}`, [now])
      : await db.query(`DELETE FROM sessions WHERE user_id = $2 AND (${dead})`, [now, userId]);
  return result.rowCount;
}

/** The live sessions (not revoked, not expired, user active) among `digests`. */
export async function selectLiveSessions(db: Db, digests: string[], now: Date): Promise<CachedSession[]> {
  const result = await db.query<SessionRow>(
    `SELECT s.token_hash, s.idle_timeout_seconds, s.idle_expires_at, s.absolute_expires_at, ${USER_COLUMNS}
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = ANY($1::text[]) AND s.revoked_at IS NULL
       AND s.idle_expires_at > $2 AND s.absolute_expires_at > $2 AND u.status = 'active'`,
    [digests, now],
  );
  return result.rows.map(toCachedSession);
}

/**
 * Slides the stored idle deadline of every digest to now + its idle
 * timeout (capped by the absolute deadline). "Now" is the time of the
 * write, never earlier than the request's, so the stored deadline is never
 * behind what the request was told.
 */
export async function slideSessions(db: Db, digests: string[], now: Date): Promise<void> {
  await db.query(
    `UPDATE sessions SET last_seen_at = $2,
            idle_expires_at = GREATEST(idle_expires_at,
              LEAST($2::timestamptz + idle_timeout_seconds * interval '1 second', absolute_expires_at))
     WHERE token_hash = ANY($1::text[]) AND revoked_at IS NULL`,
    [digests, now],
  );
}
