/**
 * Audit records written by administration and requests. The password
 * feature's `recordAuditEvent` writes the shared `audit_events` table; this
 * module only names our event types. `actor` is the manager's username (or `cli`).
 */
import type { Queryable } from '../db';
import { recordAuditEvent } from '../auth/password-audit';

/** Kinds of event this feature writes. */
export type AdminAuditType =
  | 'request.filed'
  | 'request.merged'
  | 'request.approved'
  | 'request.declined'
  | 'account.created'
  | 'admin.mfa_reset'
  | 'admin.password_change_forced'
  | 'admin.temporary_password_issued'
  | 'admin.user_disabled'
  | 'admin.user_enabled'
  | 'admin.role_granted'
  | 'admin.role_revoked';

/** Appends one event; `detail` holds facts, never secrets. */
export function auditAdmin(
  db: Queryable,
  event: { at: Date; actor: string; userId: string | null; type: AdminAuditType; detail?: Record<string, string | number | boolean | null> },
): Promise<void> {
  return recordAuditEvent(db, event);
}
