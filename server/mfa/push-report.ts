/**
 * *This wasn't me* protects the account: the reported push is already
 * settled (`reported`); then the user's pushes are muted for a while (the
 * sign-in screen offers a passcode instead), the other pending pushes are
 * cancelled, every session ends (FTPS included: the session store moves the
 * sessions epoch and signals every instance), and the password must be
 * changed at the next sign-in (the `change_password` gate). Managers see the
 * report in *Activity* with what was done.
 */
import type { AppContext } from '../app-context';
import type { Queryable } from '../db';
import { portalError } from '../errors';
import { recordAudit } from './audit';
import { signalPushSettled } from './push-wait';

/** Until when `userId`'s pushes are muted, or null. */
export async function pushMutedUntil(db: Queryable, userId: string, now: Date): Promise<Date | null> {
  const found = await db.query<{ until: Date | null }>(
    'SELECT push_muted_until AS until FROM users WHERE id = $1',
    [userId],
  );
  const until = found.rows[0]?.until;
  return until && new Date(until).getTime() > now.getTime() ? new Date(until) : null;
}

/** Throws `409 conflict` (reason `push_muted`, `retryAfterSeconds`) while `userId`'s pushes are muted. */
export async function assertPushNotMuted(db: Queryable, userId: string, now: Date): Promise<void> {
  const until = await pushMutedUntil(db, userId, now);
  if (!until) return;
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  throw portalError(
    'conflict',
    'Pushes are paused because a sign-in was reported as not yours ("This wasn\'t me"). Enter a passcode instead.',
    { reason: 'push_muted', retryAfterSeconds },
  );
}

/** What {@link protectAfterReport} did, for the audit record. */
export interface ReportProtection {
  mutedUntil: Date;
  sessionsEnded: number;
  pushesCancelled: number;
}

/**
 * The account's protection after *This wasn't me* on push `pushId`. Audited
 * as `mfa.push_reported` (the Activity filter "“This wasn't me” reports").
 */
export async function protectAfterReport(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'sessions' | 'signals'>,
  input: { userId: string; username: string; pushId: string; deviceId: string; address: string },
): Promise<ReportProtection> {
  const now = ctx.clock.now();
  const mutedUntil = new Date(now.getTime() + ctx.config.mfa.push.muteAfterReportMinutes * 60_000);
  const cancelled = await ctx.db.transaction(async (tx) => {
    await tx.query('UPDATE users SET push_muted_until = $2, must_change_password = true WHERE id = $1', [
      input.userId,
      mutedUntil,
    ]);
    const open = await tx.query<{ id: string }>(
      `UPDATE push_requests SET state = 'cancelled', settled_at = $2 WHERE user_id = $1 AND state = 'pending' RETURNING id`,
      [input.userId, now],
    );
    return open.rows.map((row) => row.id);
  });
  // Every session of the user, on every instance; FTPS logins resting on them are cut.
  const sessionsEnded = await ctx.sessions.revokeAllForUser(input.userId);
  await Promise.all(cancelled.map((id) => signalPushSettled(ctx.signals, id)));
  await recordAudit(ctx.db, {
    at: now,
    actor: input.username,
    userId: input.userId,
    type: 'mfa.push_reported',
    detail: {
      device: input.deviceId,
      address: input.address,
      security: true,
      pushesMutedUntil: mutedUntil.toISOString(),
      sessionsEnded,
      pushesCancelled: cancelled.length,
      passwordChangeRequired: true,
    },
  });
  return { mutedUntil, sessionsEnded, pushesCancelled: cancelled.length };
}
