/**
 * The real portal app driven with `app.inject` (no socket): PGlite in a temp
 * folder (from the run's migrated template), or PostgreSQL in a throw-away
 * schema, with a ManualClock. The base of the harnesses that seed users
 * directly instead of going through the sign-in gates.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { AppContext } from '../../server/app-context';
import { buildApp } from '../../server/app';
import { PasswordHasher } from '../../server/auth/passwords';
import { ManualClock } from '../../server/clock';
import { resolveConfig, type DeepPartial, type ServerConfig } from '../../server/config';
import { openDb, type Db } from '../../server/db';
import { MIN_ARGON2, dropTestSchema, testSeedCipher, type Backend } from './portal-harness';
import { seedPglite } from '../setup/pglite-template';

/** A built, ready app and what it runs on. */
export interface InjectedApp {
  app: FastifyInstance;
  ctx: AppContext;
  db: Db;
  clock: ManualClock;
  /** Hashes with the app's own (test-sized) Argon2 settings. */
  hasher: PasswordHasher;
  /** Closes the app and the database, and removes the schema and the data folder. */
  close(): Promise<void>;
}

/** Options of {@link startInjectedApp}. */
export interface InjectedAppOptions {
  /** PGlite when absent. */
  backend?: Backend;
  /** The temp folder's name prefix. */
  tempPrefix: string;
  /** The ManualClock's start (ISO). */
  startAt: string;
  /** The address links in e-mails point to. */
  publicUrl: string;
  config?: DeepPartial<ServerConfig>;
}

/** Builds the app on a fresh database and waits until it is ready. */
export async function startInjectedApp(options: InjectedAppOptions): Promise<InjectedApp> {
  const databaseUrl = options.backend?.databaseUrl;
  const dataDir = await mkdtemp(join(tmpdir(), options.tempPrefix));
  const schema = databaseUrl ? `portico_inject_${randomBytes(6).toString('hex')}` : undefined;
  if (!databaseUrl) seedPglite(dataDir);
  const db = await openDb({ dataDir, databaseUrl, schema });
  const clock = new ManualClock(new Date(options.startAt));
  const config = resolveConfig({ argon2: MIN_ARGON2, ...options.config });
  const { app, ctx } = await buildApp({
    config,
    db,
    clock,
    seeds: testSeedCipher(),
    publicUrl: () => options.publicUrl,
  });
  await app.ready();
  return {
    app,
    ctx,
    db,
    clock,
    hasher: new PasswordHasher(config.argon2),
    async close() {
      await app.close();
      await db.close();
      await dropTestSchema(databaseUrl, schema);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Injects one request, with a bearer token and a JSON body when given. */
export function injectJson(
  app: FastifyInstance,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  token?: string | null,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method,
    url,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}
