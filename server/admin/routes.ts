/**
 * HTTP routes of the feature (see docs/api.md):
 * - `userRequestRoutes` (`/api/v1/requests…`): any signed-in user files a
 *   new-user request and follows its status.
 * - `adminRoutes` (`/api/v1/admin/…`): managers only, guarded scope-wide.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext, PortalPlugin } from '../app-context';
import { adminUserActions, endpoints } from '../../common/api';
import { route } from '../route';
import { parseInput } from '../validation';
import { auditToCsv } from './audit-csv';
import { queryAudit } from './audit-query';
import { createRequireManager } from './require-manager';
import { RequestsService } from './requests-service';
import type { AuditFilterInput } from './schemas';
import { AdminUsersService, type Actor, type UserAction } from './users-service';

function requestsService(ctx: AppContext): RequestsService {
  return new RequestsService({
    db: ctx.db,
    clock: ctx.clock,
    hasher: ctx.hasher,
    limits: ctx.config.requests,
    temporaryPasswordHours: ctx.config.temporaryPasswords.validHours,
  });
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
    route(app, endpoints.fileRequest, async (request, reply, input) => {
      const session = await ctx.requireSession(request);
      const body = input.body();
      const filed = await requests.file({ userId: session.user.id, name: session.user.username }, body);
      return reply.code(filed.merged ? 200 : 201).send({ request: filed, merged: filed.merged });
    });
    route(app, endpoints.myRequests, async (request) => {
      const session = await ctx.requireSession(request);
      return { requests: await requests.mine(session.user.id) };
    });
  },
};

const USER_ACTIONS = Object.keys(adminUserActions) as (keyof typeof adminUserActions & UserAction)[];

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
    const users = new AdminUsersService({ db: ctx.db, clock: ctx.clock, config: ctx.config, sessions: ctx.sessions, hasher: ctx.hasher });

    route(app, endpoints.adminListRequests, async (_request, _reply, input) => {
      const query = input.query();
      return { requests: await requests.list(query.status) };
    });
    route(app, endpoints.adminApproveRequest, async (request, _reply, input) => {
      const { id } = input.params();
      const body = input.body();
      return requests.approve(actorOf(request), id, body.username);
    });
    route(app, endpoints.adminDeclineRequest, async (request, _reply, input) => {
      const { id } = input.params();
      const body = input.body();
      return { request: await requests.decline(actorOf(request), id, body.reason) };
    });

    route(app, endpoints.adminListUsers, async (_request, _reply, input) => {
      const query = input.query();
      return { users: await users.list(query.query) };
    });
    for (const action of USER_ACTIONS) {
      const spec = adminUserActions[action];
      route(app, spec, async (request, _reply, input) => {
        const { username } = input.params();
        // A bodyless POST counts as `{}`.
        parseInput(spec.body, request.body ?? {});
        return { user: await users.act(actorOf(request), username, action) };
      });
    }
    route(app, endpoints.adminIssueTemporaryPassword, async (request, _reply, input) => {
      const { username } = input.params();
      parseInput(endpoints.adminIssueTemporaryPassword.body, request.body ?? {});
      return users.issueTemporaryPassword(actorOf(request), username);
    });
    route(app, endpoints.adminSetRoles, async (request, _reply, input) => {
      const { username } = input.params();
      const body = input.body();
      return { user: await users.act(actorOf(request), username, body.manager ? 'grant-manager' : 'revoke-manager') };
    });

    route(app, endpoints.adminAudit, async (_request, _reply, input) => {
      const query = input.query();
      return { events: await queryAudit(ctx.db, toFilter(query)) };
    });
    route(app, endpoints.adminAuditExport, async (request, reply, input) => {
      const query = input.query();
      const csv = auditToCsv(await queryAudit(ctx.db, toFilter(query)));
      const filename = `portal-activity-${ctx.clock.now().toISOString().slice(0, 10)}.csv`;
      // The desktop client asks for JSON (it saves the text itself); scripts get the file.
      if (/\bapplication\/json\b/.test(request.headers.accept ?? '')) return { filename, csv };
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(csv);
    });
  },
};
