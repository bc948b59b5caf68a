/**
 * Audit records for the second factor: enrollment, approval, denial, "this
 * wasn't me", backup-code use and device changes. `detail` never holds a
 * secret (no codes, tokens or keys).
 */
import type { Queryable } from '../db';
import { listAuditEvents, recordAuditEvent } from '../auth/password-audit';

/** Kinds of audit event this feature writes. */
export type MfaAuditType =
  | 'mfa.enrolled'
  | 'mfa.push_approved'
  | 'mfa.push_denied'
  | 'mfa.push_reported'
  | 'mfa.backup_code_used'
  | 'mfa.backup_codes_generated'
  | 'mfa.recovery_phone_added'
  | 'mfa.device_removed'
  | 'mfa.device_renamed'
  | 'mfa.approver_bound'
  | 'mfa.code_failed'
  | 'mfa.passkey_used'
  | 'mfa.passkey_failed';

/** One event as read back (for the account's activity). */
export interface AuditEvent {
  at: Date;
  type: string;
  detail: Record<string, unknown>;
}

/** Writes one audit record (through the one writer every feature shares). */
export async function recordAudit(
  db: Queryable,
  event: {
    at: Date;
    actor: string;
    userId: string | null;
    type: MfaAuditType;
    detail?: Record<string, string | number | boolean>;
  },
): Promise<void> {
  await recordAuditEvent(db, event);
}

/** The latest events of a user, newest first. */
export async function listAudit(db: Queryable, userId: string, limit = 50): Promise<AuditEvent[]> {
  const events = await listAuditEvents(db, userId, limit);
  return events.map(({ at, type, detail }) => ({ at, type, detail }));
}
