/**
 * The session cache in front of the database: hits cost no query, and every
 * revocation or user change is seen at once, here and on other instances
 * (through an in-memory signals bus standing in for `server/db/signals.ts`).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AccountOps } from '../../../server/admin/account-ops';
import type { SessionSignals } from '../../../server/auth/session-cache';
import { SessionStore, type SessionStoreOptions } from '../../../server/auth/sessions';
import { createUser, type UserRecord } from '../../../server/auth/users';
import { ManualClock } from '../../../server/clock';
import { resolveConfig } from '../../../server/config';
import { openDb, type Db } from '../../../server/db';
import { backends, dropTestSchema } from '../helpers';
import { seedPglite } from '../../setup/pglite-template';

const SETTINGS = { idleTimeoutSeconds: 600, absoluteTimeoutSeconds: 3600 };

/** A Db that counts the statements it runs (transactions count as one). */
function countingDb(inner: Db): Db & { count: number } {
  const counting = {
    kind: inner.kind,
    count: 0,
    query: ((sql: string, params?: readonly unknown[]) => {
      counting.count += 1;
      return inner.query(sql, params);
    }) as Db['query'],
    transaction: ((fn) => {
      counting.count += 1;
      return inner.transaction(fn);
    }) as Db['transaction'],
    close: () => inner.close(),
  };
  return counting;
}

/** In-memory signals bus: publish reaches every subscriber of every "instance", the sender included. */
class FakeSignals {
  private readonly listeners = new Map<string, Set<(key: string) => void>>();
  readonly published: Array<[string, string]> = [];

  instance(): SessionSignals {
    return {
      publish: async (topic, key) => {
        this.published.push([topic, key]);
        for (const listener of this.listeners.get(topic) ?? []) listener(key);
      },
      subscribe: (topic, listener) => {
        const set = this.listeners.get(topic) ?? new Set();
        this.listeners.set(topic, set);
        set.add(listener);
        return () => set.delete(listener);
      },
    };
  }
}

