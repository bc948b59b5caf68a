/**
 * The composition root both shells share: builds the services from the
 * shell's ports, wires them to the IPC router, and hands back what a shell
 * needs (router, events, tray model, dispose).
 */
import type { AuthState } from '../common/contract';
import type { EventHub, FileDialogs, Ports, Router } from './ports';
import { createHandlers } from './ipc/handlers';
import { createRouter } from './ipc/router';
import { channelSchemas } from './ipc/schemas';
import { DesktopIntegration, type DesktopShellHooks } from './services/desktop/integration';
import { createNoticeRelay, notifyPushStarts, watchNotices } from './services/desktop/notices';
import { DesktopSettingsStore } from './services/desktop/settings';
import { launchEndpoints } from './services/diagnostics/bundle';
import { RingLog } from './services/diagnostics/log';
import { createEventHub } from './services/core/events';
import { createSessionServices } from './services/launcher/session-services';
import { AdminService } from './services/admin/admin-service';
import { MfaService } from './services/auth/mfa/mfa-service';
import { PasswordService } from './services/auth/password-service';
import { PortalApi } from './services/portal/client';
import { portalStartingGate } from './services/portal/starting-gate';
import { ResetService } from './services/auth/reset-service';
import { clientSignInFlow } from './services/core/sign-in-flow';
import { SettingsService } from './services/storage/settings-service';
import { TransfersService } from './services/transfers/service';
import { buildTrayMenu, type TrayMenuModel, type TrayTransferSummary } from './services/desktop/tray-model';
import { Vault, type VaultStatus } from './services/storage/vault';

export type { TrayMenuModel, TrayMenuItem, TrayAction } from './services/desktop/tray-model';
export type { VaultStatus } from './services/storage/vault';

/** Options a shell passes to `compose`. */
export interface ComposeOptions {
  defaultPortalUrl: string;
  /** The `--portal` flag, when given: the sign-in form starts with it rather than the remembered address. */
  portalFlag?: string | undefined;
  shell: 'electron' | 'browser';
  version: string;
  platform: string;
  /** Diagnostics sink (channel names and error codes only, never secrets). */
  log?: (line: string) => void;
  /** Desktop integration: what only the shell can do (save dialog, login item, tray). */
  desktop?: DesktopShellHooks;
  /** OS details for diagnostics (defaults: unknown). */
  os?: { release: string; arch: string };
  /** File transfers: native open-file/choose-folder dialogs (Electron); absent in the browser host. */
  transferDialogs?: FileDialogs;
  /**
   * The local portal started alongside this client (start in parallel):
   * requests to `defaultPortalUrl` wait for it, and the page is told when it is up.
   */
  portalStarting?: Promise<unknown>;
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
  /** Diagnostics and desktop settings (the shells' menus and window use it too). */
  desktop: DesktopIntegration;
  /** Desktop preferences (window state, close to tray). */
  desktopSettings: DesktopSettingsStore;
  /** The current sign-in state (deep links act on it). */
  authState(): AuthState;
  /** The client's recent log (in memory, redacted). */
  logBuffer: RingLog;
  dispose(): Promise<void>;
}

