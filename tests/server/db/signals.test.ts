import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDb, type Db } from '../../../server/db';
import { openSignals, RESYNC_TOPIC, type Signals } from '../../../server/db/signals';
import { testDatabaseUrl } from '../helpers';

/** Resolves with the next key delivered on `topic` (rejects after a generous timeout). */
function nextKey(signals: Signals, topic: string, timeoutMs = 20_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no signal on ${topic}`));
    }, timeoutMs);
    const off = signals.subscribe(topic, (key) => {
      clearTimeout(timer);
      off();
      resolve(key);
    });
  });
}

/** Collects every key delivered on `topic`. */
function collect(signals: Signals, topic: string): string[] {
  const keys: string[] = [];
  signals.subscribe(topic, (key) => keys.push(key));
  return keys;
}

/** Publishes a marker and waits for it: everything published before it has been delivered. */
async function settle(from: Signals, to: Signals): Promise<void> {
  const marker = randomBytes(4).toString('hex');
  const heard = nextKey(to, 'marker');
  await from.publish('marker', marker);
  expect(await heard).toBe(marker);
}

describe('signals on the embedded database', () => {
  let dir: string;
  let db: Db;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'portico-signals-'));
    db = await connectDb({ dataDir: dir });
  });
  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('delivers between every Signals opened on the same database, including the sender', async () => {
    const a = await openSignals(db);
    const b = await openSignals(db);
    try {
      const onA = nextKey(a, 'push');
      const onB = nextKey(b, 'push');
      await a.publish('push', 'p-1');
      expect(await onA).toBe('p-1');
      expect(await onB).toBe('p-1');
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('stops delivering after unsubscribe and close; a throwing listener does not stop the others', async () => {
    const a = await openSignals(db);
    const b = await openSignals(db);
    const c = await openSignals(db);
    try {
      const keys: string[] = [];
      const off = a.subscribe('t', (key) => keys.push(key));
      b.subscribe('t', () => {
        throw new Error('listener bug');
      });
      const onB = collect(b, 't');
      await c.publish('t', 'one');
      await settle(c, a);
      off();
      await c.publish('t', 'two');
      await settle(c, b);
      expect(keys).toEqual(['one']);
      expect(onB).toEqual(['one', 'two']);
      await b.close();
      await c.publish('t', 'three');
      await settle(c, a);
      expect(onB).toEqual(['one', 'two']);
      await expect(a.publish('', 'x')).rejects.toThrow();
    } finally {
      await a.close();
      await b.close();
      await c.close();
    }
  });
});

describe.runIf(testDatabaseUrl)('signals on PostgreSQL (LISTEN/NOTIFY)', () => {
  const url = testDatabaseUrl!;
  const schema = `signals_${randomBytes(6).toString('hex')}`;
  const other = `${schema}_other`;
  let db: Db;
  let otherDb: Db;

  beforeAll(async () => {
    db = await connectDb({ dataDir: '', databaseUrl: url, schema });
    otherDb = await connectDb({ dataDir: '', databaseUrl: url, schema: other });
  });
  afterAll(async () => {
    await db?.close();
    await otherDb?.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS ${other} CASCADE`);
    await client.end();
  });

  it('two instances on one database deliver to each other (and to themselves)', async () => {
    const a = await openSignals(db, { connectionString: url, schema });
    const b = await openSignals(db, { connectionString: url, schema });
    try {
      const onB = nextKey(b, 'push');
      const onA = nextKey(a, 'push');
      await a.publish('push', 'from-a');
      expect(await onB).toBe('from-a');
      expect(await onA).toBe('from-a');
      const back = nextKey(a, 'session');
      await b.publish('session', 'from-b');
      expect(await back).toBe('from-b');
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('keeps schemas apart and refuses payloads PostgreSQL would refuse', async () => {
    const a = await openSignals(db, { connectionString: url, schema });
    const b = await openSignals(db, { connectionString: url, schema });
    const elsewhere = await openSignals(otherDb, { connectionString: url, schema: other });
    try {
      const heardElsewhere = collect(elsewhere, 'push');
      await a.publish('push', 'mine');
      await settle(a, b);
      await settle(elsewhere, elsewhere);
      expect(heardElsewhere).toEqual([]);
      await expect(a.publish('push', 'x'.repeat(8000))).rejects.toThrow(/too large/);
    } finally {
      await a.close();
      await b.close();
      await elsewhere.close();
    }
  });

  it('reconnects after the listen connection is killed and tells subscribers to resync', async () => {
    const errors: Error[] = [];
    const a = await openSignals(db, {
      connectionString: url,
      schema,
      reconnect: { minDelayMs: 50, maxDelayMs: 500 },
      onError: (error) => errors.push(error),
    });
    const b = await openSignals(db, { connectionString: url, schema });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const resync = nextKey(a, RESYNC_TOPIC, 60_000);
      // Kill only a's listener: the oldest backend with this schema's application name.
      const killed = await admin.query(
        `SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
         WHERE application_name = $1 ORDER BY backend_start LIMIT 1`,
        [`portico_signals:${schema}`],
      );
      expect(killed.rows[0]?.done).toBe(true);
      expect(await resync).toBe('');
      expect(errors.length).toBeGreaterThan(0);
      // Delivery works again after the reconnect.
      const again = nextKey(a, 'push');
      await b.publish('push', 'after');
      expect(await again).toBe('after');
    } finally {
      await admin.end();
      await a.close();
      await b.close();
    }
  }, 90_000);
});
