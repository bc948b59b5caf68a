/** `/apps` and `/launch-policy` routes. */
import { z } from 'zod';
import type { PortalPlugin } from '../app-context';
import { portalError } from '../errors';
import { parseInput } from '../validation';
import { findApp, toAppEntry } from './catalogue';
import { Launcher } from './launch';

const appParams = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/) });
const launchBody = z.object({ method: z.enum(['ica', 'rdp', 'web']) });

/** Catalogue and launch routes (all authenticated). */
export const appRoutes: PortalPlugin = {
  name: 'apps',
  register(app, ctx) {
    const launcher = new Launcher(ctx.db, ctx.clock, ctx.config, ctx.publicUrl);

    // The catalogue comes from config and never changes while serving, so it
    // is serialised once instead of on each of the most frequent requests.
    const catalogueJson = JSON.stringify({ apps: ctx.config.apps.map(toAppEntry) });
    app.get('/apps', { preHandler: ctx.requireSession }, async (_request, reply) =>
      reply.type('application/json; charset=utf-8').send(catalogueJson),
    );

    app.post('/apps/:id/launch', { preHandler: ctx.requireSession }, async (request) => {
      const session = await ctx.requireSession(request);
      const { id } = parseInput(appParams, request.params);
      const entry = findApp(ctx.config, id);
      if (!entry) throw portalError('not_found', 'No such application.');
      const { method } = parseInput(launchBody, request.body);
      if (!entry.methods.includes(method)) {
        throw portalError('invalid_request', `${entry.name} cannot be started with ${method}.`, {
          field: 'method',
        });
      }
      return { descriptor: await launcher.launch(session.user, entry, method) };
    });

    app.get('/launch-policy', { preHandler: ctx.requireSession }, async () => launcher.policy());
  },
};
