/**
 * Builds the real services over fakes and a fake portal, so service tests
 * exercise the same wiring `compose()` uses without an Electron or a host.
 */
import type { AuthState, EventChannel, EventChannels } from '../../preload/contract';
import { CatalogueService } from '../../main/services/launcher/catalogue-service';
import { createEventHub } from '../../main/services/core/events';
import { LauncherService } from '../../main/services/launcher/launcher-service';
import { PortalClient } from '../../main/services/portal/client';
import { SessionService } from '../../main/services/auth/session-service';
import { SettingsService } from '../../main/services/storage/settings-service';
import { Vault } from '../../main/services/storage/vault';
import { createFakePorts, type FakePorts } from './fake-ports';
import { startFakePortal, type FakePortal } from './fake-portal';

export interface Harness {
  ports: FakePorts;
  portal: FakePortal;
  client: PortalClient;
  vault: Vault;
  settings: SettingsService;
  session: SessionService;
  catalogue: CatalogueService;
  launcher: LauncherService;
  events: { event: EventChannel; payload: EventChannels[EventChannel] }[];
  authEvents(): AuthState[];
  signIn(username?: string, password?: string): Promise<AuthState>;
  close(): Promise<void>;
}

export async function startHarness(options: { persist?: boolean; portal?: FakePortal; ports?: FakePorts } = {}): Promise<Harness> {
  const portal = options.portal ?? (await startFakePortal());
  const ports = options.ports ?? createFakePorts({ persist: options.persist ?? true });
  const hub = createEventHub();
  const events: Harness['events'] = [];
  hub.onAny((event, payload) => void events.push({ event, payload }));
  const client = new PortalClient({ fetch: ports.fetch, clock: ports.clock, timeoutMs: 10_000 });
  const vault = Vault.open({ cipher: ports.cipher, userData: ports.paths.userData, clock: ports.clock });
  const settings = new SettingsService(ports.settings);
  const session = new SessionService({ portal: client, vault, settings, events: hub, clock: ports.clock, defaultPortalUrl: portal.url });
  const catalogue = new CatalogueService({ portal: client, session, settings, events: hub, clock: ports.clock });
  const launcher = new LauncherService({
    portal: client,
    session,
    catalogue,
    osLauncher: ports.osLauncher,
    webSessions: ports.webSessions,
    clock: ports.clock,
    tempDir: ports.paths.temp,
    cleanupDelayMs: 5000,
  });
  return {
    ports,
    portal,
    client,
    vault,
    settings,
    session,
    catalogue,
    launcher,
    events,
    authEvents: () => events.filter((e) => e.event === 'auth:changed').map((e) => e.payload as AuthState),
    signIn: (username = 'demo', password = 'correct horse') => session.signIn({ portalUrl: portal.url, username, password }),
    close: async () => {
      session.dispose();
      catalogue.dispose();
      await launcher.dispose();
      if (!options.portal) await portal.close();
      if (!options.ports) ports.cleanup();
    },
  };
}

/**
 * "The next app start": a second harness on the same portal and ports (the
 * same settings and vault on disk), handed to `run` and disposed after it;
 * the portal stays up for the first harness.
 */
export async function withNextStart<T>(h: Harness, run: (next: Harness) => Promise<T>): Promise<T> {
  const next = await startHarness({ portal: h.portal, ports: h.ports });
  try {
    return await run(next);
  } finally {
    next.session.dispose();
    next.catalogue.dispose();
  }
}
