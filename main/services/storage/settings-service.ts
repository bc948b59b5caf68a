/**
 * Typed, validated access to the client's non-secret settings. Whatever is
 * on disk may have been edited or corrupted, so every read is checked and a
 * bad value falls back to the default instead of crashing a service.
 */
import { z } from 'zod';
import type { SettingsStore } from '../../ports';

/** Per-user (portal + username) preferences for the launcher. */
export interface UserPrefs {
  favorites: string[];
  /** appId → ISO time of the last launch from this install. */
  lastLaunched: Record<string, string>;
}

const appId = z.string().regex(/^[a-z0-9-]{1,64}$/);
const userPrefsSchema = z.object({
  favorites: z.array(appId).max(1000).default([]),
  lastLaunched: z.record(appId, z.iso.datetime()).default({}),
});
const userPrefsMapSchema = z.record(z.string().max(4096), z.unknown());

const KEYS = { portalUrl: 'portalUrl', lastUsername: 'lastUsername', userPrefs: 'userPrefs' } as const;

/** Settings used by the services. */
export class SettingsService {
  constructor(private readonly store: SettingsStore) {}

  /** The portal the user last signed in to, if any. */
  portalUrl(): string | undefined {
    const value = this.store.get<unknown>(KEYS.portalUrl);
    return typeof value === 'string' && value.length <= 2048 ? value : undefined;
  }

  setPortalUrl(url: string): void {
    this.store.set(KEYS.portalUrl, url);
  }

  /** The username that pre-fills the sign-in form. */
  lastUsername(): string {
    const value = this.store.get<unknown>(KEYS.lastUsername);
    return typeof value === 'string' && value.length <= 128 ? value : '';
  }

  setLastUsername(username: string): void {
    this.store.set(KEYS.lastUsername, username);
  }

  /** Preferences of one user on one portal (empty when none or unreadable). */
  userPrefs(portalUrl: string, username: string): UserPrefs {
    const all = this.allPrefs();
    const raw = Object.hasOwn(all, userKey(portalUrl, username)) ? all[userKey(portalUrl, username)] : undefined;
    const parsed = userPrefsSchema.safeParse(raw ?? {});
    return parsed.success ? parsed.data : { favorites: [], lastLaunched: {} };
  }

  setUserPrefs(portalUrl: string, username: string, prefs: UserPrefs): void {
    const all = this.allPrefs();
    all[userKey(portalUrl, username)] = prefs;
    this.store.set(KEYS.userPrefs, all);
  }

  private allPrefs(): Record<string, unknown> {
    const parsed = userPrefsMapSchema.safeParse(this.store.get<unknown>(KEYS.userPrefs));
    // A null-prototype copy: a username such as "__proto__" stays plain data.
    const out = Object.create(null) as Record<string, unknown>;
    if (parsed.success) for (const [k, v] of Object.entries(parsed.data)) out[k] = v;
    return out;
  }
}

/**
 * Key of one user's preferences. Callers pass the username the portal
 * returned; it is lower-cased so "Demo" and "demo" share favorites. The
 * portal URL is already normalised.
 */
function userKey(portalUrl: string, username: string): string {
  return `${portalUrl}|${username.toLowerCase()}`;
}
