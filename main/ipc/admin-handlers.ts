/** Requests and administration: channel → admin service call (arguments already validated by the router). */
import type { InvokeArgs, InvokeChannel, InvokeValue } from '../../common/contract';
import type { AdminService } from '../services/admin/admin-service';

type AdminChannel = Extract<InvokeChannel, `requests:${string}` | `admin:${string}`>;
type AdminHandlers = { [C in AdminChannel]: (...args: InvokeArgs<C>) => Promise<InvokeValue<C>> | InvokeValue<C> };

/** The handlers of the `requests:*` and `admin:*` channels. */
export function createAdminHandlers(admin: AdminService): AdminHandlers {
  return {
    'requests:create': (request) => admin.fileRequest(request),
    'requests:list-mine': () => admin.myRequests(),
    'admin:list-requests': (request) => admin.listRequests(request.status),
    'admin:approve-request': (request) => admin.approve(request.id, request.username),
    'admin:decline-request': (request) => admin.decline(request.id, request.reason),
    'admin:list-users': (request) => admin.listUsers(request.query),
    'admin:user-action': (request) => admin.userAction(request.username, request.action),
    'admin:issue-temporary-password': (request) => admin.issueTemporaryPassword(request.username),
    'admin:list-activity': (filter) => admin.activity(filter),
    'admin:export-activity': (filter) => admin.exportActivity(filter),
  };
}
