/**
 * Builds the real services over fakes and a fake portal, so service tests
 * exercise the same wiring `compose()` uses without an Electron or a host.
 */
import type { AuthState, EventChannel, EventChannels } from '../../preload/contract';
import { CatalogueService } from '../../main/services/launcher/catalogue-service';
import { createEventHub } from '../../main/services/core/events';
import { LauncherService } from '../../main/services/launcher/launcher-service';
import { PortalApi } from '../../main/services/portal/client';
import { SessionService } from '../../main/services/auth/session-service';
import type { SignInFlow } from '../../main/services/auth/sign-in-steps';
import { SettingsService } from '../../main/services/storage/settings-service';
import { Vault } from '../../main/services/storage/vault';
import { createFakePorts, type FakePorts } from './fake-ports';
import { startFakePortal, type FakePortal } from './fake-portal';

export interface Harness {
  ports: FakePorts;
  portal: FakePortal;
  client: PortalApi;
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

/** `signInFlow`: the steps past the password (none by default: every further step asks for a newer Portico). */
export async function startHarness(options: { persist?: boolean; portal?: FakePortal; ports?: FakePorts; signInFlow?: SignInFlow } = {}): Promise<Harness> {
  const portal = options.portal ?? (await startFakePortal());
  const ports = options.ports ?? createFakePorts({ persist: options.persist ?? true });
  const hub = createEventHub();
  const events: Harness['events'] = [];
  hub.on((event, payload) => void events.push({ event, payload }));
  const client = new PortalApi({ fetch: ports.fetch, clock: ports.clock, timeoutMs: 10_000 });
  const vault = Vault.open({ cipher: ports.cipher, userData: ports.paths.userData, clock: ports.clock });
  const settings = new SettingsService(ports.settings);
  const signInFlow = options.signInFlow;
  const session = new SessionService({
    portal: client,
    vault,
    settings,
    events: hub,
    clock: ports.clock,
    defaultPortalUrl: portal.url,
    ...(signInFlow ? { signInFlow: () => signInFlow } : {}),
  });
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
