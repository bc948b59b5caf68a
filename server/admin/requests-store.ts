/**
 * New-user requests (`user_requests`). A request for an address that already
 * has an open request is merged into it: the requester joins its list, the
 * count goes up and the newest note is kept, so a manager sees one row per
 * person. Decisions are compare-and-set on `status = 'pending'`, so two
 * managers deciding at once cannot both win.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db';
import { portalError } from '../errors';
import { emailKey } from './schemas';

/** Where a request stands. */
export type RequestStatus = 'pending' | 'approved' | 'declined';

/** A request as stored. */
export interface UserRequestRecord {
  id: string;
  fullName: string;
  email: string;
  note: string | null;
  status: RequestStatus;
  requesterIds: string[];
  timesRequested: number;
  createdAt: Date;
  updatedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  declineReason: string | null;
  createdUsername: string | null;
}

interface RequestRow {
  id: string;
  full_name: string;
  email: string;
  note: string | null;
  status: RequestStatus;
  requester_ids: string[];
  times_requested: number;
  created_at: Date;
  updated_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decline_reason: string | null;
  created_username: string | null;
}

const COLUMNS =
  'id, full_name, email, note, status, requester_ids, times_requested, created_at, updated_at, decided_by, decided_at, decline_reason, created_username';

function toRecord(row: RequestRow): UserRequestRecord {
  return {
    id: row.id,
    fullName: row.full_name,
    email: row.email,
    note: row.note,
    status: row.status,
    requesterIds: [...row.requester_ids],
    timesRequested: Number(row.times_requested),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at ? new Date(row.decided_at) : null,
    declineReason: row.decline_reason,
    createdUsername: row.created_username,
  };
}

/** What a user files. */
export interface NewRequest {
  fullName: string;
  email: string;
  note?: string | undefined;
  requesterId: string;
  now: Date;
}

/** Files a request, or merges it into the open one for the same address. */
export async function fileRequest(db: Queryable, input: NewRequest): Promise<{ request: UserRequestRecord; merged: boolean }> {
  const result = await db.query<RequestRow & { merged: boolean }>(
    `INSERT INTO user_requests (id, full_name, email, email_key, note, status, requester_ids, times_requested, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, 'pending', ARRAY[$6]::text[], 1, $7, $7)
     ON CONFLICT (email_key) WHERE status = 'pending' DO UPDATE SET
       times_requested = user_requests.times_requested + 1,
       requester_ids = CASE WHEN $6 = ANY(user_requests.requester_ids) THEN user_requests.requester_ids
                            ELSE array_append(user_requests.requester_ids, $6) END,
       note = COALESCE(EXCLUDED.note, user_requests.note),
       updated_at = EXCLUDED.updated_at
     RETURNING ${COLUMNS}, (xmax <> 0) AS merged`,
    [randomUUID(), input.fullName, input.email.trim(), emailKey(input.email), input.note || null, input.requesterId, input.now],
  );
  const row = result.rows[0]!;
  return { request: toRecord(row), merged: Boolean(row.merged) };
}

/** Requests a user filed (or joined), newest first. */
export async function requestsOf(db: Queryable, userId: string): Promise<UserRequestRecord[]> {
  const result = await db.query<RequestRow>(
    `SELECT ${COLUMNS} FROM user_requests WHERE $1 = ANY(requester_ids) ORDER BY created_at DESC, id LIMIT 200`,
    [userId],
  );
  return result.rows.map(toRecord);
}

/** Requests for managers: pending ones oldest first, or everything newest first. */
export async function listRequests(db: Queryable, status: 'pending' | 'all'): Promise<UserRequestRecord[]> {
  const result =
    status === 'pending'
      ? await db.query<RequestRow>(`SELECT ${COLUMNS} FROM user_requests WHERE status = 'pending' ORDER BY created_at, id LIMIT 1000`)
      : await db.query<RequestRow>(`SELECT ${COLUMNS} FROM user_requests ORDER BY created_at DESC, id LIMIT 1000`);
  return result.rows.map(toRecord);
}

/** One request, or `404 not_found`. */
export async function getRequest(db: Queryable, id: string): Promise<UserRequestRecord> {
  const result = await db.query<RequestRow>(`SELECT ${COLUMNS} FROM user_requests WHERE id = $1`, [id]);
  const row = result.rows[0];
  if (!row) throw portalError('not_found', 'No such request.');
  return toRecord(row);
}

/** A decision on a pending request. */
export interface Decision {
  id: string;
  status: 'approved' | 'declined';
  decidedBy: string;
  now: Date;
  declineReason?: string;
  createdUsername?: string;
}

/**
 * Records a decision if the request is still pending; otherwise `409
 * conflict` (`details.reason = "already_decided"`).
 */
export async function decideRequest(db: Queryable, decision: Decision): Promise<UserRequestRecord> {
  const result = await db.query<RequestRow>(
    `UPDATE user_requests SET status = $2, decided_by = $3, decided_at = $4, updated_at = $4,
            decline_reason = $5, created_username = $6
     WHERE id = $1 AND status = 'pending' RETURNING ${COLUMNS}`,
    [decision.id, decision.status, decision.decidedBy, decision.now, decision.declineReason ?? null, decision.createdUsername ?? null],
  );
  const row = result.rows[0];
  if (row) return toRecord(row);
  await getRequest(db, decision.id);
  throw portalError('conflict', 'This request has already been decided.', { reason: 'already_decided' });
}
