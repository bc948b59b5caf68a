/**
 * The composition root both shells share: builds the services from the
 * shell's ports, wires them to the IPC router, and hands back what a shell
 * needs (router, events, tray model, dispose).
 */
import type { Ports, Router, EventHub } from './ports';
import { createHandlers } from './ipc/handlers';
import { createRouter } from './ipc/router';
import { channelSchemas } from './ipc/schemas';
import { CatalogueService } from './services/catalogue-service';
import { createEventHub } from './services/events';
import { LauncherService } from './services/launcher/launcher-service';
import { PortalClient } from './services/portal-client';
import { SessionService } from './services/session-service';
import { SettingsService } from './services/settings-service';
import { buildTrayMenu, type TrayMenuModel, type TrayTransferSummary } from './services/tray-model';
import { Vault, type VaultStatus } from './services/vault';

export type { TrayMenuModel, TrayMenuItem, TrayAction } from './services/tray-model';
export type { VaultStatus } from './services/vault';

/** Options a shell passes to `compose`. */
export interface ComposeOptions {
  defaultPortalUrl: string;
  shell: 'electron' | 'browser';
  version: string;
  platform: string;
  /** Diagnostics sink (channel names and error codes only, never secrets). */
  log?: (line: string) => void;
}

/** What the shells get back. */
export interface AppCore {
  router: Router;
  events: EventHub;
  /** The tray menu for the current state; rebuild it on every event. */
  trayMenu(transfers?: TrayTransferSummary): TrayMenuModel;
  /** Where secrets are kept (and any vault problem), to tell the user. */
  vaultStatus(): VaultStatus;
  /** Resolves once the start-up session restore has finished (tests and shells may await it). */
  ready: Promise<void>;
  dispose(): Promise<void>;
}

/** Builds the app core from a shell's ports. */
export async function compose(ports: Ports, options: ComposeOptions): Promise<AppCore> {
  const log = options.log ?? (() => {});
  const events = createEventHub(() => log('an event listener failed'));
  const settings = new SettingsService(ports.settings);
  const vault = Vault.open({ cipher: ports.cipher, userData: ports.paths.userData, clock: ports.clock });
  const vaultProblem = vault.status().problem;
  if (vaultProblem) ports.notifier.notify('Portico', vaultProblem);

  const portal = new PortalClient({ fetch: ports.fetch, clock: ports.clock });
  const session = new SessionService({ portal, vault, settings, events, clock: ports.clock, defaultPortalUrl: options.defaultPortalUrl });
  const catalogue = new CatalogueService({ portal, session, settings, events, clock: ports.clock });
  const launcher = new LauncherService({
    portal,
    session,
    catalogue,
    osLauncher: ports.osLauncher,
    webSessions: ports.webSessions,
    clock: ports.clock,
    tempDir: ports.paths.temp,
  });
  const handlers = createHandlers({
    appInfo: { version: options.version, shell: options.shell, platform: options.platform, defaultPortalUrl: options.defaultPortalUrl },
    portal,
    session,
    catalogue,
    launcher,
  });
  const router = createRouter(handlers, channelSchemas, { log });

  // Restoring a saved session talks to the portal; do not hold up the window for it.
  const ready = session.restore().then(
    () => undefined,
    () => undefined,
  );
  let disposing: Promise<void> | null = null;
  return {
    router,
    events,
    ready,
    trayMenu: (transfers) => buildTrayMenu({ auth: session.state(), apps: catalogue.current(), ...(transfers ? { transfers } : {}) }),
    vaultStatus: () => vault.status(),
    dispose: () => {
      disposing ??= (async () => {
        session.dispose();
        catalogue.dispose();
        await ready;
        await launcher.dispose();
      })();
      return disposing;
    },
  };
}
