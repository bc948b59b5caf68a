/**
 * The portal the server tests and the security bench start: each on
 * 127.0.0.1:0 with a temp data dir (PGlite) and, when PostgreSQL is available
 * (see `tests/setup/postgres.ts`), also against PostgreSQL in a throw-away
 * schema. Free of Vitest, so `bench/` scripts can use it too; the suite
 * fixtures live in `helpers.ts`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { AppContext } from '../../server/app-context';
import { ManualClock } from '../../server/clock';
import type { DeepPartial, ServerConfig } from '../../server/config';
import { startServer, type RunningServer, type StartServerOptions } from '../../server/index';
import { SeedCipher, newSeedKey } from '../../server/mfa/seed-cipher';
import { seedPglite } from '../setup/pglite-template';

/** A storage backend the db-dependent tests run against. */
export interface Backend {
  name: 'pglite' | 'postgres';
  databaseUrl?: string;
}

/**
 * PostgreSQL URL for tests: the throwaway cluster started by
 * `tests/setup/postgres.ts`, or an explicit `DATABASE_URL`.
 */
export const testDatabaseUrl: string | undefined =
  process.env.PORTICO_TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;

/** PGlite always; PostgreSQL too when one is available for the test run. */
export const backends: Backend[] = [
  { name: 'pglite' },
  ...(testDatabaseUrl ? [{ name: 'postgres' as const, databaseUrl: testDatabaseUrl }] : []),
];

/** The cheapest Argon2id cost the config allows (the security floor). */
/** Security answers the reset tests save for a user: two chosen questions and one of the user's own. */
export const SECURITY_ANSWERS = {
  chosen: [
    { questionId: 'first-pet', answer: 'Biscuit the Cat' },
    { questionId: 'birth-city', answer: 'Porto' },
  ],
  custom: { question: 'What was the name of my first boat?', answer: 'Sea Breeze' },
};
/** The answers to {@link SECURITY_ANSWERS}, in the order a reset asks them. */
export const RIGHT_ANSWERS = ['Biscuit the Cat', 'Porto', 'Sea Breeze'];

export const MIN_ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** A running test portal plus conveniences. */
export interface TestPortal {
  server: RunningServer;
  url: string;
  clock: ManualClock;
  dataDir: string;
  /** Fetches `path` (relative to the portal URL). */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** POSTs JSON. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Signs in as the demo account; returns the session token. */
  signInDemo(): Promise<string>;
  /** Stops the server (the data stays for restart tests). */
  stop(): Promise<void>;
  /** Starts another server on the same data dir / schema. */
  restart(): Promise<RunningServer>;
  /** Stops everything and removes the temp data. */
  cleanup(): Promise<void>;
}

/** Options of {@link startTestPortal}. */
export interface TestPortalOptions {
  config?: DeepPartial<ServerConfig>;
}

/** A seed cipher with a fresh random key, for apps a test builds with `buildApp`. */
export function testSeedCipher(): SeedCipher {
  return new SeedCipher([newSeedKey()]);
}

/** A reference portal on a fresh temp data dir (PGlite from the run's template), with its AppContext for tests that seed the database directly. */
export interface CapturedServer {
  server: RunningServer;
  ctx: AppContext;
  dataDir: string;
  /** Stops the server and removes the data dir. */
  cleanup(): Promise<void>;
}

/** Starts a {@link CapturedServer}; its AppContext is captured by a tiny plugin. */
export async function startCapturedServer(
  options: Omit<StartServerOptions, 'dataDir' | 'plugins'> & { tempPrefix?: string } = {},
): Promise<CapturedServer> {
  const { tempPrefix = 'portico-captured-', ...startOptions } = options;
  const dataDir = await mkdtemp(join(tmpdir(), tempPrefix));
  // From the run's migrated template, like every other test portal (no initdb per suite).
  if (!startOptions.databaseUrl) seedPglite(dataDir);
  let captured: AppContext | null = null;
  const server = await startServer({
    ...startOptions,
    dataDir,
    plugins: [{ name: 'capture', register: (_app, ctx) => void (captured = ctx) }],
  });
  return {
    server,
    ctx: captured!,
    dataDir,
    async cleanup() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts a portal for one test file. */
export async function startTestPortal(
  backend: Backend,
  options: TestPortalOptions = {},
): Promise<TestPortal> {
  const dataDir = await mkdtemp(join(tmpdir(), 'portico-server-test-'));
  const schema = backend.name === 'postgres' ? `portico_test_${randomBytes(6).toString('hex')}` : undefined;
  const clock = new ManualClock(new Date('2026-01-15T09:00:00.000Z'));
  const startOptions: StartServerOptions = {
    dataDir,
    port: 0,
    clock,
    config: { argon2: MIN_ARGON2, ...options.config },
    databaseUrl: backend.databaseUrl,
    databaseSchema: schema,
  };
  if (backend.name === 'pglite') seedPglite(dataDir);
  const servers: RunningServer[] = [];
  const first = await startServer(startOptions);
  servers.push(first);
  const demo = first.demoAccount;
  const request = (path: string, init?: RequestInit): Promise<Response> =>
    fetch(new URL(path, first.url), init);
  const post = (path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  return {
    server: first,
    url: first.url,
    clock,
    dataDir,
    request,
    post,
    async signInDemo() {
      if (!demo) throw new Error('no demo account on this portal');
      const response = await post('/api/v1/auth/sign-in', demo);
      if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
      const body = (await response.json()) as { session: { token: string } };
      return body.session.token;
    },
    stop: () => first.close(),
    async restart() {
      const next = await startServer(startOptions);
      servers.push(next);
      return next;
    },
    async cleanup() {
      for (const server of servers) await server.close();
      if (schema && backend.databaseUrl) {
        await dropTestSchema(backend.databaseUrl, schema);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** `Authorization` header for a token. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** Drops a test run's PostgreSQL schema (nothing to do without a database or a schema). */
export async function dropTestSchema(
  databaseUrl: string | undefined,
  schema: string | undefined,
): Promise<void> {
  if (!databaseUrl || !schema) return;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
