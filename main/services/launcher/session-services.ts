/**
 * The session, catalogue and launcher services wired together: the app core
 * (`compose`) and the service tests build them the same way from one place.
 */
import type { EventHub, Ports } from '../../ports';
import { SessionService } from '../auth/session-service';
import type { SignInFlow } from '../auth/sign-in-steps';
import type { PortalApi } from '../portal/client';
import { PortalIdentity } from '../portal/identity';
import type { SettingsService } from '../storage/settings-service';
import type { Vault } from '../storage/vault';
import { CatalogueService } from './catalogue-service';
import { LauncherService } from './launcher-service';

/** What {@link createSessionServices} needs. */
export interface SessionServicesDeps {
  ports: Pick<Ports, 'clock' | 'osLauncher' | 'webSessions' | 'nativeClients' | 'paths'>;
  portal: PortalApi;
  vault: Vault;
  settings: SettingsService;
  events: EventHub;
  defaultPortalUrl: string;
  /** The sign-in flow's handler table; read when a sign-in needs it (its handlers belong to services built later). */
  signInFlow?: () => SignInFlow;
  /** How long launch files stay (the launcher's default when absent). */
  launchFileCleanupDelayMs?: number;
}

/** The services of a signed-in user's session. */
export interface SessionServices {
  session: SessionService;
  catalogue: CatalogueService;
  launcher: LauncherService;
  /** Which portal answers at an address (its data is keyed by that identity). */
  identity: PortalIdentity;
}

/** Creates the session, catalogue and launcher services over one portal client. */
export function createSessionServices(deps: SessionServicesDeps): SessionServices {
  const { ports, portal, vault, settings, events } = deps;
  const identity = new PortalIdentity({ portal, settings });
  const session = new SessionService({
    identity,
    portal,
    vault,
    settings,
    events,
    clock: ports.clock,
    defaultPortalUrl: deps.defaultPortalUrl,
    ...(deps.signInFlow ? { signInFlow: deps.signInFlow } : {}),
  });
  const catalogue = new CatalogueService({ portal, session, settings, events, clock: ports.clock });
  const launcher = new LauncherService({
    portal,
    session,
    catalogue,
    osLauncher: ports.osLauncher,
    webSessions: ports.webSessions,
    nativeClients: ports.nativeClients,
    clock: ports.clock,
    tempDir: ports.paths.temp,
    // *Change Citrix Receiver* → *Use light version*: tiles start the light version.
    launchPreference: () => catalogue.launchPreference(),
    ...(deps.launchFileCleanupDelayMs === undefined ? {} : { cleanupDelayMs: deps.launchFileCleanupDelayMs }),
  });
  return { session, catalogue, launcher, identity };
}
