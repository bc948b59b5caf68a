/**
 * Programmatic entry of the reference portal: `startServer()` opens the
 * database, applies migrations, creates the demo account on first start and
 * listens. Used by the CLI, the e2e fixtures and the tests.
 */
import path from 'node:path';
import type { PortalPlugin } from './app-context';
import { buildApp, type RegisteredRoute } from './app';
import { LockoutStore } from './auth/lockout-store';
import { PasswordHasher } from './auth/passwords';
import { systemClock, type Clock } from './clock';
import { resolveConfig, type DeepPartial, type ServerConfig } from './config';
import { connectDb, migrate } from './db';
import { openSignals, type Signals } from './db/signals';
import { startAdminSocket, type AdminSocket } from './admin/admin-socket-server';
import { runToResponse } from './admin/cli-account-commands';
import { ensureDemoAccount, type DemoAccount } from './demo-account';
import { SEED_KEY_ENV, loadSeedCipher } from './mfa/seed-keys';
import { prepareSeeds } from './mfa/seed-store';
import { startTransfers, type PortalTransfers } from './transfers-plugin';

export type { AppContext, PortalPlugin } from './app-context';
export type { RequireSession } from './auth/require-session';
export type { Clock } from './clock';
export { ManualClock, systemClock } from './clock';
export type { DeepPartial, ServerConfig } from './config';
export type { DemoAccount } from './demo-account';
export { PortalError, portalError } from './errors';
export { buildApp, corePlugins } from './app';

/** Options of {@link startServer}. */
export interface StartServerOptions {
  /** Folder for the embedded database (and later FTPS roots). Created if missing. */
  dataDir: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (a random free port). */
  port?: number;
  /** Overrides on top of `config/default.json`. */
  config?: DeepPartial<ServerConfig>;
  /** PostgreSQL connection string; without it the embedded PGlite is used. */
  databaseUrl?: string;
  /** PostgreSQL schema (tests isolate runs with it). */
  databaseSchema?: string;
  /** Log requests (no bodies, no headers, no query strings). Default false. */
  log?: boolean;
  /** Time source; tests pass a ManualClock. */
  clock?: Clock;
  /** Extra route modules (e.g. FTPS transfers). */
  plugins?: readonly PortalPlugin[];
  /**
   * FTPS control port. Default: `config.ftps.port`, or 0 (random) when the
   * HTTP port is 0, so parallel test portals never collide.
   */
  ftpsPort?: number;
  /**
   * Safety re-check of open FTPS logins against revocations (ms, default
   * 1000; see `ftps/revocation.ts`). Tests raise it to show the signals bus
   * alone cuts sessions.
   */
  ftpsRecheckMs?: number;
  /**
   * The TOTP seed key(s), as `PORTICO_SEED_KEY` takes them (base64 of 32
   * bytes, comma-separated while rotating). Default: that environment
   * variable, else the key file `<dataDir>/seed-key` (created on first start).
   */
  seedKey?: string;
  /**
   * Open the admin socket the CLI talks to (embedded database only; default
   * true). With PostgreSQL the CLI opens the database itself.
   */
  adminSocket?: boolean;
  /**
   * Start-up timeline: called after each phase with its duration in ms
   * (`bench:desktop` prints them). Never called with data.
   */
  onPhase?: (phase: StartPhase, ms: number) => void;
}

/** The phases of {@link startServer}, in order. */
export type StartPhase = 'seed key' | 'db open' | 'migrations' | 'signals' | 'ftps' | 'demo account' | 'routes' | 'listen' | 'admin socket';

/** A running portal. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:7443`. */
  url: string;
  /** Stops listening and closes the database; safe to call twice. */
  close(): Promise<void>;
  /** Set only on the start that created the demo account. */
  demoAccount: DemoAccount | null;
  config: ServerConfig;
  /** The FTPS endpoint (null when `ftps.enabled` is false). */
  ftps: { port: number; filesDir: string } | null;
  /** Every route the app registered (the OpenAPI coverage test reads them). */
  routes: readonly RegisteredRoute[];
  /** The admin socket's path (null on PostgreSQL, or when it could not be opened). */
  adminSocket: string | null;
}

