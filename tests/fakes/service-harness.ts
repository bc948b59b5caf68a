/**
 * Builds the real services over fakes and a fake portal, so service tests
 * exercise the same wiring `compose()` uses without an Electron or a host.
 */
import type { AuthState, EventChannel, EventChannels } from '../../common/contract';
import { createEventHub } from '../../main/services/core/events';
import type { CatalogueService } from '../../main/services/launcher/catalogue-service';
import type { LauncherService } from '../../main/services/launcher/launcher-service';
import type { SessionService } from '../../main/services/auth/session-service';
import type { SignInFlow } from '../../main/services/auth/sign-in-steps';
import { createSessionServices } from '../../main/services/launcher/session-services';
import { PortalApi } from '../../main/services/portal/client';
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
  hub.onAny((event, payload) => void events.push({ event, payload }));
  const client = new PortalApi({ fetch: ports.fetch, clock: ports.clock, timeoutMs: 10_000 });
  const vault = Vault.open({ cipher: ports.cipher, userData: ports.paths.userData, clock: ports.clock });
  const settings = new SettingsService(ports.settings);
  const signInFlow = options.signInFlow;
  const { session, catalogue, launcher } = createSessionServices({
    ports,
    ...(signInFlow ? { signInFlow: () => signInFlow } : {}),
    portal: client,
    vault,
    settings,
    events: hub,
    defaultPortalUrl: portal.url,
    launchFileCleanupDelayMs: 5000,
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
