/**
 * New-user requests and administration on the client side: thin calls to the
 * portal's `/requests` and `/admin` API through the signed-in session, with
 * every answer validated. The portal decides who is a manager; this service
 * never trusts the role list for access, it only forwards.
 */
import { z } from 'zod';
import type {
  ActivityEvent,
  ActivityFilter,
  AdminUser,
  AdminUserAction,
  AdminUserRequest,
  ApprovedAccount,
  FiledUserRequest,
  MyUserRequest,
  NewUserRequestInput,
} from '../../../preload/contract';
import type { PortalClient } from '../portal/client';
import type { SessionService } from '../auth/session-service';

const iso = z.string().max(64);
const text = (max: number) => z.string().max(max);

const myRequestSchema = z.object({
  id: text(64),
  fullName: text(200),
  email: text(300),
  note: text(1000).nullable(),
  status: z.enum(['pending', 'approved', 'declined']),
  createdAt: iso,
  updatedAt: iso,
  decidedAt: iso.nullable(),
  declineReason: text(1000).nullable(),
});

const adminRequestSchema = myRequestSchema.extend({
  timesRequested: z.number().int().min(1),
  requestedBy: z.array(text(128)).max(1000),
  decidedBy: text(128).nullable(),
  createdUsername: text(128).nullable(),
  suggestedUsername: text(128).nullable(),
});

const adminUserSchema = z.object({
  username: text(128),
  displayName: text(200),
  email: text(300).nullable(),
  roles: z.array(text(64)).max(20),
  status: z.enum(['active', 'disabled']),
  pendingActivation: z.boolean(),
  mustChangePassword: z.boolean(),
  locked: z.boolean(),
  lockedUntil: iso.nullable(),
  passwordExpiresInDays: z.number().int().nullable(),
  mfaDevices: z.number().int().min(0),
  createdAt: iso,
});

const eventSchema = z.object({
  id: text(64),
  at: iso,
  actor: text(200),
  username: text(128).nullable(),
  type: text(64),
  detail: z.record(z.string(), z.unknown()),
});

const schemas = {
  filed: z.object({ request: myRequestSchema, merged: z.boolean() }),
  mine: z.object({ requests: z.array(myRequestSchema).max(1000) }),
  requests: z.object({ requests: z.array(adminRequestSchema).max(5000) }),
  approved: z.object({ request: adminRequestSchema, username: text(128), temporaryPassword: z.string().min(1).max(1024) }),
  declined: z.object({ request: adminRequestSchema }),
  users: z.object({ users: z.array(adminUserSchema).max(5000) }),
  user: z.object({ user: adminUserSchema }),
  events: z.object({ events: z.array(eventSchema).max(5000) }),
  csv: z.object({ filename: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/), csv: z.string().max(10 * 1024 * 1024) }),
};

/** Flattens an event's details to short strings for display. */
function flattenDetail(detail: Record<string, unknown>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(detail).slice(0, 20)) {
    const shown = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
    flat[key.slice(0, 64)] = shown.slice(0, 500);
  }
  return flat;
}

/** The portal's query string for an activity filter. */
export function activityQuery(filter: ActivityFilter): string {
  const params = new URLSearchParams();
  if (filter.since) params.set('since', filter.since);
  if (filter.until) params.set('until', filter.until);
  if (filter.type) params.set('type', filter.type);
  if (filter.username) params.set('username', filter.username);
  if (filter.text) params.set('q', filter.text);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Requests and administration for the signed-in user. */
export class AdminService {
  constructor(private readonly deps: { portal: PortalClient; session: SessionService }) {}

  /** *Request a new user*. */
  async fileRequest(input: NewUserRequestInput): Promise<FiledUserRequest> {
    const body = { fullName: input.fullName, email: input.email, ...(input.note ? { note: input.note } : {}) };
    return this.call('POST', '/requests', body, schemas.filed);
  }

  /** *My requests*. */
  async myRequests(): Promise<MyUserRequest[]> {
    return (await this.call('GET', '/requests/mine', undefined, schemas.mine)).requests;
  }

  async listRequests(status: 'pending' | 'all'): Promise<AdminUserRequest[]> {
    return (await this.call('GET', `/admin/requests?status=${status}`, undefined, schemas.requests)).requests;
  }

  async approve(id: string, username: string): Promise<ApprovedAccount> {
    return this.call('POST', `/admin/requests/${encodeURIComponent(id)}/approve`, { username }, schemas.approved);
  }

  async decline(id: string, reason: string): Promise<AdminUserRequest> {
    return (await this.call('POST', `/admin/requests/${encodeURIComponent(id)}/decline`, { reason }, schemas.declined)).request;
  }

  async listUsers(query: string): Promise<AdminUser[]> {
    const qs = query ? `?${new URLSearchParams({ query }).toString()}` : '';
    return (await this.call('GET', `/admin/users${qs}`, undefined, schemas.users)).users;
  }

  /** Unlock, reset MFA, force a password change, disable/enable, grant/remove the manager role. */
  async userAction(username: string, action: AdminUserAction): Promise<AdminUser> {
    const base = `/admin/users/${encodeURIComponent(username)}`;
    const call =
      action === 'grant-manager' || action === 'revoke-manager'
        ? this.call('POST', `${base}/roles`, { manager: action === 'grant-manager' }, schemas.user)
        : this.call('POST', `${base}/${action}`, {}, schemas.user);
    return (await call).user;
  }

  async activity(filter: ActivityFilter): Promise<ActivityEvent[]> {
    const { events } = await this.call('GET', `/admin/audit${activityQuery(filter)}`, undefined, schemas.events);
    return events.map((event) => ({ ...event, detail: flattenDetail(event.detail) }));
  }

  /** The filtered log as CSV (the portal writes it, formulas defused). */
  async exportActivity(filter: ActivityFilter): Promise<{ filename: string; csv: string }> {
    return this.call('GET', `/admin/audit/export${activityQuery(filter)}`, undefined, schemas.csv);
  }

  private call<S extends z.ZodType>(method: 'GET' | 'POST', route: string, body: unknown, schema: S): Promise<z.output<S>> {
    return this.deps.session.authorized((target) => this.deps.portal.call(target, method, route, body, schema));
  }
}
