/** The current session's `{portalUrl, token}`, kept in the vault so a restart can resume it. */
import type { Vault } from '../storage/vault';

/** Vault entry holding `{portalUrl, token}` of the current session. */
const SESSION_SECRET = 'session';

export interface StoredSession {
  portalUrl: string;
  token: string;
}

/** The stored session, or null when there is none or the entry is not one. */
export function readStoredSession(vault: Vault): StoredSession | null {
  const raw = vault.get(SESSION_SECRET);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<StoredSession>;
    return typeof parsed.portalUrl === 'string' && typeof parsed.token === 'string' ? { portalUrl: parsed.portalUrl, token: parsed.token } : null;
  } catch {
    return null;
  }
}

export function keepStoredSession(vault: Vault, session: StoredSession): void {
  vault.set(SESSION_SECRET, JSON.stringify({ portalUrl: session.portalUrl, token: session.token } satisfies StoredSession));
}

export function forgetStoredSession(vault: Vault): void {
  vault.delete(SESSION_SECRET);
}
