/**
 * *Remember me for 8 hours*: the portal's remember-me token for this install,
 * one per portal + user, sealed in the vault. It is sent with the password so
 * the portal may skip the second factor; past its deadline it is forgotten
 * rather than sent.
 */
import type { Clock } from '../../../ports';
import type { PortalApi } from '../../portal/client';
import type { Vault } from '../../storage/vault';
import * as schemas from './mfa-schemas';

export interface Remembered {
  token: string;
  expiresAt: string;
}

/** The remember-me tokens of this install. */
export class RememberedDevices {
  constructor(private readonly deps: { vault: Vault; clock: Clock; portal: Pick<PortalApi, 'clockOffsetMs'> }) {}

  /** The live token of `username` on `portalUrl`, if any. */
  read(portalUrl: string, username: string): Remembered | null {
    return this.readKey(rememberKey(portalUrl, username));
  }

  /** Keeps the token a completed sign-in handed out (`rememberDevice`), if it did. */
  keep(portalUrl: string, username: string, body: Record<string, unknown>): void {
    const parsed = schemas.rememberSchema.safeParse(body.rememberDevice);
    if (parsed.success) this.deps.vault.set(rememberKey(portalUrl, username), JSON.stringify({ token: parsed.data.token, expiresAt: parsed.data.expiresAt }));
  }

  /** Forgets the token here; returns it (if it was still live) so the portal can be told. */
  forget(portalUrl: string, username: string): Remembered | null {
    const key = rememberKey(portalUrl, username);
    const stored = this.readKey(key);
    this.deps.vault.delete(key);
    return stored;
  }

  private readKey(key: string): Remembered | null {
    const raw = this.deps.vault.get(key);
    if (!raw) return null;
    try {
      const parsed = JSON.parse(raw) as Partial<Remembered>;
      if (typeof parsed.token !== 'string' || typeof parsed.expiresAt !== 'string') return null;
      // Past its deadline it is useless: forget it rather than send it.
      if (Date.parse(parsed.expiresAt) <= this.portalNow()) {
        this.deps.vault.delete(key);
        return null;
      }
      return { token: parsed.token, expiresAt: parsed.expiresAt };
    } catch {
      return null;
    }
  }

  /** The portal's time as this computer estimates it (its clock + the `Date` header offset). */
  private portalNow(): number {
    return this.deps.clock.now() + (this.deps.portal.clockOffsetMs() ?? 0);
  }
}

function rememberKey(portalUrl: string, username: string): string {
  return `remember:${portalUrl}|${username.toLowerCase()}`;
}
