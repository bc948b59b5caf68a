/**
 * Learns the stable identity a portal announces in `/branding`, so the
 * client files each portal's queue, favorites and preferences under it
 * (`SettingsService.portalKey`): the reference portal picks another port
 * when its usual one is taken, and the same portal on a new address must
 * keep its queue.
 */
import type { SettingsService } from '../storage/settings-service';
import type { PortalApi } from './client';
import { normalisePortalUrl } from './url';

export interface PortalIdentityDeps {
  portal: Pick<PortalApi, 'getBranding'>;
  settings: SettingsService;
}

/** Asks each portal address once per run which portal answers there. */
export class PortalIdentity {
  private readonly asked = new Map<string, Promise<void>>();

  constructor(private readonly deps: PortalIdentityDeps) {}

  /**
   * Finds out (once per address and run) which portal answers at
   * `portalUrl` and records it. Never throws: an unreachable portal keeps
   * whatever was learned before, and is asked again next time.
   */
  learn(portalUrl: string): Promise<void> {
    let url: string;
    try {
      url = normalisePortalUrl(portalUrl);
    } catch {
      return Promise.resolve();
    }
    const known = this.asked.get(url);
    if (known) return known;
    const asking = this.deps.portal.getBranding({ portalUrl: url }).then(
      (branding) => this.deps.settings.rememberPortalId(url, branding.portalId),
      () => void this.asked.delete(url),
    );
    this.asked.set(url, asking);
    return asking;
  }

  /** The key the portal at `portalUrl` files its data under, after learning who answers there. */
  async keyFor(portalUrl: string): Promise<string> {
    await this.learn(portalUrl);
    try {
      return this.deps.settings.portalKey(normalisePortalUrl(portalUrl));
    } catch {
      return portalUrl;
    }
  }
}
