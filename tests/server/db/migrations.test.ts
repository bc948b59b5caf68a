import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDb, type Db } from '../../../server/db';
import { migrations } from '../../../server/db/migrations';
import { startServer, type RunningServer } from '../../../server/index';
import { newSeedKeyText } from '../../../server/mfa/seed-keys';
import { backends, bearer, MIN_ARGON2, dropTestSchema, useTestPortal } from '../helpers';

describe.each(backends)('migrations and restarts ($name)', (backend) => {
  const portal = useTestPortal(backend);

  it('creates the demo account only on the first start and keeps data across restarts', async () => {
    const demo = portal.server.demoAccount;
    expect(demo).not.toBeNull();
    const token = await portal.signInDemo();
    await portal.stop();

    const again = await portal.restart();
    expect(again.demoAccount).toBeNull();
    const session = await fetch(new URL('/api/v1/auth/session', again.url), { headers: bearer(token) });
    expect(session.status).toBe(200);
    const signIn = await fetch(new URL('/api/v1/auth/sign-in', again.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(demo),
    });
    expect(signIn.status).toBe(200);
  });
});

describe('migration runner (pglite)', () => {
  let dataDir: string;
  let db: Db;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'portico-migrate-test-'));
    db = await openDb({ dataDir });
  });
  afterAll(async () => {
    await db?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('records every migration once and is idempotent', async () => {
    const rows = await db.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(rows.rows.map((row) => Number(row.version))).toEqual(migrations.map((m) => m.version));
    expect(await migrate(db)).toEqual([]);
    expect(await Promise.all([migrate(db), migrate(db)])).toEqual([[], []]);
  });

  it('applies a new migration exactly once, and rolls back a failing one entirely', async () => {
    const extra = {
      version: 9001,
      name: 'test table',
      statements: ['CREATE TABLE migration_probe (id integer)'],
    };
    expect(await migrate(db, [...migrations, extra])).toEqual([9001]);
    expect(await migrate(db, [...migrations, extra])).toEqual([]);

    const broken = {
      version: 9002,
      name: 'broken',
      statements: ['CREATE TABLE half_done (id integer)', 'THIS IS NOT SQL'],
    };
    await expect(migrate(db, [...migrations, extra, broken])).rejects.toThrow();
    const leftovers = await db.query(
      "SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'",
    );
    expect(leftovers.rows).toHaveLength(0);
    const recorded = await db.query('SELECT 1 FROM schema_migrations WHERE version = 9002');
    expect(recorded.rows).toHaveLength(0);
  });

  it('refuses a second open of the same data dir while the first is open', async () => {
    await expect(openDb({ dataDir })).rejects.toThrow(/in use|already open/);
  });
});

describe.each(backends.filter((backend) => backend.name === 'postgres'))(
  'concurrent starts on one PostgreSQL ($name)',
  (backend) => {
    const schema = `portico_test_concurrent_${process.pid}`;

    afterAll(async () => {
      const db = await openDb({ dataDir: '', databaseUrl: backend.databaseUrl, schema });
      await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    });

    it('applies migrations once when several instances start at the same moment', async () => {
      const dbs = await Promise.all(
        [1, 2, 3].map(() => openDb({ dataDir: '', databaseUrl: backend.databaseUrl, schema })),
      );
      try {
        const rows = await dbs[0]!.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
        expect(Number(rows.rows[0]!.n)).toBe(migrations.length);
      } finally {
        await Promise.all(dbs.map((db) => db.close()));
      }
    });
  },
);

// Several portal instances behind a load balancer share one PostgreSQL:
// nothing may live only in one process's memory.
describe.each(backends.filter((backend) => backend.name === 'postgres'))(
  'instances sharing one PostgreSQL ($name)',
  (backend) => {
    const schema = `portico_test_shared_${process.pid}`;
    const servers: RunningServer[] = [];
    const dirs: string[] = [];

    afterAll(async () => {
      await Promise.all(servers.map((server) => server.close()));
      await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
      await dropTestSchema(backend.databaseUrl, schema);
    });

    it('creates one demo account and honours sessions across instances', async () => {
      // Instances sharing a database share the seed key.
      const seedKey = newSeedKeyText();
      const started = await Promise.all(
        [1, 2].map(async () => {
          const dataDir = await mkdtemp(join(tmpdir(), 'portico-shared-test-'));
          dirs.push(dataDir);
          const server = await startServer({
            dataDir,
            port: 0,
            config: { argon2: MIN_ARGON2 },
            databaseUrl: backend.databaseUrl,
            databaseSchema: schema,
            seedKey,
          });
          servers.push(server);
          return server;
        }),
      );
      const creators = started.filter((server) => server.demoAccount !== null);
      expect(creators).toHaveLength(1);
      const demo = creators[0]!.demoAccount!;
      const [a, b] = started as [RunningServer, RunningServer];

      const signIn = await fetch(new URL('/api/v1/auth/sign-in', a.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(demo),
      });
      const token = (await signIn.json()).session.token as string;
      expect((await fetch(new URL('/api/v1/auth/session', b.url), { headers: bearer(token) })).status).toBe(
        200,
      );

      const out = await fetch(new URL('/api/v1/auth/sign-out', b.url), {
        method: 'POST',
        headers: bearer(token),
      });
      expect(out.status).toBe(204);
      // Instance a cached the session it issued; the revocation reaches it
      // over PostgreSQL NOTIFY (milliseconds, after b's commit), so it is
      // awaited within the 2 s the cluster promises, well under the cache's
      // 5 s lifetime: a lost signal still fails.
      await expect
        .poll(async () => (await fetch(new URL('/api/v1/auth/session', a.url), { headers: bearer(token) })).status, {
          timeout: 2_000,
          interval: 25,
        })
        .toBe(401);
    });
  },
);
