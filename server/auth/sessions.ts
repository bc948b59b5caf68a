/**
 * Server-side sessions (SECURITY.md): a fresh 256-bit token per sign-in,
 * stored only as its SHA-256; an idle deadline slid by each authenticated
 * request (except passive checks), an absolute deadline, server-side revoke.
 * Everything lives in the database so several instances can share it; a
 * short-lived per-instance cache ({@link SessionCache}) answers repeated
 * checks without a query, and every revocation or user change goes through
 * {@link SessionStore.invalidate} so no instance keeps a stale answer.
 */
import type { Clock } from '../clock';
import type { Db } from '../db';
import { RESYNC_TOPIC } from '../db/signals';
import {
  SESSIONS_TOPIC,
  SessionCache,
  userKey,
  type CachedSession,
  type SessionCacheOptions,
  type SessionSignals,
} from './session-cache';
import { KeyBatcher } from './key-batcher';
import { deleteDeadSessions, insertSession, selectLiveSessions, slideSessions } from './session-rows';
import { newToken, tokenDigest, TOKEN_PATTERN } from './tokens';
import type { UserRecord } from './users';

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

/** Optional collaborators of {@link SessionStore}. */
export interface SessionStoreOptions {
  /** Cache tuning, or `false` for none (one-shot processes such as the CLI). */
  cache?: SessionCacheOptions | false;
  /** The cluster signals bus; without it invalidations stay on this instance. */
  signals?: SessionSignals;
}

