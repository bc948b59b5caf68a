/**
 * The app-password routes of "My Settings & Devices": list (with the FTPS
 * connection details), create (the secret in that answer only) and revoke.
 * A revocation tells every instance (the sessions topic of the signals
 * bus), whose revocation watch then cuts FTPS sessions logged in with it.
 */
import type { FastifyInstance } from 'fastify';
import { endpoints, type AppPasswordsWire } from '../../common/api';
import type { AppContext } from '../app-context';
import { portalError } from '../errors';
import { route } from '../route';
import { MAX_APP_PASSWORDS, type AppPasswordInfo, type AppPasswords } from './app-passwords';

/** Options of {@link appPasswordRoutes}. */
export interface AppPasswordRoutesOptions {
  ctx: AppContext;
  appPasswords: AppPasswords;
  /** Host and control port clients connect to, and the certificate's SHA-256 fingerprint. */
  endpoint: { host: string; port: number; fingerprint256: string };
}

const wire = (info: AppPasswordInfo) => ({
  id: info.id,
  name: info.name,
  createdAt: info.createdAt.toISOString(),
  lastUsedAt: info.lastUsedAt?.toISOString() ?? null,
});

/** Registers the app-password routes (in a scope with no prefix). */
export async function appPasswordRoutes(
  app: FastifyInstance,
  options: AppPasswordRoutesOptions,
): Promise<void> {
  const { ctx, appPasswords, endpoint } = options;
  const listOf = async (userId: string, username: string): Promise<AppPasswordsWire> => ({
    appPasswords: (await appPasswords.list(userId)).map(wire),
    limit: MAX_APP_PASSWORDS,
    connection: {
      host: endpoint.host,
      port: endpoint.port,
      tls: 'explicit',
      username,
      fingerprint256: endpoint.fingerprint256,
    },
  });

  route(app, endpoints.appPasswords, async (request) => {
    const { user } = await ctx.requireSession(request);
    return listOf(user.id, user.username);
  });

  route(app, endpoints.createAppPassword, async (request, reply, input) => {
    const session = await ctx.requireSession(request);
    const { name } = input.body();
    const made = await appPasswords.create(session.user.id, session.tokenHash, name);
    if (made === 'revoked') throw portalError('session_expired', 'Sign in again');
    if (made === 'duplicate') {
      throw portalError('conflict', 'You already have an app password with this name.', {
        reason: 'duplicate_name',
        field: 'name',
      });
    }
    if (made === 'limit') {
      throw portalError(
        'conflict',
        `You already have ${MAX_APP_PASSWORDS} app passwords. Revoke one first.`,
        {
          reason: 'limit_reached',
          limit: MAX_APP_PASSWORDS,
        },
      );
    }
    return reply.code(201).send({ appPassword: wire(made.info), password: made.password });
  });

  route(app, endpoints.revokeAppPassword, async (request, _reply, input) => {
    const { user } = await ctx.requireSession(request);
    const { id } = input.params();
    if (!(await appPasswords.revoke(user.id, id))) throw portalError('not_found', 'No such app password');
    input.body();
    // Every instance re-checks its open FTPS logins now (revocation.ts).
    await ctx.sessions.userChanged(user.id);
    return listOf(user.id, user.username);
  });
}
