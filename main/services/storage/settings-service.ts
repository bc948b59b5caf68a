/**
 * Typed, validated access to the client's non-secret settings. Whatever is
 * on disk may have been edited or corrupted, so every read is checked and a
 * bad value falls back to the default instead of crashing a service.
 */
import { z } from 'zod';
import { portalIdSchema } from '../../../common/api/core';
import type { SettingsStore } from '../../ports';

/** Per-user (portal + username) preferences for the launcher. */
export interface UserPrefs {
  favorites: string[];
  /** appId → ISO time of the last launch from this install. */
  lastLaunched: Record<string, string>;
  /** *Change Citrix Receiver*: the installed client (absent: never chosen, the installed client) or the light version. */
  launchPreference?: 'native' | 'light';
}

const appId = z.string().regex(/^[a-z0-9-]{1,64}$/);
const userPrefsSchema = z.object({
  favorites: z.array(appId).max(1000).default([]),
  lastLaunched: z.record(appId, z.iso.datetime()).default({}),
  // A value this version does not know reads as never chosen, not as a broken profile.
  launchPreference: z.enum(['native', 'light']).optional().catch(undefined),
});
const userPrefsMapSchema = z.record(z.string().max(4096), z.unknown());

const portalIdsSchema = z.record(z.string().max(2048), portalIdSchema);

const KEYS = { portalUrl: 'portalUrl', lastUsername: 'lastUsername', userPrefs: 'userPrefs', portalIds: 'portalIds' } as const;

/** Settings used by the services. */
export class SettingsService {
  /**
   * @param startPortalUrl the `--portal` flag, if given: it wins over the
   *   remembered address until the user signs in somewhere in this run.
   */
  constructor(
    private readonly store: SettingsStore,
    private startPortalUrl?: string,
  ) {}

  /** The portal the sign-in form starts with: `--portal`, else the last one signed in to, if any. */
  portalUrl(): string | undefined {
    if (this.startPortalUrl !== undefined) return this.startPortalUrl;
    const value = this.store.get<unknown>(KEYS.portalUrl);
    return typeof value === 'string' && value.length <= 2048 ? value : undefined;
  }

  /** Remembers the address a sign-in just worked at. */
  setPortalUrl(url: string): void {
    this.startPortalUrl = undefined;
    this.store.set(KEYS.portalUrl, url);
  }

  /**
   * What one portal's data (preferences, transfer queue) is filed under:
   * its announced identity once known, so a new address (another port) of
   * the same portal finds them; its (normalised) address for a portal that
   * announces none. The identity counts on the same host only: it is public,
   * so a hostile portal elsewhere could announce another's id and would
   * otherwise be handed that portal's queue (and the local files it uploads).
   */
  portalKey(portalUrl: string): string {
    const ids = this.portalIds();
    const id = Object.hasOwn(ids, portalUrl) ? ids[portalUrl] : undefined;
    return id === undefined ? portalUrl : identityKey(portalUrl, id);
  }

  /**
   * Records the identity a portal announced at `portalUrl` (undefined: it
   * announces none). On the first sight of an id at an address, the
   * preferences filed under that address move to the id (kept where the id
   * already has some), so data from before identities carries over.
   */
  rememberPortalId(portalUrl: string, id: string | undefined): void {
    const ids = this.portalIds();
    if ((Object.hasOwn(ids, portalUrl) ? ids[portalUrl] : undefined) === id) return;
    if (id === undefined) delete ids[portalUrl];
    else ids[portalUrl] = id;
    this.store.set(KEYS.portalIds, ids);
    if (id === undefined) return;
    const all = this.allPrefs();
    const prefix = `${portalUrl}|`;
    let moved = false;
    for (const key of Object.keys(all)) {
      if (!key.startsWith(prefix)) continue;
      const target = `${identityKey(portalUrl, id)}|${key.slice(prefix.length)}`;
      if (!Object.hasOwn(all, target)) all[target] = all[key];
      delete all[key];
      moved = true;
    }
    if (moved) this.store.set(KEYS.userPrefs, all);
  }

  /** The username that pre-fills the sign-in form. */
  lastUsername(): string {
    const value = this.store.get<unknown>(KEYS.lastUsername);
    return typeof value === 'string' && value.length <= 128 ? value : '';
  }

  setLastUsername(username: string): void {
    this.store.set(KEYS.lastUsername, username);
  }

  /** Preferences of one user on one portal (empty when none or unreadable); filed under {@link portalKey}. */
  userPrefs(portalUrl: string, username: string): UserPrefs {
    const all = this.allPrefs();
    const key = userKey(this.portalKey(portalUrl), username);
    const raw = Object.hasOwn(all, key) ? all[key] : undefined;
    const parsed = userPrefsSchema.safeParse(raw ?? {});
    return parsed.success ? parsed.data : { favorites: [], lastLaunched: {} };
  }

  setUserPrefs(portalUrl: string, username: string, prefs: UserPrefs): void {
    const all = this.allPrefs();
    all[userKey(this.portalKey(portalUrl), username)] = prefs;
    this.store.set(KEYS.userPrefs, all);
  }

  private portalIds(): Record<string, string> {
    const parsed = portalIdsSchema.safeParse(this.store.get<unknown>(KEYS.portalIds));
    const out = Object.create(null) as Record<string, string>;
    if (parsed.success) for (const [k, v] of Object.entries(parsed.data)) out[k] = v;
    return out;
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
 * portal key is its identity or its already normalised URL.
 */
function userKey(portalKey: string, username: string): string {
  return `${portalKey}|${username.toLowerCase()}`;
}

/** Key of a portal by its announced identity, scoped to the host it was seen on. */
function identityKey(portalUrl: string, id: string): string {
  let host = portalUrl;
  try {
    host = new URL(portalUrl).hostname;
  } catch {
    // Keys are made from normalised URLs; a bad one stays its own key.
  }
  return `portal:${id}@${host}`;
}