/** Creates, checks, slides and revokes sessions. */
export class SessionStore {
  private readonly cache: SessionCache | null;
  private readonly signals: SessionSignals | null;
  private readonly unsubscribe: () => void;
  /** Session reads, batched: a burst of first checks (many tokens or one) costs one query. */
  private readonly reads = new KeyBatcher<string, CachedSession>((digests) => this.readMany(digests));
  /** Background re-reads of cached sessions near the end of their TTL. */
  private readonly refreshes = new KeyBatcher<string, CachedSession>((digests) => this.readMany(digests, true));
  /** Idle-deadline writes, batched the same way. */
  private readonly slides = new KeyBatcher<string, true>((digests) => this.slideMany(digests));

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly settings: SessionSettings,
    options: SessionStoreOptions = {},
  ) {
    this.cache = options.cache === false ? null : new SessionCache(clock, options.cache);
    this.signals = options.signals ?? null;
    const cache = this.cache;
    const signals = this.signals;
    if (cache && signals) {
      const stops = [
        signals.subscribe(SESSIONS_TOPIC, (key) => cache.invalidate(key)),
        // Invalidations may have been lost while the bus was reconnecting.
        signals.subscribe(RESYNC_TOPIC, () => cache.clear()),
      ];
      this.unsubscribe = () => stops.forEach((stop) => stop());
    } else {
      this.unsubscribe = () => {};
    }
  }

  /** Issues a new session for `userId`. */
  async create(userId: string): Promise<IssuedSession> {
    const now = this.clock.now();
    const token = newToken();
    const { idleTimeoutSeconds, absoluteTimeoutSeconds } = this.settings;
    const absoluteExpiresAt = new Date(now.getTime() + absoluteTimeoutSeconds * 1000);
    const idleExpiresAt = new Date(
      Math.min(now.getTime() + idleTimeoutSeconds * 1000, absoluteExpiresAt.getTime()),
    );
    const generation = this.cache?.generation ?? 0;
    const row = await insertSession(this.db, {
      tokenHash: tokenDigest(token),
      userId,
      now,
      idleTimeoutSeconds,
      idleExpiresAt,
      absoluteExpiresAt,
    });
    if (row && row.user.status === 'active') this.cache?.set(row, generation);
    // Housekeeping without a timer: drop this user's dead sessions.
    await deleteDeadSessions(this.db, userId, now);
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
    const cached = this.cache?.get(tokenHash, now) ?? null;
    if (cached && this.cache?.claimRefresh(tokenHash, now)) {
      // Best effort: if it fails, the entry simply expires at its TTL.
      this.refreshes.request(tokenHash).catch(() => {});
    }
    const session = cached ?? (await this.reads.request(tokenHash));
    if (!session) return null;
    if (options.slide) {
      const slid = Math.min(
        now.getTime() + session.idleTimeoutSeconds * 1000,
        session.absoluteExpiresAt.getTime(),
      );
      // Coalesce writes: a busy client would otherwise turn every read into a
      // write. The stored deadline stays the truth; it lags by at most 2% of
      // the idle timeout (5 s at most).
      const granularityMs = Math.min(5000, session.idleTimeoutSeconds * 20);
      if (slid - session.idleExpiresAt.getTime() > granularityMs) {
        // Moved before the write, so concurrent requests on a cached session do not write too.
        session.idleExpiresAt = new Date(slid);
        try {
          await this.slides.request(tokenHash);
        } catch (error) {
          // The cached deadline must never run ahead of the stored one.
          this.cache?.invalidate(tokenHash);
          throw error;
        }
      }
    }
    // A copy: callers must not be able to change what the cache holds.
    return {
      tokenHash,
      user: { ...session.user, roles: [...session.user.roles] },
      idleExpiresAt: new Date(session.idleExpiresAt),
      absoluteExpiresAt: new Date(session.absoluteExpiresAt),
    };
  }

  /**
   * Revokes one session (idempotent; unknown tokens are ignored). Like every
   * revocation it moves the user's sessions epoch (see {@link bumpEpoch}),
   * so the user's FTPS access ends too.
   */
  async revoke(token: string): Promise<void> {
    if (!TOKEN_PATTERN.test(token)) return;
    const tokenHash = tokenDigest(token);
    const ended = await this.db.query<{ user_id: string }>(
      `WITH ended AS (
         UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL RETURNING user_id)
       UPDATE users SET sessions_epoch = sessions_epoch + 1 WHERE id IN (SELECT user_id FROM ended) RETURNING id AS user_id`,
      [tokenHash, this.clock.now()],
    );
    await this.invalidate(tokenHash);
    const userId = ended.rows[0]?.user_id;
    if (userId) await this.invalidate(userKey(userId));
  }

  /** "Sign out everywhere": revokes every session and FTPS app password of a user (password change or reset, disable, MFA reset). */
  async revokeAllForUser(userId: string): Promise<number> {
    const result = await this.db.query(
      'UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL',
      [userId, this.clock.now()],
    );
    // Everywhere means FTPS app passwords too (`ftps/app-passwords.ts`): their epoch moves with the sessions'.
    await this.db.query(
      'UPDATE users SET sessions_epoch = sessions_epoch + 1, credentials_epoch = credentials_epoch + 1 WHERE id = $1',
      [userId],
    );
    await this.invalidate(userKey(userId));
    return result.rowCount;
  }

  /**
   * Revokes every session of a user except the one with digest
   * `keepTokenHash` (MFA changes). The kept session stays signed in, but
   * what was derived from it before (FTPS transfer tokens) ends too.
   */
  async revokeOthersForUser(userId: string, keepTokenHash: string): Promise<number> {
    const result = await this.db.query(
      'UPDATE sessions SET revoked_at = $3 WHERE user_id = $1 AND token_hash <> $2 AND revoked_at IS NULL',
      [userId, keepTokenHash, this.clock.now()],
    );
    await this.bumpEpoch(userId);
    await this.invalidate(userKey(userId));
    return result.rowCount;
  }

  /**
   * Moves the user's sessions epoch: credentials issued from a session
   * (FTPS transfer tokens) remember the epoch they were issued in and are
   * refused once it moved, even after a new sign-in. A counter rather than
   * a time, so a token issued in the same millisecond cannot slip through.
   */
  private async bumpEpoch(userId: string): Promise<void> {
    await this.db.query('UPDATE users SET sessions_epoch = sessions_epoch + 1 WHERE id = $1', [userId]);
  }

  /**
   * Call after changing a user's status, roles or credentials outside the
   * revoke functions: cached sessions carry the user record, so every
   * instance must read it again.
   */
  userChanged(userId: string): Promise<void> {
    return this.invalidate(userKey(userId));
  }

  /**
   * The one place cached sessions are dropped: synchronously here (so the
   * caller's next request already sees the change), then on every other
   * instance through the signals bus. Keys are digests or `user:<id>`,
   * never raw tokens.
   */
  async invalidate(key: string): Promise<void> {
    this.cache?.invalidate(key);
    if (!this.signals) return;
    try {
      await this.signals.publish(SESSIONS_TOPIC, key);
    } catch {
      // The change is committed and this instance is up to date; other
      // instances then notice within the cache TTL. Failing the caller's
      // request (a sign-out, a password change) would not undo anything.
    }
  }

  /** Deletes sessions that can no longer be used; returns how many. */
  async purgeExpired(): Promise<number> {
    const now = this.clock.now();
    return deleteDeadSessions(this.db, null, now);
  }

  /** Stops listening for invalidations (the signals bus is closed by its owner). */
  dispose(): void {
    this.unsubscribe();
  }

  /**
   * One query for every digest asked for meanwhile (those cached since are
   * answered from memory, unless this is a `refresh`). Rows are cached only
   * if no invalidation happened after the query was sent; a refreshed
   * session that is no longer live leaves the cache at once.
   */
  private async readMany(digests: string[], refresh = false): Promise<Map<string, CachedSession>> {
    const now = this.clock.now();
    const found = new Map<string, CachedSession>();
    const missing: string[] = [];
    for (const digest of digests) {
      const cached = refresh ? null : this.cache?.get(digest, now);
      if (cached) found.set(digest, cached);
      else missing.push(digest);
    }
    if (missing.length === 0) return found;
    const generation = this.cache?.generation ?? 0;
    for (const session of await selectLiveSessions(this.db, missing, now)) {
      this.cache?.set(session, generation);
      found.set(session.tokenHash, session);
    }
    if (refresh) for (const digest of missing) if (!found.has(digest)) this.cache?.invalidate(digest);
    return found;
  }

  /** Slides the stored idle deadlines of `digests` (see {@link slideSessions}). */
  private async slideMany(digests: string[]): Promise<Map<string, true>> {
    await slideSessions(this.db, digests, this.clock.now());
    return new Map();
  }
}
