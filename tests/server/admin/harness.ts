/**
 * A portal app for the administration tests, driven with `app.inject` (no
 * socket): PGlite in a temp folder, or PostgreSQL in a throw-away schema.
 * Users and sessions are made directly, so the tests do not depend on the
 * sign-in gates of other features.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { AppContext } from '../../../server/app-context';
import { createUser, type UserRecord } from '../../../server/auth/users';
import type { ManualClock } from '../../../server/clock';
import type { Db } from '../../../server/db';
import type { Backend } from '../helpers';
import { injectJson, startInjectedApp } from '../injected-app';

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
  const { app, ctx, db, clock, hasher, close } = await startInjectedApp({
    backend,
    tempPrefix: 'portico-admin-test-',
    startAt: '2026-01-15T09:00:00.000Z',
    publicUrl: 'http://127.0.0.1:1',
  });
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
    call: (token, method, url, body) => injectJson(app, method, url, body, token),
    close,
  };
}
