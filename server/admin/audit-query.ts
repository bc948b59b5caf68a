/**
 * Reads the shared audit log for the Activity view, the CSV export and the
 * CLI's `audit --since`. Filters: time range, event type (exact or a prefix
 * ending in `.`, e.g. `mfa.`), the account's username, free text over type,
 * actor and detail.
 */
import type { Queryable } from '../db';

/** One audit record as managers see it. */
export interface AuditEventView {
  id: string;
  at: string;
  actor: string;
  /** The account the event is about (null for events about no account). */
  username: string | null;
  type: string;
  detail: Record<string, unknown>;
}

/** Filter of {@link queryAudit}. */
export interface AuditFilter {
  since?: Date | undefined;
  until?: Date | undefined;
  type?: string | undefined;
  username?: string | undefined;
  q?: string | undefined;
  limit?: number | undefined;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Events matching `filter`, newest first (at most `limit`, default 500). */
export async function queryAudit(db: Queryable, filter: AuditFilter): Promise<AuditEventView[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown): void => {
    params.push(value);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (filter.since) add('e.at >= ?', filter.since);
  if (filter.until) add('e.at <= ?', filter.until);
  if (filter.type) {
    if (filter.type.endsWith('.') || filter.type.endsWith('_')) add(`e.type LIKE ? || '%'`, escapeLike(filter.type));
    else add('e.type = ?', filter.type);
  }
  if (filter.username) add('lower(u.username) = lower(?)', filter.username);
  if (filter.q) {
    params.push(escapeLike(filter.q));
    const n = `$${params.length}`;
    where.push(
      `(lower(e.type) LIKE '%' || lower(${n}) || '%' OR lower(e.actor) LIKE '%' || lower(${n}) || '%'
        OR lower(coalesce(u.username, '')) LIKE '%' || lower(${n}) || '%'
        OR lower(e.detail::text) LIKE '%' || lower(${n}) || '%')`,
    );
  }
  params.push(Math.min(Math.max(filter.limit ?? 500, 1), 5000));
  const rows = await db.query<{ id: string; at: Date; actor: string; username: string | null; type: string; detail: unknown }>(
    `SELECT e.id, e.at, e.actor, u.username, e.type, e.detail
     FROM audit_events e LEFT JOIN users u ON u.id = e.user_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY e.at DESC, e.id LIMIT $${params.length}`,
    params,
  );
  return rows.rows.map((row) => ({
    id: row.id,
    at: new Date(row.at).toISOString(),
    actor: row.actor,
    username: row.username,
    type: row.type,
    detail: (typeof row.detail === 'string' ? JSON.parse(row.detail) : (row.detail ?? {})) as Record<string, unknown>,
  }));
}
