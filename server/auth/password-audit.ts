/**
 * Audit records for account security events (password changes, resets,
 * lockouts, unlocks). Details are facts, never secrets: no passwords, answers,
 * codes or tokens ever go in here.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db';

/** Event types the password feature writes. */
export type PasswordAuditType =
  'password_changed' | 'password_reset' | 'security_questions_set' | 'account_locked' | 'account_unlocked';

/** One audit record. `actor` is a username, `cli` or `system`. */
export interface AuditEventInput {
  at: Date;
  actor: string;
  userId: string | null;
  type: PasswordAuditType | string;
  detail?: Record<string, string | number | boolean | null>;
}

/** Appends an audit event (the table is shared with MFA and administration). */
export async function recordAuditEvent(db: Queryable, event: AuditEventInput): Promise<void> {
  await db.query(
    'INSERT INTO audit_events (id, at, actor, user_id, type, detail) VALUES ($1, $2, $3, $4, $5, $6::jsonb)',
    [randomUUID(), event.at, event.actor, event.userId, event.type, JSON.stringify(event.detail ?? {})],
  );
}

/** Audit events of a user, newest first (tests and admin tooling). */
export async function listAuditEvents(
  db: Queryable,
  userId: string,
  limit = 1000,
): Promise<Array<{ type: string; actor: string; at: Date; detail: Record<string, unknown> }>> {
  const result = await db.query<{
    type: string;
    actor: string;
    at: Date;
    detail: Record<string, unknown> | string;
  }>('SELECT type, actor, at, detail FROM audit_events WHERE user_id = $1 ORDER BY at DESC, id LIMIT $2', [
    userId,
    limit,
  ]);
  return result.rows.map((row) => ({
    type: row.type,
    actor: row.actor,
    at: new Date(row.at),
    detail: typeof row.detail === 'string' ? (JSON.parse(row.detail) as Record<string, unknown>) : row.detail,
  }));
}
