/**
 * Password history (server side): "not one of the last N passwords" and "the
 * temporary password can never become the new one". The hash verifier is
 * injected (Argon2id in the server), so this stays free of storage and of any
 * particular hashing library.
 */
import type { PasswordPolicy } from './password-policy';

/** Checks a plain password against one stored hash. */
export type HashVerifier = (storedHash: string, password: string) => Promise<boolean>;

/**
 * True when `password` matches one of the newest `policy.historyCount` hashes
 * (history is ordered newest first, and includes the current password) or any
 * of `alwaysForbidden` (e.g. the account's temporary password hash). All
 * candidates are checked, so the time taken does not reveal which one matched.
 */
export async function isRecentPassword(
  password: string,
  history: readonly string[],
  policy: Pick<PasswordPolicy, 'historyCount'>,
  verify: HashVerifier,
  alwaysForbidden: readonly string[] = [],
): Promise<boolean> {
  const candidates = [...history.slice(0, Math.max(0, policy.historyCount)), ...alwaysForbidden];
  const results = await Promise.all(candidates.map((h) => verify(h, password).catch(() => false)));
  return results.some(Boolean);
}

/** The history to store after a change: the new hash first, trimmed to `historyCount` entries. */
export function nextPasswordHistory(
  history: readonly string[],
  newHash: string,
  policy: Pick<PasswordPolicy, 'historyCount'>,
): string[] {
  return [newHash, ...history].slice(0, Math.max(1, policy.historyCount));
}
