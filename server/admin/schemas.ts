/**
 * Input rules of the requests and administration routes, declared in
 * `common/api` (requests.ts, admin.ts) and re-exported for the services and
 * the admin CLI. Names and notes come from any signed-in user and are shown
 * to managers, so control characters are refused outright.
 */
import type { z } from 'zod';
import type { auditQuery } from '../../common/api';

export {
  approveBody,
  auditQuery,
  declineBody,
  emailSchema,
  emptyBody,
  fullNameSchema,
  newRequestBody,
  requestIdParams,
  requestListQuery,
  rolesBody,
  userListQuery,
  usernameParams,
  usernameSchema,
} from '../../common/api';

/** The lookup key of an address: duplicates are matched ignoring case. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** Parsed audit filter. */
export type AuditFilterInput = z.output<typeof auditQuery>;
