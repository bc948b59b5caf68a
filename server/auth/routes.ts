/** `/auth/*` routes: sign-in, session check, sign-out. */
import { endpoints } from '../../common/api';
import type { PortalPlugin } from '../app-context';
import { portalError } from '../errors';
import { route } from '../route';
import { bearerToken } from './require-session';
import { toUserSummary } from './users';

/** Authentication routes. */
export const authRoutes: PortalPlugin = {
  name: 'auth',
  register(app, ctx) {
    route(app, endpoints.signIn, async (_request, _reply, input) => {
      const body = input.body();
      return ctx.signIn.withPassword(body.username, body.password, {
        ...(body.installId ? { installId: body.installId } : {}),
        ...(body.rememberToken ? { rememberToken: body.rememberToken } : {}),
      });
    });

    route(app, endpoints.getSession, async (request) => {
      const session = await ctx.requireSession(request);
      return {
        user: toUserSummary(session.user),
        idleExpiresAt: session.idleExpiresAt.toISOString(),
        absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
      };
    }, { preHandler: ctx.requireSession });

    route(app, endpoints.signOut, async (request, reply) => {
      const token = bearerToken(request);
      if (!token) throw portalError('session_expired', 'Sign in first.');
      // Who signs out, so their FTPS transfer tokens can be revoked too.
      const ending = ctx.onSignOut.length ? await ctx.sessions.authenticate(token, { slide: false }) : null;
      // Idempotent: signing out an already-ended session still succeeds.
      await ctx.sessions.revoke(token);
      if (ending) for (const hook of ctx.onSignOut) await hook(ending.user.username);
      return reply.code(204).send();
    });
  },
};
