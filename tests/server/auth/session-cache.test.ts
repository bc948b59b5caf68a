import { describe, expect, it } from 'vitest';
import { SessionCache, userKey, type CachedSession } from '../../../server/auth/session-cache';
import type { UserRecord } from '../../../server/auth/users';
import { ManualClock } from '../../../server/clock';

const START = new Date('2026-01-15T09:00:00.000Z');

function user(id: string): UserRecord {
  return {
    id,
    username: `user-${id}`,
    displayName: `User ${id}`,
    email: null,
    passwordHash: 'not-a-real-hash',
    roles: ['user'],
    status: 'active',
    passwordChangedAt: START,
    mustChangePassword: false,
    createdAt: START,
  };
}

function session(tokenHash: string, userId: string, clock: ManualClock, idleSeconds = 600): CachedSession {
  const now = clock.now().getTime();
  return {
    tokenHash,
    user: user(userId),
    idleTimeoutSeconds: idleSeconds,
    idleExpiresAt: new Date(now + idleSeconds * 1000),
    absoluteExpiresAt: new Date(now + 3600 * 1000),
  };
}

describe('SessionCache', () => {
  it('serves an entry until its TTL, then forgets it', () => {
    const clock = new ManualClock(START);
    const cache = new SessionCache(clock, { ttlMs: 2000 });
    cache.set(session('a', 'u1', clock), cache.generation);
    clock.advance(1999);
    expect(cache.get('a', clock.now())?.user.id).toBe('u1');
    clock.advance(1);
    expect(cache.get('a', clock.now())).toBeNull();
    expect(cache.size).toBe(0);
  });

  it('never serves a session past its cached idle or absolute deadline', () => {
    const clock = new ManualClock(START);
    const cache = new SessionCache(clock, { ttlMs: 60_000 });
    cache.set(session('idle', 'u1', clock, 3), cache.generation);
    const absolute = session('abs', 'u2', clock);
    absolute.absoluteExpiresAt = new Date(clock.now().getTime() + 1000);
    cache.set(absolute, cache.generation);
    clock.advance(1000);
    expect(cache.get('abs', clock.now())).toBeNull();
    expect(cache.get('idle', clock.now())).not.toBeNull();
    clock.advance(2000);
    expect(cache.get('idle', clock.now())).toBeNull();
  });

  it('keeps at most maxEntries, evicting the least recently used', () => {
    const clock = new ManualClock(START);
    const cache = new SessionCache(clock, { maxEntries: 3 });
    for (const key of ['a', 'b', 'c']) cache.set(session(key, `u-${key}`, clock), cache.generation);
    expect(cache.get('a', clock.now())).not.toBeNull(); // a is now the most recent
    cache.set(session('d', 'u-d', clock), cache.generation);
    expect(cache.size).toBe(3);
    expect(cache.get('b', clock.now())).toBeNull();
    for (const key of ['a', 'c', 'd']) expect(cache.get(key, clock.now())).not.toBeNull();
  });

  it('drops one digest, or every session of a user', () => {
    const clock = new ManualClock(START);
    const cache = new SessionCache(clock);
    cache.set(session('a1', 'alice', clock), cache.generation);
    cache.set(session('a2', 'alice', clock), cache.generation);
    cache.set(session('b1', 'bob', clock), cache.generation);
    cache.invalidate('a1');
    expect(cache.get('a1', clock.now())).toBeNull();
    expect(cache.get('a2', clock.now())).not.toBeNull();
    cache.invalidate(userKey('alice'));
    expect(cache.get('a2', clock.now())).toBeNull();
    expect(cache.get('b1', clock.now())).not.toBeNull();
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it('asks once for a background refresh in the last fifth of the TTL', () => {
    const clock = new ManualClock(START);
    const cache = new SessionCache(clock, { ttlMs: 5000 });
    cache.set(session('a', 'u1', clock), cache.generation);
    clock.advance(3999);
    expect(cache.claimRefresh('a', clock.now())).toBe(false);
    clock.advance(1);
    expect(cache.claimRefresh('a', clock.now())).toBe(true);
    expect(cache.claimRefresh('a', clock.now())).toBe(false);
    expect(cache.claimRefresh('unknown', clock.now())).toBe(false);
    // The refreshed entry starts a new TTL and may be refreshed again later.
    cache.set(session('a', 'u1', clock), cache.generation);
    clock.advance(3999);
    expect(cache.get('a', clock.now())).not.toBeNull();
    expect(cache.claimRefresh('a', clock.now())).toBe(false);
    clock.advance(1);
    expect(cache.claimRefresh('a', clock.now())).toBe(true);
  });

  it('refuses an answer read before an invalidation', () => {
    const clock = new ManualClock(START);
    const cache = new SessionCache(clock);
    const before = cache.generation;
    cache.invalidate(userKey('alice'));
    cache.set(session('a1', 'alice', clock), before);
    expect(cache.get('a1', clock.now())).toBeNull();
    cache.set(session('a1', 'alice', clock), cache.generation);
    expect(cache.get('a1', clock.now())).not.toBeNull();
  });
});