function formatUrl(host: string, port: number): string {
  const shown = host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
}

/** Starts the reference portal. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const config = resolveConfig(options.config);
  const clock = options.clock ?? systemClock;
  const host = options.host ?? '127.0.0.1';
  let mark = performance.now();
  const phase = (name: StartPhase): void => {
    const now = performance.now();
    options.onPhase?.(name, now - mark);
    mark = now;
  };
  // Before the database opens: a bad key file refuses the start with nothing touched.
  const seeds = await loadSeedCipher({ dataDir: options.dataDir, envValue: options.seedKey ?? process.env[SEED_KEY_ENV] });
  phase('seed key');
  const db = await connectDb({
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
    schema: options.databaseSchema,
  });
  phase('db open');
  let url = formatUrl(host, options.port ?? 0);
  let transfers: PortalTransfers | null = null;
  let signals: Signals | null = null;
  let adminSocket: AdminSocket | null = null;
  try {
    await migrate(db);
    phase('migrations');
    // The database's seeds need this portal's key; legacy plaintext seeds are sealed (once).
    await prepareSeeds(db, seeds, clock.now());
    // Multiple instances: how instances sharing the database tell each other "look again".
    signals = await openSignals(db, { connectionString: options.databaseUrl, schema: options.databaseSchema });
    phase('signals');
    if (config.ftps.enabled) {
      const ftpsPort = options.ftpsPort ?? ((options.port ?? 0) === 0 ? 0 : config.ftps.port);
      transfers = await startTransfers({ config: config.ftps, db, dataDir: options.dataDir, host, port: ftpsPort, now: () => clock.now().getTime(), signals, recheckMs: options.ftpsRecheckMs, lockout: new LockoutStore(db, clock, config.lockout) });
    }
    phase('ftps');
    const demoAccount = await ensureDemoAccount(db, new PasswordHasher(config.argon2), clock);
    phase('demo account');
    const { app, ctx, routes } = await buildApp({
      config,
      db,
      signals,
      clock,
      seeds,
      publicUrl: () => url,
      filesDir: transfers?.filesDir ?? path.join(options.dataDir, 'files'),
      plugins: [...(options.plugins ?? []), ...(transfers ? [transfers.plugin] : [])],
      log: options.log,
    });
    phase('routes');
    await app.listen({ host, port: options.port ?? 0 });
    phase('listen');
    const address = app.server.address();
    if (address && typeof address === 'object') url = formatUrl(host, address.port);
    if (db.kind === 'pglite' && options.adminSocket !== false) {
      const env = { db, config, clock, signals, sessions: ctx.sessions, hasher: ctx.hasher };
      try {
        adminSocket = await startAdminSocket({
          dataDir: options.dataDir,
          run: (command) => runToResponse(env, command, (error) => console.error('Admin socket command failed:', error)),
        });
      } catch (error) {
        // The portal serves on without it; the CLI then needs it stopped, as before.
        console.warn(`No admin socket: ${(error as Error).message}`);
      }
    }
    phase('admin socket');
    const socket = adminSocket;
    let closing: Promise<void> | null = null;
    return {
      url,
      demoAccount,
      config,
      ftps: transfers ? { port: transfers.endpoint.port, filesDir: transfers.filesDir } : null,
      routes,
      adminSocket: socket?.path ?? null,
      close: () => {
        closing ??= (async () => {
          try {
            await socket?.close();
            await transfers?.close();
            await app.close();
          } finally {
            await signals?.close();
            await db.close();
          }
        })();
        return closing;
      },
    };
  } catch (error) {
    await adminSocket?.close();
    await transfers?.close();
    await signals?.close();
    await db.close();
    throw error;
  }
}