describe.each(backends)('session cache ($name)', (backend) => {
  let dataDir: string;
  let schema: string | undefined;
  let raw: Db;
  let db: Db & { count: number };
  let clock: ManualClock;
  let alice: UserRecord;
  let seq = 0;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'portico-session-cache-'));
    schema = backend.databaseUrl ? `portico_test_${randomBytes(6).toString('hex')}` : undefined;
    // The run's migrated template rather than a new initdb.
    if (!backend.databaseUrl) seedPglite(dataDir);
    raw = await openDb({ dataDir, databaseUrl: backend.databaseUrl, schema });
    db = countingDb(raw);
  }, 120_000);
  afterAll(async () => {
    await raw?.close();
    await dropTestSchema(backend.databaseUrl, schema);
    await rm(dataDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    clock = new ManualClock(new Date('2026-01-15T09:00:00.000Z'));
    seq += 1;
    alice = await createUser(raw, {
      username: `alice${seq}`,
      displayName: 'Alice',
      passwordHash: 'not-a-real-hash',
      now: clock.now(),
    });
  });

  const store = (options: SessionStoreOptions = {}): SessionStore =>
    new SessionStore(db, clock, SETTINGS, options);

  /** Statements `fn` runs against the database. */
  async function queriesOf(fn: () => Promise<unknown>): Promise<number> {
    const before = db.count;
    await fn();
    return db.count - before;
  }

  /** A session signed in through another instance (nothing cached here). */
  const signedInElsewhere = (): Promise<{ token: string }> => store({ cache: false }).create(alice.id);

  it('caches the session it creates, so the first request needs no read', async () => {
    const sessions = store();
    const { token } = await sessions.create(alice.id);
    expect(await queriesOf(() => sessions.authenticate(token, { slide: true }))).toBe(0);
  });

  it('answers a repeated check from memory, sliding writes still coalesced', async () => {
    const sessions = store({ cache: { ttlMs: 60_000 } });
    const { token } = await signedInElsewhere();
    expect(await queriesOf(() => sessions.authenticate(token, { slide: true }))).toBe(1);
    clock.advance(1000);
    expect(await queriesOf(() => sessions.authenticate(token, { slide: true }))).toBe(0);
    // Past the 5 s granularity the deadline is written once more, still without a read.
    clock.advance(4500);
    const before = db.count;
    const slid = await sessions.authenticate(token, { slide: true });
    expect(db.count - before).toBe(1);
    expect(slid?.idleExpiresAt.getTime()).toBe(clock.now().getTime() + SETTINGS.idleTimeoutSeconds * 1000);
    expect(slid?.user.id).toBe(alice.id);
  });

  it('reads the database again after the TTL', async () => {
    const sessions = store({ cache: { ttlMs: 2000 } });
    const { token } = await signedInElsewhere();
    await sessions.authenticate(token, { slide: false });
    // Below the refresh-ahead point (80 % of the TTL) a use is served from memory only.
    clock.advance(1500);
    expect(await queriesOf(() => sessions.authenticate(token, { slide: false }))).toBe(0);
    clock.advance(500);
    expect(await queriesOf(() => sessions.authenticate(token, { slide: false }))).toBe(1);
  });

  it('re-reads a busy session in the background before its TTL runs out', async () => {
    const sessions = store({ cache: { ttlMs: 2000 } });
    const { token } = await signedInElsewhere();
    await sessions.authenticate(token, { slide: false });
    clock.advance(1700);
    const before = db.count;
    expect(await sessions.authenticate(token, { slide: false })).not.toBeNull();
    await vi.waitFor(() => expect(db.count).toBe(before + 1), { timeout: 30_000 });
    // Refreshed at 1.7 s: still served from memory past the first entry's 2 s.
    clock.advance(1000);
    expect(await queriesOf(() => sessions.authenticate(token, { slide: false }))).toBe(0);
  });

  it('drops a session the background re-read finds ended', async () => {
    const sessions = store({ cache: { ttlMs: 2000 } });
    const { token } = await signedInElsewhere();
    await sessions.authenticate(token, { slide: false });
    // Revoked behind the cache's back (as if an invalidation had been lost).
    await store({ cache: false }).revoke(token);
    clock.advance(1700);
    const before = db.count;
    expect(await sessions.authenticate(token, { slide: false })).not.toBeNull();
    await vi.waitFor(() => expect(db.count).toBe(before + 1), { timeout: 30_000 });
    await vi.waitFor(async () => expect(await sessions.authenticate(token, { slide: false })).toBeNull(), {
      timeout: 30_000,
    });
  });

  it('turns a burst of first checks on one token into one query', async () => {
    const sessions = store();
    const { token } = await signedInElsewhere();
    const before = db.count;
    const results = await Promise.all(
      Array.from({ length: 20 }, () => sessions.authenticate(token, { slide: false })),
    );
    expect(db.count - before).toBe(1);
    expect(results.every((r) => r?.user.id === alice.id)).toBe(true);
  });

  it('reads and slides the sessions of many first checks in one statement each', async () => {
    const sessions = store();
    const issued = await Promise.all(Array.from({ length: 10 }, () => signedInElsewhere()));
    clock.advanceSeconds(60);
    const before = db.count;
    const results = await Promise.all(
      issued.map(({ token }) => sessions.authenticate(token, { slide: true })),
    );
    expect(db.count - before).toBe(2);
    expect(
      results.every(
        (r) => r?.idleExpiresAt.getTime() === clock.now().getTime() + SETTINGS.idleTimeoutSeconds * 1000,
      ),
    ).toBe(true);
    // The stored deadlines moved too: a fresh instance (no cache) sees them.
    clock.advanceSeconds(SETTINGS.idleTimeoutSeconds - 30);
    const fresh = store({ cache: false });
    for (const { token } of issued) expect(await fresh.authenticate(token, { slide: false })).not.toBeNull();
  });

  it('does not cache unknown tokens', async () => {
    const sessions = store();
    const unknown = randomBytes(32).toString('base64url');
    expect(await sessions.authenticate(unknown, { slide: false })).toBeNull();
    expect(await queriesOf(() => sessions.authenticate(unknown, { slide: false }))).toBe(1);
  });

  it('ends a cached session on sign-out at once', async () => {
    const sessions = store();
    const { token } = await sessions.create(alice.id);
    expect(await sessions.authenticate(token, { slide: true })).not.toBeNull();
    await sessions.revoke(token);
    expect(await sessions.authenticate(token, { slide: true })).toBeNull();
  });

  it('ends cached sessions on every instance through the signals bus', async () => {
    const bus = new FakeSignals();
    const a = store({ signals: bus.instance() });
    const b = store({ signals: bus.instance() });
    const first = await a.create(alice.id);
    const second = await a.create(alice.id);
    for (const instance of [a, b]) {
      for (const { token } of [first, second])
        expect(await instance.authenticate(token, { slide: true })).not.toBeNull();
    }
    await a.revoke(first.token);
    expect(await b.authenticate(first.token, { slide: true })).toBeNull();
    expect(await b.authenticate(second.token, { slide: true })).not.toBeNull();
    await b.revokeAllForUser(alice.id);
    expect(await a.authenticate(second.token, { slide: true })).toBeNull();
    // Keys are digests or user ids, never tokens.
    for (const [topic, key] of bus.published) {
      expect(topic).toBe('sessions');
      expect(key).not.toContain(first.token);
      expect(key).not.toContain(second.token);
    }
  });

  it('keeps the current session and ends the others when asked', async () => {
    const bus = new FakeSignals();
    const a = store({ signals: bus.instance() });
    const b = store({ signals: bus.instance() });
    const kept = await a.create(alice.id);
    const other = await a.create(alice.id);
    const current = await b.authenticate(kept.token, { slide: true });
    expect(await b.authenticate(other.token, { slide: true })).not.toBeNull();
    await a.revokeOthersForUser(alice.id, current!.tokenHash);
    expect(await b.authenticate(other.token, { slide: true })).toBeNull();
    expect(await b.authenticate(kept.token, { slide: true })).not.toBeNull();
  });

  it('refuses a disabled user at once, and sees role changes at once, on every instance', async () => {
    const bus = new FakeSignals();
    const a = store({ signals: bus.instance() });
    const b = store({ signals: bus.instance() });
    const config = resolveConfig({});
    const ops = new AccountOps({ db, clock, config, sessions: a });
    const { token } = await a.create(alice.id);
    expect((await b.authenticate(token, { slide: true }))?.user.roles).toEqual(['user']);
    await ops.setManager(alice.id, true);
    expect((await b.authenticate(token, { slide: true }))?.user.roles).toEqual(['user', 'manager']);
    await ops.setStatus(alice.id, 'disabled');
    expect(await a.authenticate(token, { slide: true })).toBeNull();
    expect(await b.authenticate(token, { slide: true })).toBeNull();
  });

  it('still ends an idle session on time while it is cached', async () => {
    const sessions = store({ cache: { ttlMs: 3_600_000 } });
    const { token } = await sessions.create(alice.id);
    expect(await sessions.authenticate(token, { slide: true })).not.toBeNull();
    clock.advanceSeconds(SETTINGS.idleTimeoutSeconds - 1);
    expect(await sessions.authenticate(token, { slide: false })).not.toBeNull();
    clock.advanceSeconds(1);
    expect(await sessions.authenticate(token, { slide: true })).toBeNull();
  });

  it('honours a deadline another instance slid', async () => {
    const a = store({ cache: { ttlMs: 3_600_000 } });
    const b = store({ cache: { ttlMs: 3_600_000 } });
    const { token } = await a.create(alice.id);
    expect(await b.authenticate(token, { slide: false })).not.toBeNull();
    clock.advanceSeconds(SETTINGS.idleTimeoutSeconds - 10);
    expect(await a.authenticate(token, { slide: true })).not.toBeNull();
    // b's cached deadline has passed, but the stored one moved: b asks the database.
    clock.advanceSeconds(20);
    expect(await b.authenticate(token, { slide: false })).not.toBeNull();
  });

  it('hands out copies the caller cannot use to change the cache', async () => {
    const sessions = store();
    const { token } = await sessions.create(alice.id);
    const first = await sessions.authenticate(token, { slide: false });
    first!.user.roles.push('manager');
    first!.user.status = 'disabled';
    const again = await sessions.authenticate(token, { slide: false });
    expect(again?.user.roles).toEqual(['user']);
    expect(again?.user.status).toBe('active');
  });
});
