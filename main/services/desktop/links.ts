/**
 * Acts on `portico://` links (already parsed by `deep-links.ts`). Links only
 * ever go through the router, like the tray: a link can do nothing the window
 * couldn't. An app launch asked for while signed out waits for the next
 * sign-in (for a few minutes at most).
 */
import type { AuthState } from '../../../common/contract';
import type { Clock, EventHub, Router } from '../../ports';
import type { DeepLink } from './deep-links';

/** How long a launch link waits for the user to sign in. */
export const PENDING_LAUNCH_MS = 5 * 60 * 1000;

export interface DeepLinkDeps {
  router: Router;
  events: EventHub;
  clock: Clock;
  authState(): AuthState;
  /** Brings the window to the front. */
  showWindow(): void;
  log?(line: string): void;
}

const SENDER = { trusted: true, description: 'deep-link' } as const;

/** Dispatches links; call `dispose()` on quit. */
export class DeepLinkDispatcher {
  private pending: { appId: string; until: number } | null = null;
  private readonly stop: () => void;

  constructor(private readonly deps: DeepLinkDeps) {
    this.stop = deps.events.on('auth:changed', (state) => {
      if (state.status !== 'signed-in') return;
      const pending = this.pending;
      this.pending = null;
      if (pending && deps.clock.now() <= pending.until) void this.launch(pending.appId);
    });
  }

  /** Handles one link; never throws. */
  async handle(link: DeepLink): Promise<void> {
    const { deps } = this;
    deps.showWindow();
    const state = deps.authState();
    if (link.kind === 'open-portal') {
      // Never switch portals under a signed-in user: they sign out first.
      if (state.status === 'signed-out') deps.events.emit('desktop:open-portal', { portalUrl: link.portalUrl });
      return;
    }
    if (state.status === 'signed-in') {
      await this.launch(link.appId);
    } else {
      this.pending = { appId: link.appId, until: deps.clock.now() + PENDING_LAUNCH_MS };
      deps.log?.('launch link waits for sign-in');
    }
  }

  /** The app a link asked for while signed out, if still waiting (tests, UI). */
  pendingLaunch(): string | null {
    return this.pending && this.deps.clock.now() <= this.pending.until ? this.pending.appId : null;
  }

  dispose(): void {
    this.stop();
    this.pending = null;
  }

  private async launch(appId: string): Promise<void> {
    const result = await this.deps.router.handle('apps:launch', [{ appId, mode: 'native' }], SENDER);
    this.deps.log?.(result.ok ? 'launch link started an app' : `launch link failed (${result.error.code})`);
  }
}
