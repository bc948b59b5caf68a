/**
 * A per-instance cache of live sessions in front of the database, so an
 * authenticated request normally costs no query (throughput: PGlite serves a
 * few hundred queries a second, and 100 busy clients queued behind it).
 *
 * What keeps it safe:
 * - Only positive answers are cached; an unknown, expired or revoked token
 *   always asks the database, so a fresh sign-in anywhere works at once.
 * - An entry never outlives its session: it is used only while the cached
 *   idle and absolute deadlines are in the future and for at most `ttlMs`.
 *   Past the cached idle deadline the database decides (another instance may
 *   have slid it), so the cache can only end a session earlier, never later.
 * - Revocations and user changes drop entries synchronously on this instance
 *   and, through the signals bus, on every other one ({@link SessionSignals}).
 *   A generation counter stops a database read that started before an
 *   invalidation from putting the stale answer back.
 */
import type { Clock } from '../clock';
import type { Signals } from '../db/signals';
import type { UserRecord } from './users';

/**
 * The part of the cluster signals bus sessions use: `publish` reaches every
 * instance, this one included, after commit.
 */
export type SessionSignals = Pick<Signals, 'publish' | 'subscribe'>;

/** Signals topic for session invalidations; keys are token digests or `user:<id>`. */
export const SESSIONS_TOPIC = 'sessions';

/** Invalidation key covering every session of one user. */
export function userKey(userId: string): string {
  return `user:${userId}`;
}

/**
 * Default time an entry may be used without asking the database: 5 s. It
 * only matters when an invalidation is missed (a lost signal, a change made
 * outside the server), and it equals the idle-deadline write granularity, so
 * the worst staleness stays the one the session design already accepts. At
 * one request a second a session is served from memory 4 times out of 5.
 */
export const DEFAULT_SESSION_CACHE_TTL_MS = 5000;

/** Default bound: 10,000 sessions (a user record is well under 1 KB, so a few MB). */
export const DEFAULT_SESSION_CACHE_MAX_ENTRIES = 10_000;

/** Tuning of {@link SessionCache}. */
export interface SessionCacheOptions {
  ttlMs?: number;
  maxEntries?: number;
}

/** A live session as the cache holds it (mutable: sliding updates `idleExpiresAt`). */
export interface CachedSession {
  tokenHash: string;
  user: UserRecord;
  idleTimeoutSeconds: number;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

interface Entry {
  session: CachedSession;
  /** Clock time (ms) after which the database must be asked again. */
  freshUntil: number;
  /** Clock time (ms) from which a use should trigger a read in the background. */
  refreshFrom: number;
  /** A background read was asked for already. */
  refreshing: boolean;
}

/** Bounded LRU of live sessions keyed by token digest (never the raw token). */
export class SessionCache {
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  // A Map iterates in insertion order: re-inserting on use makes the first key the least recently used.
  private readonly entries = new Map<string, Entry>();
  private readonly byUser = new Map<string, Set<string>>();
  private generationCounter = 0;

  constructor(
    private readonly clock: Clock,
    options: SessionCacheOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? DEFAULT_SESSION_CACHE_TTL_MS;
    this.maxEntries = Math.max(1, options.maxEntries ?? DEFAULT_SESSION_CACHE_MAX_ENTRIES);
  }

  /** Number of cached sessions. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Bumped by every invalidation. Read it before a database lookup and hand
   * it to {@link set}, which then refuses answers an invalidation overtook.
   */
  get generation(): number {
    return this.generationCounter;
  }

  /** The cached session for `tokenHash` when it may still be used at `now`, else null. */
  get(tokenHash: string, now: Date): CachedSession | null {
    const entry = this.entries.get(tokenHash);
    if (!entry) return null;
    const at = now.getTime();
    const { session } = entry;
    if (at >= entry.freshUntil || at >= session.idleExpiresAt.getTime() || at >= session.absoluteExpiresAt.getTime()) {
      this.remove(tokenHash);
      return null;
    }
    this.entries.delete(tokenHash);
    this.entries.set(tokenHash, entry);
    return session;
  }

  /**
   * Caches `session` (just read from the database) unless an invalidation
   * happened since `generation` was read. Evicts the least recently used
   * entries beyond the bound.
   */
  set(session: CachedSession, generation: number): void {
    if (generation !== this.generationCounter) return;
    this.remove(session.tokenHash);
    const now = this.clock.now().getTime();
    this.entries.set(session.tokenHash, {
      session,
      freshUntil: now + this.ttlMs,
      // Refresh ahead over the last fifth of the TTL, so a busy session never waits for the database.
      refreshFrom: now + this.ttlMs * 0.8,
      refreshing: false,
    });
    let digests = this.byUser.get(session.user.id);
    if (!digests) this.byUser.set(session.user.id, (digests = new Set()));
    digests.add(session.tokenHash);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.remove(oldest);
    }
  }

  /**
   * True once per entry when it is in the last fifth of its TTL: the caller
   * then re-reads it in the background ({@link set} replaces it) while it is
   * still served from memory. Staleness stays bounded by the TTL.
   */
  claimRefresh(tokenHash: string, now: Date): boolean {
    const entry = this.entries.get(tokenHash);
    if (!entry || entry.refreshing || now.getTime() < entry.refreshFrom) return false;
    entry.refreshing = true;
    return true;
  }

  /** Drops what `key` names: one token digest, or every session of a user (`user:<id>`). */
  invalidate(key: string): void {
    this.generationCounter += 1;
    if (key.startsWith('user:')) {
      for (const digest of this.byUser.get(key.slice('user:'.length)) ?? []) this.remove(digest);
    } else {
      this.remove(key);
    }
  }

  /** Drops everything (e.g. when invalidations may have been missed). */
  clear(): void {
    this.generationCounter += 1;
    this.entries.clear();
    this.byUser.clear();
  }

  private remove(tokenHash: string): void {
    const entry = this.entries.get(tokenHash);
    if (!entry) return;
    this.entries.delete(tokenHash);
    const userId = entry.session.user.id;
    const digests = this.byUser.get(userId);
    digests?.delete(tokenHash);
    if (digests?.size === 0) this.byUser.delete(userId);
  }
}
