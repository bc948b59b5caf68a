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
import type { Clock } from './clock';
import type { ServerConfig } from './config';
import { coreRoutes } from './core-routes';
import type { Db } from './db';
import { handleError, handleNotFound } from './errors';
import { lightRoutes } from './light/page';

/** Request bodies above this get `413 payload_too_large`. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/** The route modules every portal has; extra ones are appended by callers. */
export const corePlugins: readonly PortalPlugin[] = [coreRoutes, authRoutes, appRoutes, lightRoutes];

/** Inputs of {@link buildApp}. */
export interface AppDeps {
  config: ServerConfig;
  db: Db;
  clock: Clock;
  /** Base URL clients use to reach the portal; may change after listen (port 0). */
  publicUrl: () => string;
  /** Extra route modules after the core ones (e.g. FTPS transfers). */
  plugins?: readonly PortalPlugin[];
  /** Log requests (method, path without query, status) — never bodies or headers. */
  log?: boolean;
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

/** Builds the fastify app and its context (not yet listening). */
export async function buildApp(deps: AppDeps): Promise<{ app: FastifyInstance; ctx: AppContext }> {
  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    logger: loggerOptions(deps.log),
    // Never let a slow client hold a connection for ever.
    requestTimeout: 30_000,
  });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  // JSON only: a text/plain body is refused with 415 instead of half-parsed.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('portalSession', null);
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });

  const hasher = new PasswordHasher(deps.config.argon2);
  const sessions = new SessionStore(deps.db, deps.clock, deps.config.sessions);
  const ctx: AppContext = {
    config: deps.config,
    db: deps.db,
    clock: deps.clock,
    hasher,
    sessions,
    signIn: new SignInFlow({ db: deps.db, hasher, sessions }),
    requireSession: createRequireSession(sessions),
    publicUrl: deps.publicUrl,
  };

  // Compute the dummy hash now, so the first unknown-user sign-in is not slower than the rest.
  await hasher.verifyDummy('warm-up');

  for (const plugin of [...corePlugins, ...(deps.plugins ?? [])]) {
    await app.register(async (scope) => plugin.register(scope, ctx), { prefix: plugin.prefix ?? '/api/v1' });
  }
  return { app, ctx };
}
