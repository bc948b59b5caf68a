/**
 * Push approvals in the database, so any portal instance can issue, show,
 * answer and report them. The pure rules (limits, transitions) are
 * `push-rules.ts`; every state change here is a compare-and-set on
 * `state = 'pending'`, so a push is answered once even when the phone and an
 * expiry race.
 */
import { createHash, randomInt, randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../db';
import { portalError } from '../errors';
import { canIssuePush, transitionPush, type PushEvent, type PushLimits, type PushRecord, type PushState } from './push-rules';

/** A push as stored. */
export interface StoredPush extends PushRecord {
  id: string;
  flowId: string;
  app: string;
  address: string;
  expiresAt: number;
  /** Verified push: the 3-digit code shown at sign-in; null when the portal does not ask for one. */
  verificationCode: string | null;
  /** Why a denied push was denied (`wrong_code`: the phone was given another code). */
  denyReason: string | null;
}

/** A `push_requests` row as read with {@link PUSH_COLUMNS}. */
export interface PushRow {
  id: string;
  user_id: string | null;
  flow_id: string;
  state: PushState;
  app: string;
  address: string;
  issued_at: Date;
  expires_at: Date;
  settled_at: Date | null;
  verification_code: string | null;
  deny_reason: string | null;
}

/** The columns {@link toPush} reads. */
export const PUSH_COLUMNS =
  'id, user_id, flow_id, state, app, address, issued_at, expires_at, settled_at, verification_code, deny_reason';

/** A stored push from its row. */
export function toPush(row: PushRow): StoredPush {
  return {
    id: row.id,
    userId: row.user_id,
    flowId: row.flow_id,
    state: row.state,
    app: row.app,
    address: row.address,
    issuedAt: new Date(row.issued_at).getTime(),
    expiresAt: new Date(row.expires_at).getTime(),
    settledAt: row.settled_at ? new Date(row.settled_at).getTime() : null,
    verificationCode: row.verification_code,
    denyReason: row.deny_reason,
  };
}

/** A verified push's code: 3 digits from the CSPRNG (`000`–`999`). */
export function newVerificationCode(): string {
  return String(randomInt(0, 1000)).padStart(3, '0');
}

/** A push as the client sees it: the verified push's code is shown on its screen. */
export function pushView(push: StoredPush): { id: string; expiresAt: string; code?: string } {
  const view = { id: push.id, expiresAt: new Date(push.expiresAt).toISOString() };
  return push.verificationCode === null ? view : { ...view, code: push.verificationCode };
}

/** Whether `userId` has a bound approver page. */
export async function hasPushDevice(db: Queryable, userId: string): Promise<boolean> {
  const found = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM mfa_devices WHERE user_id = $1 AND status = 'active' AND push_token_hash IS NOT NULL`,
    [userId],
  );
  return Number(found.rows[0]?.n ?? 0) > 0;
}

/**
 * Whose limits a push counts against: a user, or (a reset for a name without
 * an account) that lower-cased name, so such a name meets the same limits.
 */
export type PushSubject = { userId: string } | { decoyKey: string };

/**
 * Issues a push for a sign-in attempt or a reset, within the limits: too many
 * pending or too many recent ones answer `429 rate_limited` with
 * `retryAfterSeconds` and `reason`. Serialised per subject so concurrent
 * requests cannot overshoot; a decoy does the same queries as a user.
 * With `verify`, the push carries a fresh verification code (decoys too, so
 * the answer looks the same).
 */
export async function issuePush(
  db: Db,
  input: PushSubject & { flowId: string; app: string; address: string; now: Date; limits: PushLimits; verify: boolean },
): Promise<StoredPush> {
  const userId = 'userId' in input ? input.userId : null;
  const decoyKey = 'decoyKey' in input ? input.decoyKey : null;
  return db.transaction(async (tx) => {
    const since = new Date(input.now.getTime() - input.limits.windowSeconds * 1000 - input.limits.expirySeconds * 1000);
    let recent: { rows: PushRow[] };
    if (userId !== null) {
      await tx.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [userId]);
      recent = await tx.query<PushRow>(`SELECT ${PUSH_COLUMNS} FROM push_requests WHERE user_id = $1 AND issued_at > $2`, [userId, since]);
    } else {
      await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [decoyLockKey(decoyKey ?? '')]);
      recent = await tx.query<PushRow>(`SELECT ${PUSH_COLUMNS} FROM push_requests WHERE user_id IS NULL AND decoy_key = $1 AND issued_at > $2`, [decoyKey, since]);
    }
    const verdict = canIssuePush(recent.rows.map(toPush), input.now.getTime(), input.limits);
    if (!verdict.ok) {
      const message =
        verdict.reason === 'too_many_pending'
          ? 'Too many pushes are waiting for an answer. Answer or wait for them, or enter a passcode.'
          : 'Too many pushes were sent recently. Wait a few minutes, or enter a passcode.';
      throw portalError('rate_limited', message, { retryAfterSeconds: verdict.retryAfterSeconds, reason: verdict.reason });
    }
    const id = randomUUID();
    const expiresAt = new Date(input.now.getTime() + input.limits.expirySeconds * 1000);
    const inserted = await tx.query<PushRow>(
      `INSERT INTO push_requests (id, user_id, decoy_key, flow_id, state, app, address, issued_at, expires_at, verification_code)
       VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7, $8, $9) RETURNING ${PUSH_COLUMNS}`,
      [
        id,
        userId,
        decoyKey,
        input.flowId,
        input.app.slice(0, 100),
        input.address.slice(0, 100),
        input.now,
        expiresAt,
        input.verify ? newVerificationCode() : null,
      ],
    );
    return toPush(inserted.rows[0]!);
  });
}

/** Advisory-lock key serialising one decoy name's pushes (a 64-bit hash of it). */
function decoyLockKey(key: string): string {
  return createHash('sha256').update(`reset-push:${key}`).digest().readBigInt64BE(0).toString();
}

/** One push by id (any user), or null. */
export async function findPush(db: Queryable, id: string): Promise<StoredPush | null> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const found = await db.query<PushRow>(`SELECT ${PUSH_COLUMNS} FROM push_requests WHERE id = $1`, [id]);
  return found.rows[0] ? toPush(found.rows[0]) : null;
}

/** The state as of `now` (an unanswered push past its deadline is `expired`). */
export function pushStateAt(push: StoredPush, now: Date): PushState {
  return push.state === 'pending' && now.getTime() >= push.expiresAt ? 'expired' : push.state;
}

/** Pending, unexpired pushes of a user (what the approver page shows). */
export async function pendingPushes(db: Queryable, userId: string, now: Date): Promise<StoredPush[]> {
  const found = await db.query<PushRow>(
    `SELECT ${PUSH_COLUMNS} FROM push_requests WHERE user_id = $1 AND state = 'pending' AND expires_at > $2 ORDER BY issued_at`,
    [userId, now],
  );
  return found.rows.map(toPush);
}

/** Typed errors for refused transitions. */
const REFUSALS = {
  already_answered: () => portalError('conflict', 'This request was already answered.', { reason: 'already_answered' }),
  expired: () => portalError('conflict', 'This request has expired.', { reason: 'expired' }),
  cancelled: () => portalError('conflict', 'This sign-in was cancelled.', { reason: 'cancelled' }),
  not_your_push: () => portalError('forbidden', 'This request belongs to another account.'),
  not_due: () => portalError('conflict', 'This request is still pending.', { reason: 'pending' }),
} as const;

/**
 * Applies an event (approve/deny/report from a device of `byUserId`, or the
 * client cancelling) to a push; exactly one transition wins. `denyReason`
 * is stored with a denial (`wrong_code`).
 */
export async function answerPush(
  db: Queryable,
  push: StoredPush,
  event: PushEvent,
  now: Date,
  limits: PushLimits,
  answeredBy?: string,
  denyReason?: string,
): Promise<StoredPush> {
  // The stored deadline decides (limits may have changed since it was issued).
  const rules = { ...limits, expirySeconds: Math.max(0, (push.expiresAt - push.issuedAt) / 1000) };
  const result = transitionPush(push, event, now.getTime(), rules);
  if (!result.ok) throw REFUSALS[result.reason]();
  const updated = await db.query<PushRow>(
    `UPDATE push_requests SET state = $2, settled_at = $3, answered_by = $4, deny_reason = $5
     WHERE id = $1 AND state = 'pending' RETURNING ${PUSH_COLUMNS}`,
    [push.id, result.push.state, now, answeredBy ?? null, denyReason ?? null],
  );
  if (!updated.rows[0]) throw REFUSALS.already_answered();
  return toPush(updated.rows[0]);
}
