/**
 * Several portal instances on one database, for the cross-instance tests.
 *
 * - PostgreSQL: real separate processes (`server/cli.ts serve`), each with its
 *   own memory and connection pool, on one throwaway schema (selected through
 *   the connection string's `options=-c search_path=...`, as an operator
 *   would).
 * - PGlite (single-process by design): two independently built apps in this
 *   process over one shared `Db`. That still proves no route module keeps
 *   state in its own memory, which is what would break behind a balancer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app';
import { PasswordHasher } from '../../../server/auth/passwords';
import { createUser, type UserRecord } from '../../../server/auth/users';
import { systemClock } from '../../../server/clock';
import { resolveConfig } from '../../../server/config';
import { openDb, type Db } from '../../../server/db';
import { SeedCipher } from '../../../server/mfa/seed-cipher';
import { SEED_KEY_ENV, newSeedKeyText, parseSeedKeyList } from '../../../server/mfa/seed-keys';
import { MIN_ARGON2, type Backend, dropTestSchema } from '../helpers';
import { seedPglite } from '../../setup/pglite-template';
import { PORTAL_CLI as CLI } from '../../setup/portal-cli-path';

/**
 * Every instance's configuration: quick hashing, and no light-version session
 * host (a redeemed web ticket then ends in "no host" at once, with no Xvnc).
 */
const CLUSTER_CONFIG = { argon2: MIN_ARGON2, light: { referenceHost: 'off' } } as const;

/** Running instances sharing one database. */
export interface Cluster {
  /** Base URL of each instance. */
  urls: string[];
  /** A direct handle on the shared database (to create users, inspect rows). */
  db: Db;
  /** The instances' shared seed key (to enroll devices directly in `db`). */
  seeds: SeedCipher;
  /** Creates an active user who needs no password change. */
  createUser(username: string, password: string): Promise<UserRecord>;
  close(): Promise<void>;
}

/** PostgreSQL URL whose sessions use `schema` (libpq `options`, honoured by `pg`). */
export function urlWithSchema(databaseUrl: string, schema: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

function waitForReady(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`instance not ready in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = /PORTICO_PORTAL_READY (\{.*\})/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve((JSON.parse(match[1]!) as { url: string }).url);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`instance exited with ${code}:\n${output}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function startPostgresCluster(databaseUrl: string, size: number): Promise<Cluster> {
  const schema = `portico_cluster_${randomBytes(6).toString('hex')}`;
  const workDir = await mkdtemp(join(tmpdir(), 'portico-cluster-'));
  // Migrate (and create the schema) before the instances start, as `server migrate` would.
  const db = await openDb({ dataDir: workDir, databaseUrl, schema });
  const configPath = join(workDir, 'config.json');
  // Instances sharing a database share the seed key, through the environment as in production.
  const seedKey = newSeedKeyText();
  await writeFile(configPath, JSON.stringify(CLUSTER_CONFIG));
  const children: ChildProcess[] = [];
  const cleanup = async (): Promise<void> => {
    await Promise.all(children.map(stopChild));
    await db.close();
    await dropTestSchema(databaseUrl, schema);
    await rm(workDir, { recursive: true, force: true });
  };
  try {
    const urls = await Promise.all(
      Array.from({ length: size }, (_, index) => {
        const child = spawn(
          process.execPath,
          [
            CLI,
            'serve',
            '--port',
            '0',
            '--data-dir',
            join(workDir, `instance-${index}`),
            '--config',
            configPath,
          ],
          {
            env: {
              ...process.env,
              DATABASE_URL: urlWithSchema(databaseUrl, schema),
              [SEED_KEY_ENV]: seedKey,
            },
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        children.push(child);
        return waitForReady(child, 150_000);
      }),
    );
    return {
      urls,
      db,
      seeds: new SeedCipher(parseSeedKeyList(seedKey)),
      createUser: (u, p) => addUser(db, u, p),
      close: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

async function startPgliteCluster(size: number): Promise<Cluster> {
  const dataDir = await mkdtemp(join(tmpdir(), 'portico-cluster-'));
  seedPglite(dataDir);
  const db = await openDb({ dataDir });
  const config = resolveConfig(CLUSTER_CONFIG);
  const seeds = new SeedCipher(parseSeedKeyList(newSeedKeyText()));
  const apps: FastifyInstance[] = [];
  const urls: string[] = [];
  try {
    for (let index = 0; index < size; index += 1) {
      let url = '';
      const { app } = await buildApp({ config, db, clock: systemClock, seeds, publicUrl: () => url });
      apps.push(app);
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      urls.push(url);
    }
  } catch (error) {
    await Promise.all(apps.map((app) => app.close()));
    await db.close();
    throw error;
  }
  return {
    urls,
    db,
    seeds,
    createUser: (u, p) => addUser(db, u, p),
    async close() {
      await Promise.all(apps.map((app) => app.close()));
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function addUser(db: Db, username: string, password: string): Promise<UserRecord> {
  return createUser(db, {
    username,
    displayName: `Cluster ${username}`,
    email: null,
    passwordHash: await new PasswordHasher(MIN_ARGON2).hash(password),
    roles: ['user'],
    mustChangePassword: false,
    now: systemClock.now(),
  });
}

/** Starts `size` instances on one database of the given backend. */
export function startCluster(backend: Backend, size = 2): Promise<Cluster> {
  return backend.databaseUrl ? startPostgresCluster(backend.databaseUrl, size) : startPgliteCluster(size);
}

/** POSTs JSON to `base + path`. */
export function postJson(
  base: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(new URL(path, base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}
