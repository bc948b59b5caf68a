/**
 * Harness for the password/lockout/reset tests: the real app (fastify
 * `inject`, no socket) on a temp PGlite database with a ManualClock, plus
 * helpers to create users in a given state.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../server/app-context';
import type { PasswordHasher } from '../../../server/auth/passwords';
import { createUser, type UserRecord } from '../../../server/auth/users';
import type { ManualClock } from '../../../server/clock';
import type { DeepPartial, ServerConfig } from '../../../server/config';
import type { Db } from '../../../server/db';
import { injectJson, startInjectedApp } from '../injected-app';

export const DAY_MS = 86_400_000;

/** A JSON answer. */
export interface Answer {
  status: number;
  body: Record<string, unknown> & {
    error?: { code: string; message: string; details?: Record<string, unknown> };
  };
}

/** One app under test. */
export interface PasswordHarness {
  app: FastifyInstance;
  ctx: AppContext;
  db: Db;
  clock: ManualClock;
  hasher: PasswordHasher;
  post(path: string, body: unknown, token?: string): Promise<Answer>;
  get(path: string, token?: string): Promise<Answer>;
  /** Creates an account; `passwordAgeDays` back-dates its password. */
  createAccount(options: {
    username: string;
    password: string;
    mustChangePassword?: boolean;
    passwordAgeDays?: number;
  }): Promise<UserRecord>;
  /** Signs in and returns the session token (throws unless the step is `complete`). */
  signIn(username: string, password: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts the harness. */
export async function startPasswordHarness(config: DeepPartial<ServerConfig> = {}): Promise<PasswordHarness> {
  const { app, ctx, db, clock, hasher, close } = await startInjectedApp({
    tempPrefix: 'portico-pw-test-',
    startAt: '2026-03-01T09:00:00.000Z',
    publicUrl: 'http://127.0.0.1',
    config,
  });
  const send = async (
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    token?: string,
  ): Promise<Answer> => {
    const response = await injectJson(app, method, `/api/v1${path}`, body, token);
    return {
      status: response.statusCode,
      body: response.body ? (JSON.parse(response.body) as Answer['body']) : {},
    };
  };
  const harness: PasswordHarness = {
    app,
    ctx,
    db,
    clock,
    hasher,
    post: (path, body, token) => send('POST', path, body, token),
    get: (path, token) => send('GET', path, undefined, token),
    async createAccount(options) {
      const now = new Date(clock.now().getTime() - (options.passwordAgeDays ?? 0) * DAY_MS);
      return createUser(db, {
        username: options.username,
        displayName: options.username,
        passwordHash: await hasher.hash(options.password),
        mustChangePassword: options.mustChangePassword ?? false,
        now,
      });
    },
    async signIn(username, password) {
      const answer = await send('POST', '/auth/sign-in', { username, password });
      if (answer.status !== 200 || answer.body.step !== 'complete') {
        throw new Error(`sign-in of ${username} answered ${answer.status} ${JSON.stringify(answer.body)}`);
      }
      return (answer.body.session as { token: string }).token;
    },
    close,
  };
  return harness;
}
