/** `/apps` and `/launch-policy` routes. */
import { endpoints } from '../../common/api';
import type { PortalPlugin } from '../app-context';
import { portalError } from '../errors';
import { route } from '../route';
import { findApp, toAppEntry } from './catalogue';
import { Launcher } from './launch';

/** Catalogue and launch routes (all authenticated). */
export const appRoutes: PortalPlugin = {
  name: 'apps',
  register(app, ctx) {
    const launcher = new Launcher(ctx.db, ctx.clock, ctx.config, ctx.publicUrl);

    // The catalogue comes from config and never changes while serving, so it
    // is serialised once instead of on each of the most frequent requests.
    const catalogueJson = JSON.stringify({ apps: ctx.config.apps.map(toAppEntry) });
    route(app, endpoints.listApps, async (_request, reply) => reply.type('application/json; charset=utf-8').send(catalogueJson), {
      preHandler: ctx.requireSession,
    });

    route(app, endpoints.launchApp, async (request, _reply, input) => {
      const session = await ctx.requireSession(request);
      const { id } = input.params();
      const entry = findApp(ctx.config, id);
      if (!entry) throw portalError('not_found', 'No such application.');
      const { method } = input.body();
      if (!entry.methods.includes(method)) {
        throw portalError('invalid_request', `${entry.name} cannot be started with ${method}.`, {
          field: 'method',
        });
      }
      return { descriptor: await launcher.launch(session.user, entry, method, session.tokenHash) };
    }, { preHandler: ctx.requireSession });

    route(app, endpoints.launchPolicy, async () => launcher.policy(), { preHandler: ctx.requireSession });
  },
};
