/**
 * Audit records for the second factor: enrollment, approval, denial, "this
 * wasn't me", backup-code use and device changes. `detail` never holds a
 * secret (no codes, tokens or keys).
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db';

/** Kinds of audit event this feature writes. */
export type MfaAuditType =
  | 'mfa.enrolled'
  | 'mfa.push_approved'
  | 'mfa.push_denied'
  | 'mfa.push_reported'
  | 'mfa.backup_code_used'
  | 'mfa.backup_codes_generated'
  | 'mfa.device_removed'
  | 'mfa.device_renamed'
  | 'mfa.approver_bound'
  | 'mfa.code_failed';

/** One event as read back (for the account's activity). */
export interface AuditEvent {
  at: Date;
  type: string;
  detail: Record<string, unknown>;
}

/** Writes one audit record. */
export async function recordAudit(
  db: Queryable,
  event: { at: Date; actor: string; userId: string | null; type: MfaAuditType; detail?: Record<string, string | number | boolean> },
): Promise<void> {
  await db.query('INSERT INTO audit_events (id, at, actor, user_id, type, detail) VALUES ($1, $2, $3, $4, $5, $6)', [
    randomUUID(),
    event.at,
    event.actor,
    event.userId,
    event.type,
    JSON.stringify(event.detail ?? {}),
  ]);
}

/** The latest events of a user, newest first. */
export async function listAudit(db: Queryable, userId: string, limit = 50): Promise<AuditEvent[]> {
  const result = await db.query<{ at: Date; type: string; detail: unknown }>(
    'SELECT at, type, detail FROM audit_events WHERE user_id = $1 ORDER BY at DESC LIMIT $2',
    [userId, limit],
  );
  return result.rows.map((row) => ({
    at: new Date(row.at),
    type: row.type,
    detail: (typeof row.detail === 'string' ? JSON.parse(row.detail) : row.detail) as Record<string, unknown>,
  }));
}
