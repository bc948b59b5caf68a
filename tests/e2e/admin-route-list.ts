/**
 * Test-only: prints the admin plugin's routes as JSON (method + URL), found
 * by registering the plugin on a bare fastify with an `onRoute` hook, so the
 * end-to-end 403 check covers every route the plugin has, new ones included.
 * Run with `node --import tsx tests/e2e/admin-route-list.ts`.
 */
import Fastify from 'fastify';
import type { AppContext } from '../../server/app-context';
import { adminRoutes } from '../../server/admin/routes';
import { systemClock } from '../../server/clock';
import { resolveConfig } from '../../server/config';

async function main(): Promise<void> {
  const routes: Array<{ method: string; url: string }> = [];
  const app = Fastify();
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  // Handlers never run here, so the context only needs what constructors read.
  const ctx = {
    config: resolveConfig({}),
    clock: systemClock,
    db: {},
    sessions: {},
    hasher: {},
    requireSession: async () => {
      throw new Error('not used');
    },
  } as unknown as AppContext;
  await app.register(async (scope) => adminRoutes.register(scope, ctx), { prefix: adminRoutes.prefix });
  await app.ready();
  await app.close();
  process.stdout.write(`${JSON.stringify(routes)}\n`);
}

void main();
