/**
 * Only managers reach the admin API: every route of the admin plugin —
 * enumerated from the plugin itself, so a new route cannot be missed —
 * answers 403 to a normal user and 401 without a session.
 */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminRoutes } from '../../../server/admin/routes';
import { backends } from '../helpers';
import { startAdminHarness, type AdminHarness } from './harness';

interface RouteInfo {
  method: string;
  url: string;
}

/** Registers the admin plugin on a bare fastify and records its routes. */
async function adminRouteList(harness: AdminHarness): Promise<RouteInfo[]> {
  const probe = Fastify();
  const routes: RouteInfo[] = [];
  probe.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  await probe.register(async (scope) => adminRoutes.register(scope, harness.ctx), { prefix: adminRoutes.prefix });
  await probe.ready();
  await probe.close();
  return routes;
}

/** A concrete URL for a route pattern. */
function concrete(url: string): string {
  return url.replace(':id', '00000000-0000-4000-8000-000000000000').replace(':username', 'someone');
}

describe.each(backends)('admin routes are for managers only ($name)', (backend) => {
  let harness: AdminHarness;
  let routes: RouteInfo[];
  let userToken: string;
  let managerToken: string;

  beforeAll(async () => {
    harness = await startAdminHarness(backend);
    routes = await adminRouteList(harness);
    userToken = await harness.tokenFor(await harness.addUser('plain'));
    managerToken = await harness.tokenFor(await harness.addUser('boss', { manager: true }));
    await harness.addUser('someone');
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('finds the admin routes', () => {
    expect(routes.length).toBeGreaterThanOrEqual(10);
    for (const route of routes) expect(route.url.startsWith('/api/v1/admin/')).toBe(true);
  });

  it('answers 403 forbidden to a signed-in normal user on every admin route', async () => {
    for (const route of routes) {
      const body = route.method === 'GET' ? undefined : {};
      const response = await harness.call(userToken, route.method as 'GET' | 'POST', concrete(route.url), body);
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(response.json().error.code).toBe('forbidden');
    }
  });

  it('answers 403 before looking at the body (malformed JSON included)', async () => {
    for (const route of routes.filter((r) => r.method === 'POST')) {
      const response = await harness.app.inject({
        method: 'POST',
        url: concrete(route.url),
        headers: { authorization: `Bearer ${userToken}`, 'content-type': 'application/json' },
        payload: '{not json',
      });
      expect(response.statusCode, route.url).toBe(403);
    }
  });

  it('answers 401 session_expired without a session on every admin route', async () => {
    for (const route of routes) {
      const response = await harness.call(null, route.method as 'GET' | 'POST', concrete(route.url), route.method === 'GET' ? undefined : {});
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(response.json().error.code).toBe('session_expired');
    }
  });

  it('lets a manager through the guard on every admin route', async () => {
    for (const route of routes) {
      const response = await harness.call(managerToken, route.method as 'GET' | 'POST', concrete(route.url), route.method === 'GET' ? undefined : {});
      expect([401, 403], `${route.method} ${route.url}`).not.toContain(response.statusCode);
    }
  });

  it('stops applying to a user whose manager role was removed', async () => {
    const former = await harness.addUser('former', { manager: true });
    const token = await harness.tokenFor(former);
    expect((await harness.call(token, 'GET', '/api/v1/admin/users')).statusCode).toBe(200);
    await harness.call(managerToken, 'POST', '/api/v1/admin/users/former/roles', { manager: false });
    expect((await harness.call(token, 'GET', '/api/v1/admin/users')).statusCode).toBe(403);
  });
});
