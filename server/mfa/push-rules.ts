/**
 * Pure rules for push approvals: when a new push may be issued, and how a push
 * moves from `pending` to its final state. Storage (shared by all server
 * instances) and delivery live elsewhere; the caller persists the returned
 * push with a compare-and-set on its previous state so only one answer wins.
 */

/** Limits per user; SECURITY.md's values are the defaults. */
export interface PushLimits {
  /** Seconds a push waits for an answer. */
  expirySeconds: number;
  /** Pending pushes allowed at once. */
  maxPending: number;
  /** Pushes allowed per rate window. */
  maxPerWindow: number;
  /** Rate window in seconds. */
  windowSeconds: number;
}

/** 60 s expiry, 3 pending, 5 per 10 minutes. */
export const DEFAULT_PUSH_LIMITS: Readonly<PushLimits> = Object.freeze({
  expirySeconds: 60,
  maxPending: 3,
  maxPerWindow: 5,
  windowSeconds: 600,
});

/** Every state a push can be in; all but `pending` are final. */
export type PushState = 'pending' | 'approved' | 'denied' | 'expired' | 'cancelled' | 'reported';

/** What the rules need to know about a push. */
export interface PushRecord {
  /** The user the push belongs to; null for a reset's push to a name without an account (nobody can answer it). */
  userId: string | null;
  state: PushState;
  /** Epoch milliseconds. */
  issuedAt: number;
  /** Epoch milliseconds of the final transition, if any. */
  settledAt?: number | null;
}

/** Answer to {@link canIssuePush}. */
export type CanIssuePushResult =
  { ok: true } | { ok: false; reason: 'too_many_pending' | 'rate_limited'; retryAfterSeconds: number };

/** Deadline of a push in epoch ms. */
export function pushExpiresAt(
  push: Pick<PushRecord, 'issuedAt'>,
  limits: PushLimits = DEFAULT_PUSH_LIMITS,
): number {
  return push.issuedAt + limits.expirySeconds * 1000;
}

/** The state as of `now`: a pending push past its deadline is `expired` even before anyone writes that down. */
export function effectivePushState(
  push: PushRecord,
  now: number,
  limits: PushLimits = DEFAULT_PUSH_LIMITS,
): PushState {
  return push.state === 'pending' && now >= pushExpiresAt(push, limits) ? 'expired' : push.state;
}

const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

/**
 * Whether one more push may be sent to a user, given that user's recent
 * pushes (any states; older ones are ignored). Every issued push counts toward
 * the rate, however it ended, so cancelling and re-sending cannot flood a phone.
 */
export function canIssuePush(
  history: readonly PushRecord[],
  now: number,
  limits: PushLimits = DEFAULT_PUSH_LIMITS,
): CanIssuePushResult {
  const windowMs = limits.windowSeconds * 1000;
  const inWindow = history
    .filter((p) => p.issuedAt > now - windowMs && p.issuedAt <= now)
    .map((p) => p.issuedAt);
  inWindow.sort((a, b) => a - b);
  let rate: number | null = null;
  if (inWindow.length >= limits.maxPerWindow) {
    // Room comes back when enough of the oldest pushes leave the window.
    rate = inWindow[inWindow.length - limits.maxPerWindow]! + windowMs - now;
  }
  const pendingDeadlines = history
    .filter((p) => effectivePushState(p, now, limits) === 'pending')
    .map((p) => pushExpiresAt(p, limits))
    .sort((a, b) => a - b);
  let pending: number | null = null;
  if (pendingDeadlines.length >= limits.maxPending) {
    pending = pendingDeadlines[pendingDeadlines.length - limits.maxPending]! - now;
  }
  if (rate !== null && (pending === null || rate >= pending)) {
    return { ok: false, reason: 'rate_limited', retryAfterSeconds: seconds(rate) };
  }
  if (pending !== null) return { ok: false, reason: 'too_many_pending', retryAfterSeconds: seconds(pending) };
  return { ok: true };
}

/** Something that happens to a push. Answers come from a device bound to `byUserId`. */
export type PushEvent =
  { type: 'approve' | 'deny' | 'report'; byUserId: string } | { type: 'cancel' } | { type: 'expire' };

/** Typed reasons a transition is refused. */
export type PushTransitionError = 'already_answered' | 'expired' | 'cancelled' | 'not_your_push' | 'not_due';

/** Outcome of {@link transitionPush}. */
export type PushTransitionResult<P extends PushRecord> =
  { ok: true; push: P } | { ok: false; reason: PushTransitionError };

const ANSWER_STATE = { approve: 'approved', deny: 'denied', report: 'reported' } as const;

/**
 * Applies an event to a push at `now`. Only a pending, unexpired push moves:
 * answering twice → `already_answered`, after the deadline → `expired`, after
 * the sign-in gave up → `cancelled`, from another user's device → `not_your_push`;
 * an `expire` before the deadline → `not_due`.
 */
export function transitionPush<P extends PushRecord>(
  push: P,
  event: PushEvent,
  now: number,
  limits: PushLimits = DEFAULT_PUSH_LIMITS,
): PushTransitionResult<P> {
  if (
    (event.type === 'approve' || event.type === 'deny' || event.type === 'report') &&
    event.byUserId !== push.userId
  ) {
    return { ok: false, reason: 'not_your_push' };
  }
  const state = effectivePushState(push, now, limits);
  if (event.type === 'expire') {
    // Idempotent housekeeping: expiring an expired push just records it.
    if (state === 'expired') return { ok: true, push: { ...push, state, settledAt: push.settledAt ?? now } };
    return state === 'pending' ? { ok: false, reason: 'not_due' } : refusal(state);
  }
  if (state !== 'pending') return refusal(state);
  const next: PushState = event.type === 'cancel' ? 'cancelled' : ANSWER_STATE[event.type];
  return { ok: true, push: { ...push, state: next, settledAt: now } };
}

function refusal(state: Exclude<PushState, 'pending'>): { ok: false; reason: PushTransitionError } {
  if (state === 'expired') return { ok: false, reason: 'expired' };
  if (state === 'cancelled') return { ok: false, reason: 'cancelled' };
  return { ok: false, reason: 'already_answered' };
}
