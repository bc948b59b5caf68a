/**
 * The launcher's app list: the portal's catalogue merged with this user's
 * favorites and last-launched times (kept per portal + username in
 * settings). Favorites come first, then the portal's own order.
 */
import type { AppTile, FavoriteRequest, LaunchPreference } from '../../../common/contract';
import type { Clock, EventHub } from '../../ports';
import { PortalError } from '../core/errors';
import type { PortalApi } from '../portal/client';
import { portalAppOf, type PortalApp } from '../../../common/api';
import type { SessionService } from '../auth/session-service';
import type { SettingsService, UserPrefs } from '../storage/settings-service';

export interface CatalogueServiceDeps {
  portal: PortalApi;
  session: SessionService;
  settings: SettingsService;
  events: EventHub;
  clock: Clock;
}

/** Lists apps and keeps per-user favorites. */
export class CatalogueService {
  /** The portal's last answer for the signed-in user (null when not loaded). */
  private apps: PortalApp[] | null = null;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: CatalogueServiceDeps) {
    // Forget the list on sign-out so the next user never sees the last one's apps.
    this.unsubscribe = deps.events.on('auth:changed', (auth) => {
      if (auth.status === 'signed-out' && this.apps !== null) {
        this.apps = null;
        deps.events.emit('apps:changed', []);
      }
    });
  }

  /** Fetches the catalogue from the portal and returns the merged tiles. */
  async list(): Promise<AppTile[]> {
    const who = this.deps.session.identity();
    const apps = await this.deps.session.authorized((target) => this.deps.portal.listApps(target));
    // A sign-out (or another user's sign-in) while the list was loading: drop the stale answer.
    const now = this.deps.session.identity();
    if (!who || !now || now.portalUrl !== who.portalUrl || now.username !== who.username) {
      throw new PortalError('not_signed_in', 'Please sign in first.');
    }
    this.apps = apps;
    return this.publish();
  }

  /** The tiles as last loaded (empty when signed out or not loaded yet). */
  current(): AppTile[] {
    return this.apps === null ? [] : this.tiles(this.apps);
  }

  /** The portal's entry for one app, loading the catalogue if needed. */
  async find(appId: string): Promise<PortalApp> {
    if (this.apps === null) await this.list();
    const app = this.apps?.find((a) => a.id === appId);
    if (!app) throw new PortalError('not_found', 'This application is not available to you.');
    return app;
  }

  /** Marks or unmarks a favorite for the signed-in user. */
  async setFavorite(request: FavoriteRequest): Promise<AppTile[]> {
    await this.find(request.appId);
    this.updatePrefs((prefs) => {
      const favorites = prefs.favorites.filter((id) => id !== request.appId);
      if (request.favorite) favorites.push(request.appId);
      return { ...prefs, favorites };
    });
    return this.publish();
  }

  /** The signed-in user's launch preference here (`native` when signed out or never chosen). */
  launchPreference(): LaunchPreference {
    const who = this.deps.session.identity();
    return (who && this.deps.settings.userPrefs(who.portalUrl, who.username).launchPreference) || 'native';
  }

  /** *Change Citrix Receiver*: keeps the choice for this user on this portal. */
  setLaunchPreference(preference: LaunchPreference): LaunchPreference {
    this.updatePrefs((prefs) => ({ ...prefs, launchPreference: preference }));
    return this.launchPreference();
  }

  /** Records that the user launched `appId` now. */
  recordLaunch(appId: string): void {
    const at = new Date(this.deps.clock.now()).toISOString();
    this.updatePrefs((prefs) => ({ ...prefs, lastLaunched: { ...prefs.lastLaunched, [appId]: at } }));
    this.publish();
  }

  dispose(): void {
    this.unsubscribe();
  }

  private updatePrefs(change: (prefs: UserPrefs) => UserPrefs): void {
    const who = this.deps.session.identity();
    if (!who) throw new PortalError('not_signed_in', 'Please sign in first.');
    const prefs = this.deps.settings.userPrefs(who.portalUrl, who.username);
    this.deps.settings.setUserPrefs(who.portalUrl, who.username, change(prefs));
  }

  private publish(): AppTile[] {
    const tiles = this.current();
    this.deps.events.emit('apps:changed', tiles);
    return tiles;
  }

  private tiles(apps: PortalApp[]): AppTile[] {
    const who = this.deps.session.identity();
    const prefs = who ? this.deps.settings.userPrefs(who.portalUrl, who.username) : { favorites: [], lastLaunched: {} };
    const favorites = new Set(prefs.favorites);
    const tiles = apps.map(
      (app): AppTile => ({
        ...portalAppOf(app),
        favorite: favorites.has(app.id),
        lastLaunchedAt: Object.hasOwn(prefs.lastLaunched, app.id) ? (prefs.lastLaunched[app.id] ?? null) : null,
      }),
    );
    // Array.prototype.sort is stable, so the portal's order holds within each group.
    return tiles.sort((a, b) => Number(b.favorite) - Number(a.favorite));
  }
}
