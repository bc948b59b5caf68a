/**
 * HTTP routes of the feature (see docs/api.md):
 * - `userRequestRoutes` (`/api/v1/requests…`): any signed-in user files a
 *   new-user request and follows its status.
 * - `adminRoutes` (`/api/v1/admin/…`): managers only, guarded scope-wide.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext, PortalPlugin } from '../app-context';
import { parseInput } from '../validation';
import { auditToCsv } from './audit-csv';
import { queryAudit } from './audit-query';
import { createRequireManager } from './require-manager';
import { RequestsService } from './requests-service';
import {
  approveBody,
  auditQuery,
  declineBody,
  emptyBody,
  newRequestBody,
  requestIdParams,
  requestListQuery,
  rolesBody,
  userListQuery,
  usernameParams,
  type AuditFilterInput,
} from './schemas';
import { AdminUsersService, type Actor, type UserAction } from './users-service';

function requestsService(ctx: AppContext): RequestsService {
  return new RequestsService({ db: ctx.db, clock: ctx.clock, hasher: ctx.hasher, limits: ctx.config.requests });
}

function toFilter(query: AuditFilterInput) {
  return {
    since: query.since ? new Date(query.since) : undefined,
    until: query.until ? new Date(query.until) : undefined,
    type: query.type,
    username: query.username,
    q: query.q,
    limit: query.limit,
  };
}

/** `POST /requests`, `GET /requests/mine` for every signed-in user. */
export const userRequestRoutes: PortalPlugin = {
  name: 'user-requests',
  register(app, ctx) {
    const requests = requestsService(ctx);
    app.post('/requests', async (request, reply) => {
      const session = await ctx.requireSession(request);
      const body = parseInput(newRequestBody, request.body);
      const filed = await requests.file({ userId: session.user.id, name: session.user.username }, body);
      return reply.code(filed.merged ? 200 : 201).send({ request: filed, merged: filed.merged });
    });
    app.get('/requests/mine', async (request) => {
      const session = await ctx.requireSession(request);
      return { requests: await requests.mine(session.user.id) };
    });
  },
};

const USER_ACTIONS: readonly UserAction[] = ['unlock', 'reset-mfa', 'force-password-change', 'disable', 'enable'];

/** The managers' API. Every route of this scope passes `requireManager` first. */
export const adminRoutes: PortalPlugin = {
  name: 'admin',
  prefix: '/api/v1/admin',
  register(app: FastifyInstance, ctx) {
    const requireManager = createRequireManager(ctx.requireSession);
    app.addHook('onRequest', async (request) => {
      await requireManager(request);
    });
    const actorOf = (request: Parameters<typeof requireManager>[0]): Actor => {
      const user = request.portalSession!.user;
      return { userId: user.id, name: user.username };
    };
    const requests = requestsService(ctx);
    const users = new AdminUsersService({ db: ctx.db, clock: ctx.clock, config: ctx.config, sessions: ctx.sessions });

    app.get('/requests', async (request) => {
      const query = parseInput(requestListQuery, request.query);
      return { requests: await requests.list(query.status) };
    });
    app.post('/requests/:id/approve', async (request) => {
      const { id } = parseInput(requestIdParams, request.params);
      const body = parseInput(approveBody, request.body);
      return requests.approve(actorOf(request), id, body.username);
    });
    app.post('/requests/:id/decline', async (request) => {
      const { id } = parseInput(requestIdParams, request.params);
      const body = parseInput(declineBody, request.body);
      return { request: await requests.decline(actorOf(request), id, body.reason) };
    });

    app.get('/users', async (request) => {
      const query = parseInput(userListQuery, request.query);
      return { users: await users.list(query.query) };
    });
    for (const action of USER_ACTIONS) {
      app.post(`/users/:username/${action}`, async (request) => {
        const { username } = parseInput(usernameParams, request.params);
        parseInput(emptyBody, request.body ?? {});
        return { user: await users.act(actorOf(request), username, action) };
      });
    }
    app.post('/users/:username/roles', async (request) => {
      const { username } = parseInput(usernameParams, request.params);
      const body = parseInput(rolesBody, request.body);
      return { user: await users.act(actorOf(request), username, body.manager ? 'grant-manager' : 'revoke-manager') };
    });

    app.get('/audit', async (request) => {
      const query = parseInput(auditQuery, request.query);
      return { events: await queryAudit(ctx.db, toFilter(query)) };
    });
    app.get('/audit/export', async (request, reply) => {
      const query = parseInput(auditQuery, request.query);
      const csv = auditToCsv(await queryAudit(ctx.db, toFilter(query)));
      const filename = `portal-activity-${ctx.clock.now().toISOString().slice(0, 10)}.csv`;
      // The desktop client asks for JSON (it saves the text itself); scripts get the file.
      if (/\bapplication\/json\b/.test(request.headers.accept ?? '')) return { filename, csv };
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(csv);
    });
  },
};
