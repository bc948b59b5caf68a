/**
 * New-user requests and administration on the client side: thin calls to the
 * portal's `/requests` and `/admin` API through the signed-in session, with
 * every answer validated. The portal decides who is a manager; this service
 * never trusts the role list for access, it only forwards.
 */
import { adminUserActions, endpoints, type EndpointSpec, type ResponseOf } from '../../../common/api';
import type * as Admin from '../../../common/contract/admin';
import type { CallInput, PortalApi } from '../portal/client';
import type { SessionService } from '../auth/session-service';

/** Flattens an event's details to short strings for display. */
function flattenDetail(detail: Record<string, unknown>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(detail).slice(0, 20)) {
    const shown = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
    flat[key.slice(0, 64)] = shown.slice(0, 500);
  }
  return flat;
}

/** The portal's query fields for an activity filter (`PortalApi` leaves empty ones out). */
function activityFields(filter: Admin.ActivityFilter): Record<string, string | undefined> {
  return { since: filter.since, until: filter.until, type: filter.type, username: filter.username, q: filter.text };
}

/** The portal's query string for an activity filter, as `PortalApi` writes it. */
export function activityQuery(filter: Admin.ActivityFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(activityFields(filter))) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Requests and administration for the signed-in user. */
export class AdminService {
  constructor(private readonly deps: { portal: PortalApi; session: SessionService }) {}

  /** *Request a new user*. */
  async fileRequest(input: Admin.NewUserRequestInput): Promise<Admin.FiledUserRequest> {
    const body = { fullName: input.fullName, email: input.email, ...(input.note ? { note: input.note } : {}) };
    return this.call(endpoints.fileRequest, { body });
  }

  /** *My requests*. */
  async myRequests(): Promise<Admin.MyUserRequest[]> {
    return (await this.call(endpoints.myRequests)).requests;
  }

  async listRequests(status: 'pending' | 'all'): Promise<Admin.AdminUserRequest[]> {
    return (await this.call(endpoints.adminListRequests, { query: { status } })).requests;
  }

  async approve(id: string, username: string): Promise<Admin.ApprovedAccount> {
    return this.call(endpoints.adminApproveRequest, { params: { id }, body: { username } });
  }

  async decline(id: string, reason: string): Promise<Admin.AdminUserRequest> {
    return (await this.call(endpoints.adminDeclineRequest, { params: { id }, body: { reason } })).request;
  }

  async listUsers(query: string): Promise<Admin.AdminUser[]> {
    return (await this.call(endpoints.adminListUsers, { query: { query } })).users;
  }

  /** Unlock, reset MFA, force a password change, disable/enable, grant/remove the manager role. */
  async userAction(username: string, action: Admin.AdminUserAction): Promise<Admin.AdminUser> {
    const params = { username };
    const call =
      action === 'grant-manager' || action === 'revoke-manager'
        ? this.call(endpoints.adminSetRoles, { params, body: { manager: action === 'grant-manager' } })
        : this.call(adminUserActions[action], { params, body: {} });
    return (await call).user;
  }

  /** A new temporary password for `username`, in this answer only. */
  async issueTemporaryPassword(username: string): Promise<Admin.IssuedTemporaryPassword> {
    return this.call(endpoints.adminIssueTemporaryPassword, { params: { username }, body: {} });
  }

  async activity(filter: Admin.ActivityFilter): Promise<Admin.ActivityEvent[]> {
    const { events } = await this.call(endpoints.adminAudit, { query: activityFields(filter) });
    return events.map((event) => ({ ...event, detail: flattenDetail(event.detail) }));
  }

  /** The filtered log as CSV (the portal writes it, formulas defused). */
  async exportActivity(filter: Admin.ActivityFilter): Promise<{ filename: string; csv: string }> {
    return this.call(endpoints.adminAuditExport, { query: activityFields(filter) });
  }

  private call<E extends EndpointSpec>(endpoint: E, input: CallInput<E> = {}): Promise<ResponseOf<E>> {
    return this.deps.session.authorized((target) => this.deps.portal.call(target, endpoint, input));
  }
}
