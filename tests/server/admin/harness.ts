/**
 * A portal app for the administration tests, driven with `app.inject` (no
 * socket): PGlite in a temp folder, or PostgreSQL in a throw-away schema.
 * Users and sessions are made directly, so the tests do not depend on the
 * sign-in gates of other features.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { AppContext } from '../../../server/app-context';
import { buildApp } from '../../../server/app';
import { PasswordHasher } from '../../../server/auth/passwords';
import { createUser, type UserRecord } from '../../../server/auth/users';
import { ManualClock } from '../../../server/clock';
import { resolveConfig } from '../../../server/config';
import { openDb, type Db } from '../../../server/db';
import { MIN_ARGON2, type Backend, dropTestSchema, testSeedCipher } from '../helpers';
import { seedPglite } from '../../setup/pglite-template';

/** A running app plus helpers. */
export interface AdminHarness {
  app: FastifyInstance;
  ctx: AppContext;
  db: Db;
  clock: ManualClock;
  /** Creates an active user (optionally a manager) with `password`. */
  addUser(
    username: string,
    options?: { manager?: boolean; password?: string; email?: string },
  ): Promise<UserRecord>;
  /** A session token for `user` (bypasses the sign-in steps). */
  tokenFor(user: UserRecord): Promise<string>;
  /** Calls the API with a bearer token. */
  call(
    token: string | null,
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** Starts a harness on `backend`. */
export async function startAdminHarness(backend: Backend): Promise<AdminHarness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'portico-admin-test-'));
  const schema = backend.name === 'postgres' ? `portico_admin_${randomBytes(6).toString('hex')}` : undefined;
  if (!backend.databaseUrl) seedPglite(dataDir);
  const db = await openDb({ dataDir, databaseUrl: backend.databaseUrl, schema });
  const clock = new ManualClock(new Date('2026-01-15T09:00:00.000Z'));
  const config = resolveConfig({ argon2: MIN_ARGON2 });
  const { app, ctx } = await buildApp({
    config,
    db,
    clock,
    seeds: testSeedCipher(),
    publicUrl: () => 'http://127.0.0.1:1',
  });
  await app.ready();
  const hasher = new PasswordHasher(config.argon2);
  return {
    app,
    ctx,
    db,
    clock,
    async addUser(username, options = {}) {
      return createUser(db, {
        username,
        displayName: `${username} Person`,
        email: options.email ?? `${username}@example.com`,
        passwordHash: await hasher.hash(options.password ?? 'Correct-Horse-42!'),
        roles: options.manager ? ['user', 'manager'] : ['user'],
        now: clock.now(),
      });
    },
    async tokenFor(user) {
      return (await ctx.sessions.create(user.id)).token;
    },
    call(token, method, url, body) {
      return app.inject({
        method,
        url,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      });
    },
    async close() {
      await app.close();
      await db.close();
      await dropTestSchema(backend.databaseUrl, schema);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
