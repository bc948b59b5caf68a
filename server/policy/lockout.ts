/**
 * Pure account-lockout decision from an account's recent failures. Failures of
 * every kind count (password, security answers, MFA codes, push denials); a
 * new challenge does not reset anything; only a successful sign-in or a
 * manager's unlock does. The caller stores failure timestamps and the reset
 * points in the database and asks this module what they mean.
 */

/** Thresholds, all configurable. */
export interface LockoutPolicy {
  /** Failures that lock the account. */
  maxFailures: number;
  /** Window (minutes) in which those failures must fall. */
  windowMinutes: number;
  /** Lock duration in minutes; `null` = locked until a manager unlocks. */
  lockMinutes: number | null;
  /** Warn the user when this many attempts (or fewer) are left. */
  warnWhenAttemptsLeft: number;
}

/** 5 failures in 15 minutes lock for 30 minutes; warn at 2 and 1 attempts left. */
export const DEFAULT_LOCKOUT_POLICY: Readonly<LockoutPolicy> = Object.freeze({
  maxFailures: 5,
  windowMinutes: 15,
  lockMinutes: 30,
  warnWhenAttemptsLeft: 2,
});

/** Kinds of failure (all count the same; kept for audit and messages). */
export type FailureKind = 'password' | 'security-answer' | 'mfa-code' | 'backup-code' | 'push' | 'app-password';

/** One recorded failure. */
export interface FailureRecord {
  /** Epoch milliseconds. */
  at: number;
  kind: FailureKind;
}

/** What is known about the account. */
export interface LockoutHistory {
  failures: readonly FailureRecord[];
  /** Last successful sign-in (epoch ms): earlier failures no longer count. */
  lastSuccessAt?: number | null;
  /** Last manager unlock (epoch ms): earlier failures and locks no longer count. */
  unlockedAt?: number | null;
}

/** The decision. */
export type LockoutStatus =
  | { locked: true; lockedAt: number; lockedUntil: number | null }
  | { locked: false; attemptsLeft: number; warn: boolean };

/**
 * Replays the failures in time order: whenever `maxFailures` fall within the
 * window, a lock starts at the last of them; failures during a lock neither
 * extend it nor count afterwards (the user could not have signed in anyway).
 */
export function lockoutStatus(
  history: LockoutHistory,
  now: number,
  policy: LockoutPolicy = DEFAULT_LOCKOUT_POLICY,
): LockoutStatus {
  const resetAt = Math.max(history.lastSuccessAt ?? -Infinity, history.unlockedAt ?? -Infinity);
  const windowMs = policy.windowMinutes * 60_000;
  const times = history.failures
    .map((f) => f.at)
    .filter((t) => Number.isFinite(t) && t > resetAt && t <= now)
    .sort((a, b) => a - b);

  let countFrom = -Infinity; // failures at or before this no longer count
  let lock: { at: number; until: number | null } | null = null;
  const recent: number[] = [];
  for (const t of times) {
    if (lock !== null) {
      if (lock.until === null || t < lock.until) continue;
      countFrom = lock.until;
      lock = null;
      recent.length = 0;
    }
    if (t <= countFrom) continue;
    recent.push(t);
    while (recent.length > 0 && recent[0]! <= t - windowMs) recent.shift();
    if (recent.length >= policy.maxFailures) {
      lock = { at: t, until: policy.lockMinutes === null ? null : t + policy.lockMinutes * 60_000 };
    }
  }
  if (lock !== null && (lock.until === null || now < lock.until)) {
    return { locked: true, lockedAt: lock.at, lockedUntil: lock.until };
  }
  const stillCounting = lock !== null ? 0 : recent.filter((t) => t > now - windowMs).length;
  const attemptsLeft = Math.max(0, policy.maxFailures - stillCounting);
  return {
    locked: false,
    attemptsLeft,
    warn: stillCounting > 0 && attemptsLeft <= policy.warnWhenAttemptsLeft,
  };
}
