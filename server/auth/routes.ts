/** `/auth/*` routes: sign-in, session check, sign-out. */
import { z } from 'zod';
import type { PortalPlugin } from '../app-context';
import { portalError } from '../errors';
import { parseInput } from '../validation';
import { bearerToken } from './require-session';
import { toUserSummary } from './users';

const signInBody = z.object({
  username: z.string().min(1).max(128),
  // Long passphrases are welcome and are hashed whole, never truncated.
  password: z.string().min(1).max(1024),
  // Second factor: the client install (remember-me is bound to it) and its remember-me token.
  installId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/).optional(),
  rememberToken: z.string().min(1).max(128).optional(),
});

/** Authentication routes. */
export const authRoutes: PortalPlugin = {
  name: 'auth',
  register(app, ctx) {
    app.post('/auth/sign-in', async (request) => {
      const body = parseInput(signInBody, request.body);
      return ctx.signIn.withPassword(body.username, body.password, {
        ...(body.installId ? { installId: body.installId } : {}),
        ...(body.rememberToken ? { rememberToken: body.rememberToken } : {}),
      });
    });

    app.get('/auth/session', { preHandler: ctx.requireSession }, async (request) => {
      const session = await ctx.requireSession(request);
      return {
        user: toUserSummary(session.user),
        idleExpiresAt: session.idleExpiresAt.toISOString(),
        absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
      };
    });

    app.post('/auth/sign-out', async (request, reply) => {
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
