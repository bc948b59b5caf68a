/**
 * Helpers for the concurrency tests: every limit and single-use token must
 * hold when many requests arrive at once, so these fire a whole burst in
 * parallel (Promise.all over real HTTP or `inject`) and read what the
 * database recorded.
 */
import type { Queryable } from '../../server/db';

/** How many requests one burst fires. */
export const BURST = 100;

/** Runs `send(i)` for i = 0..count-1 all at once; answers in order. */
export function burst<T>(count: number, send: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => send(i)));
}

/** Audit events of `type` recorded for `userId`. */
export async function countAudit(db: Queryable, userId: string, type: string): Promise<number> {
  const found = await db.query<{ n: number | string }>(
    'SELECT count(*) AS n FROM audit_events WHERE user_id = $1 AND type = $2',
    [userId, type],
  );
  return Number(found.rows[0]?.n ?? 0);
}

/** Failures stored toward the lockout of `username`. */
export async function countFailures(db: Queryable, username: string): Promise<number> {
  const found = await db.query<{ n: number | string }>(
    'SELECT count(*) AS n FROM auth_failures WHERE username_key = $1',
    [username.toLowerCase()],
  );
  return Number(found.rows[0]?.n ?? 0);
}

/** How many answers had each status, e.g. `{ 401: 5, 423: 96 }`. */
export function statusCounts(statuses: readonly number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
