/**
 * The `sign_in_flows` table: one row per sign-in attempt that needed more
 * than a password, found by the SHA-256 of its flow token. Used by
 * {@link SignInFlow} (`sign-in-flow.ts`) only.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../db';
import { portalError } from '../errors';
import { newToken, tokenDigest, TOKEN_PATTERN } from './tokens';

/** A live (unfinished, unexpired) flow. */
export interface FlowRow {
  id: string;
  user_id: string;
  install_id: string | null;
  factor_verified: boolean;
}

/** The answer to an unknown, expired or finished flow. */
export function flowExpired() {
  return portalError('flow_expired', 'This sign-in has expired. Please sign in again.');
}

/** Stores a new flow; returns its id and the token (shown only this once). */
export async function createFlow(
  db: Db,
  fields: { userId: string; installId: string | null; factorVerified: boolean; now: Date; expiresAt: Date },
): Promise<{ id: string; token: string }> {
  const id = randomUUID();
  const token = newToken();
  await db.query(
    `INSERT INTO sign_in_flows (id, token_hash, user_id, install_id, factor_verified, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, tokenDigest(token), fields.userId, fields.installId, fields.factorVerified, fields.now, fields.expiresAt],
  );
  return { id, token };
}

/** The live flow behind `flowToken`; throws `flow_expired` otherwise. */
export async function findLiveFlow(db: Db, flowToken: unknown, now: Date): Promise<{ row: FlowRow; token: string }> {
  if (typeof flowToken !== 'string' || !TOKEN_PATTERN.test(flowToken)) throw flowExpired();
  const found = await db.query<FlowRow>(
    `SELECT id, user_id, install_id, factor_verified FROM sign_in_flows
     WHERE token_hash = $1 AND completed_at IS NULL AND expires_at > $2`,
    [tokenDigest(flowToken), now],
  );
  const row = found.rows[0];
  if (!row) throw flowExpired();
  return { row, token: flowToken };
}

/** Records that this attempt passed a second factor. */
export async function markFlowFactorVerified(db: Db, flowId: string): Promise<void> {
  await db.query('UPDATE sign_in_flows SET factor_verified = true WHERE id = $1', [flowId]);
}

/** Ends a flow; true only for the one call that ended it (concurrent completions lose). */
export async function finishFlow(db: Db, flowId: string, now: Date): Promise<boolean> {
  const done = await db.query(
    'UPDATE sign_in_flows SET completed_at = $2 WHERE id = $1 AND completed_at IS NULL',
    [flowId, now],
  );
  return done.rowCount === 1;
}

/** Undoes {@link finishFlow} of `now` (the work it guarded failed): the flow is live again. */
export async function reopenFlow(db: Db, flowId: string, finishedAt: Date): Promise<void> {
  await db.query('UPDATE sign_in_flows SET completed_at = NULL WHERE id = $1 AND completed_at = $2', [flowId, finishedAt]);
}
