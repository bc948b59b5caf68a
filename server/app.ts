/**
 * Composition of the HTTP app: fastify with our limits and error handling,
 * the shared services, and the route modules (plugins).
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { AppContext, PortalPlugin } from './app-context';
import { appRoutes } from './apps/routes';
import { PasswordHasher } from './auth/passwords';
import { createRequireSession } from './auth/require-session';
import { authRoutes } from './auth/routes';
import { SessionStore } from './auth/sessions';
import { SignInFlow } from './auth/sign-in-flow';
import { LockoutStore } from './auth/lockout-store';
import { passwordRoutes } from './auth/password-routes';
import { createPasswordService, createResetFlow } from './auth/password-setup';
import type { Clock } from './clock';
import type { ServerConfig } from './config';
import { coreRoutes } from './core-routes';
import type { Db } from './db';
import { openSignals, type Signals } from './db/signals';
import { handleError, handleNotFound } from './errors';
import { lightRoutes } from './light/page';
import { mfaPlugins, mfaResetSecondFactor } from './mfa';
import type { SeedCipher } from './mfa/seed-cipher';
import { adminRoutes, userRequestRoutes } from './admin/routes';
import { signInGates } from './sign-in-gates';

/** Request bodies above this get `413 payload_too_large`. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/** The route modules every portal has; extra ones are appended by callers. */
export const corePlugins: readonly PortalPlugin[] = [
  coreRoutes,
  authRoutes,
  appRoutes,
  lightRoutes,
  // New-user requests (any signed-in user) and administration (managers only).
  userRequestRoutes,
  adminRoutes,
];

/** A route fastify registered (HEAD routes fastify adds for GETs included). */
export interface RegisteredRoute {
  method: string;
  url: string;
}

/** Inputs of {@link buildApp}. */
export interface AppDeps {
  config: ServerConfig;
  db: Db;
  /**
   * Cross-instance signals, owned (and closed) by the caller. Without them
   * the app opens in-process signals on `db` and closes them with the app.
   */
  signals?: Signals;
  clock: Clock;
  /**
   * Seals and opens TOTP seeds. `startServer` loads it from the seed key
   * (environment or key file); every app sharing a database needs the same keys.
   */
  seeds: SeedCipher;
  /** Base URL clients use to reach the portal; may change after listen (port 0). */
  publicUrl: () => string;
  /** Extra route modules after the core ones (e.g. FTPS transfers). */
  plugins?: readonly PortalPlugin[];
  /** Folder holding every user's FTPS folder (light sessions start there). */
  filesDir?: string;
  /** Log requests (method, path without query, status) — never bodies or headers. */
  log?: boolean;
  /**
   * Check every success answer against its `common/api` response schema (a
   * mismatch is a 500). Default: the `PORTICO_CHECK_RESPONSES=1` environment
   * variable, which the test suites set.
   */
  checkResponses?: boolean;
}

function loggerOptions(log: boolean | undefined): FastifyServerOptions['logger'] {
  if (!log) return false;
  return {
    level: 'info',
    serializers: {
      // The query string may carry a launch ticket; headers carry tokens.
      req: (req: { method?: string; url?: string }) => ({
        method: req.method,
        path: (req.url ?? '').split('?')[0],
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

/**
 * The `trustProxy` setting in the form Fastify takes. A hop count becomes a
 * function trusting the first `n` hops (Express semantics): Fastify 5 itself
 * treats a bare number as "trust nobody".
 */
export function fastifyTrustProxy(value: ServerConfig['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof value !== 'number') return value;
  return (_address, hop) => hop < value;
}

/** Builds the fastify app and its context (not yet listening). */
export async function buildApp(deps: AppDeps): Promise<{ app: FastifyInstance; ctx: AppContext; routes: readonly RegisteredRoute[] }> {
  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    logger: loggerOptions(deps.log),
    // Never let a slow client hold a connection for ever.
    requestTimeout: 30_000,
    // Behind a proxy: request.ip from X-Forwarded-For only when the peer is a trusted proxy.
    trustProxy: fastifyTrustProxy(deps.config.trustProxy),
  });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  // JSON only: a text/plain body is refused with 415 instead of half-parsed.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('portalSession', null);
  app.decorate('portalCheckResponses', deps.checkResponses ?? process.env.PORTICO_CHECK_RESPONSES === '1');
  // Every route any module registers, so tests can hold them against the OpenAPI document.
  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (options) => {
    for (const method of [options.method].flat()) routes.push({ method, url: options.url });
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    // The Date header tells clients the server's time (clock checks),
    // so it comes from the server's Clock, like every decision it makes.
    reply.header('date', deps.clock.now().toUTCString());
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });

  const signals = deps.signals ?? (await openSignals(deps.db));
  if (!deps.signals) app.addHook('onClose', async () => signals.close());
  const ctx = buildContext(deps, signals);

  // Compute the dummy hash now, so the first unknown-user sign-in is not slower than the rest.
  await ctx.hasher.verifyDummy('warm-up');

  for (const plugin of [...corePlugins, passwordRoutes, ...mfaPlugins, ...(deps.plugins ?? [])]) {
    await app.register(async (scope) => plugin.register(scope, ctx), { prefix: plugin.prefix ?? '/api/v1' });
  }
  return { app, ctx, routes };
}

/**
 * Every shared service, each built once after what it needs: nothing is
 * filled in later, and the context is frozen before a plugin sees it.
 */
function buildContext(deps: AppDeps, signals: Signals): AppContext {
  const { config, db, clock, seeds } = deps;
  const hasher = new PasswordHasher(config.argon2);
  // Cached sessions are dropped on every instance through the signals bus.
  const sessions = new SessionStore(db, clock, config.sessions, { signals });
  // Lockout counters in the database, shared by every instance.
  const lockout = new LockoutStore(db, clock, config.lockout);
  const passwordDeps = { db, clock, config, hasher, sessions };
  const passwords = createPasswordService(passwordDeps);
  const signIn = new SignInFlow({
    db,
    hasher,
    sessions,
    lockout,
    gates: signInGates({ db, clock, config, passwords }),
    // Second-factor flows are stored with the server's clock and live this long.
    clock,
    flowTtlSeconds: config.mfa.flowTtlSeconds,
  });
  const reset = createResetFlow({
    ...passwordDeps,
    lockout,
    passwords,
    signIn,
    secondFactor: mfaResetSecondFactor({ db, clock, config, seeds }),
  });
  return Object.freeze({
    config,
    db,
    signals,
    clock,
    seeds,
    hasher,
    sessions,
    signIn,
    requireSession: createRequireSession(sessions),
    publicUrl: deps.publicUrl,
    passwords: Object.freeze({ passwords, lockout, reset }),
    onSignOut: [],
    filesDir: deps.filesDir ?? null,
  });
}