/** Builds the app core from a shell's ports. */
export async function compose(ports: Ports, options: ComposeOptions): Promise<AppCore> {
  // Every log line is also kept (redacted) in memory for *Save diagnostics…*.
  const logBuffer = new RingLog(500, () => ports.clock.now());
  const log = logBuffer.tee(options.log);
  const events = createEventHub(() => log('an event listener failed'));
  // Start in parallel: requests to a local portal still starting wait for it; the page hears when it is up.
  const gate = options.portalStarting
    ? portalStartingGate(options.defaultPortalUrl, options.portalStarting, () => events.emit('portal:started', {}))
    : null;
  const settings = new SettingsService(ports.settings, options.portalFlag);
  const vault = Vault.open({ cipher: ports.cipher, userData: ports.paths.userData, clock: ports.clock });
  const vaultProblem = vault.status().problem;
  if (vaultProblem) ports.notifier.notify('Portico', vaultProblem);
  // Every service notice honours "Show notifications" and, in the browser host, reaches the page.
  const desktopSettings = new DesktopSettingsStore(ports.settings);
  const notifier = createNoticeRelay({
    base: ports.notifier,
    settings: desktopSettings,
    ...(options.shell === 'browser' ? { page: events } : {}),
  });

  const portal = new PortalApi({ fetch: ports.fetch, clock: ports.clock, ...(gate ? { beforeRequest: gate.wait } : {}) });
  // The sign-in flow's handlers belong to services built below; the session reads the flow when a sign-in needs it.
  const { session, catalogue, launcher, identity } = createSessionServices({
    ports,
    portal,
    vault,
    settings,
    events,
    defaultPortalUrl: options.defaultPortalUrl,
    signInFlow: () => signInFlow,
  });
  const desktop = new DesktopIntegration({
    portal,
    settings: desktopSettings,
    log: logBuffer,
    clock: ports.clock,
    hooks: options.desktop ?? {},
    onSettingsChanged: (changed) => events.emit('desktop:settings-changed', changed),
    facts: () => ({
      appVersion: options.version,
      shell: options.shell,
      platform: options.platform,
      osRelease: options.os?.release ?? 'unknown',
      arch: options.os?.arch ?? 'unknown',
      runtimes: { node: process.versions.node },
      portalUrl: session.state().portalUrl,
      signedIn: session.state().status === 'signed-in',
      vault: vault.status(),
    }),
    launchEndpoints: async () => {
      if (session.state().status !== 'signed-in') return [];
      const [apps, policy] = await Promise.all([
        catalogue.current().length > 0 ? catalogue.current() : catalogue.list(),
        session.authorized((target) => portal.getLaunchPolicy(target)),
      ]);
      return launchEndpoints(apps, policy);
    },
    // Called only when the user saves diagnostics, long after `transfers` below exists.
    ftpsEndpoint: () => transfers.endpoint(),
  });
  const stopNotices = watchNotices(events, notifier);
  // File transfers: one transfer engine per signed-in user, in <userData>/transfers.
  const transfers = new TransfersService({
    session,
    events,
    notifier,
    userData: ports.paths.userData,
    portal,
    portalKey: (portalUrl) => identity.keyFor(portalUrl),
    nativeFiles: options.shell === 'electron',
    ...(options.transferDialogs ? { dialogs: options.transferDialogs } : {}),
  });
  // Passwords, security questions, reset.
  const passwords = new PasswordService({ portal, session, events, notifier, settings: ports.settings, clock: ports.clock });
  const reset = new ResetService({ portal, session });
  // Second factor and activation.
  const mfa = new MfaService({ portal, session, vault, settings: ports.settings, clock: ports.clock });
  // Every step the portal can answer a password with, and the service handling it.
  const signInFlow = clientSignInFlow({ mfa });
  // New-user requests and administration (the portal checks the manager role).
  const admin = new AdminService({ portal, session });
  // Notifications: a push that goes out while the user is in another app says so.
  const handlers = notifyPushStarts(createHandlers({
    admin,
    passwords,
    reset,
    mfa,
    appInfo: {
      version: options.version,
      shell: options.shell,
      platform: options.platform,
      defaultPortalUrl: options.defaultPortalUrl,
      vault: vault.status(),
      get portalStarting() {
        return gate?.starting() ?? false;
      },
    },
    desktop,
    transfers,
    portal,
    session,
    catalogue,
    launcher,
  }), notifier);
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
    trayMenu: (summary) => {
      // The tray's status line shows running and failed items (with *Retry failed*).
      const totals = summary ? null : transfers.snapshot().totals;
      return buildTrayMenu({
        auth: session.state(),
        apps: catalogue.current(),
        transfers: summary ?? { active: totals?.running ?? 0, failed: totals?.failed ?? 0 },
      });
    },
    vaultStatus: () => vault.status(),
    desktop,
    desktopSettings,
    logBuffer,
    authState: () => session.state(),
    dispose: () => {
      disposing ??= (async () => {
        stopNotices();
        await transfers.dispose();
        passwords.dispose();
        session.dispose();
        catalogue.dispose();
        await ready;
        await launcher.dispose();
      })();
      return disposing;
    },
  };
}
