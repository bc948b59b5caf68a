/**
 * The desktop side of the app core: diagnostics bundle and desktop
 * preferences behind the `diagnostics:save` and `desktop:*` channels. The
 * shell plugs in what only it can do (native save dialog, login items, tray).
 */
import type { PortalApi } from '../portal/client';
import type { DesktopSettings, DesktopSettingsPatch, DiagnosticsSaveResult } from '../../../common/contract';
import type { Clock } from '../../ports';
import type { DiagnosticsFacts, LaunchEndpoint } from '../diagnostics/bundle';
import { buildDiagnosticsText, checkConnectivity, connectivityTargets, diagnosticsFileName, tcpConnect, type DiagnosticsPorts } from '../diagnostics/bundle';
import type { RingLog } from '../diagnostics/log';
import { PortalError } from '../core/errors';
import type { DesktopSettingsStore } from './settings';

/** What a shell can add; everything is optional (the browser host adds nothing). */
export interface DesktopShellHooks {
  /** Shows a native save dialog and writes `text`; `null` when the user cancelled. */
  saveTextFile?(suggestedName: string, text: string): Promise<{ fileName: string } | null>;
  /** The OS login item (Electron `app.setLoginItemSettings`). */
  loginItem?: { set(enabled: boolean): void };
  /** True when the shell has a tray to close into. */
  hasTray?: boolean;
  /** Extra runtime versions for the bundle (electron, chrome…). */
  runtimes?: Record<string, string>;
}

/** What the integration needs from the rest of the core. */
export interface DesktopIntegrationDeps {
  settings: DesktopSettingsStore;
  log: RingLog;
  clock: Clock;
  hooks: DesktopShellHooks;
  /** Facts that change over time (portal, sign-in, vault). */
  facts(): Omit<DiagnosticsFacts, 'runtimes'> & { runtimes?: Record<string, string> };
  /** The ICA/RDP gateways the catalogue uses (empty when signed out or unreachable). */
  launchEndpoints(): Promise<LaunchEndpoint[]>;
  /** The portal's FTPS endpoint, from its transfer credentials (null when signed out: then it is not checked). */
  ftpsEndpoint?(): Promise<{ host: string; port: number } | null>;
  /** The portal client: the portal check goes through its injected `fetch`. */
  portal: Pick<PortalApi, 'probe'>;
  /** Overridable network probes (tests). */
  probes?: Partial<Pick<DiagnosticsPorts, 'fetch' | 'tcpConnect'>>;
  /** Told after every change, wherever it came from (page, native menu), so every view stays in step. */
  onSettingsChanged?(settings: DesktopSettings): void;
}

/** Longest the launch-policy and FTPS endpoint lookups may hold up a diagnostics save. */
const LOOKUP_TIMEOUT_MS = 5000;

/** Diagnostics and desktop preferences. */
export class DesktopIntegration {
  constructor(private readonly deps: DesktopIntegrationDeps) {}

  /** The current desktop settings and what this shell supports. */
  settings(): DesktopSettings {
    const { hooks, settings } = this.deps;
    return {
      closeToTray: settings.closeToTray(),
      startAtLogin: settings.startAtLogin(),
      notifications: settings.notifications(),
      supported: { closeToTray: hooks.hasTray === true, startAtLogin: hooks.loginItem !== undefined },
    };
  }

  /** Applies a patch; unsupported settings are refused rather than silently stored. */
  updateSettings(patch: DesktopSettingsPatch): DesktopSettings {
    const { hooks, settings } = this.deps;
    if (patch.startAtLogin !== undefined) {
      if (!hooks.loginItem) throw new PortalError('invalid_request', 'Starting at login is only available in the desktop app.');
      hooks.loginItem.set(patch.startAtLogin);
      settings.setStartAtLogin(patch.startAtLogin);
    }
    if (patch.closeToTray !== undefined) {
      if (hooks.hasTray !== true) throw new PortalError('invalid_request', 'The tray is only available in the desktop app.');
      settings.setCloseToTray(patch.closeToTray);
    }
    // Every shell can show notifications (the browser host through the page).
    if (patch.notifications !== undefined) settings.setNotifications(patch.notifications);
    const updated = this.settings();
    this.deps.onSettingsChanged?.(updated);
    return updated;
  }

  /** Builds the (redacted) diagnostics text and its suggested file name. */
  async collectDiagnostics(): Promise<{ fileName: string; text: string }> {
    const { deps } = this;
    const facts = deps.facts();
    const [launch, ftps] = await Promise.all([
      withTimeout(deps.launchEndpoints(), LOOKUP_TIMEOUT_MS).catch(() => [] as LaunchEndpoint[]),
      withTimeout(deps.ftpsEndpoint?.() ?? Promise.resolve(null), LOOKUP_TIMEOUT_MS).catch(() => null),
    ]);
    const targets = connectivityTargets({ portalUrl: facts.portalUrl, ftps, launch });
    const checks = await checkConnectivity(targets, {
      fetch: deps.probes?.fetch ?? ((url, init) => deps.portal.probe(String(url), init ?? {})),
      tcpConnect: deps.probes?.tcpConnect ?? tcpConnect,
      now: () => deps.clock.now(),
    });
    const now = deps.clock.now();
    const text = buildDiagnosticsText({
      facts: { ...facts, runtimes: { ...(facts.runtimes ?? {}), ...(deps.hooks.runtimes ?? {}) } },
      checks,
      logLines: deps.log.recent(),
      now,
    });
    return { fileName: diagnosticsFileName(now), text };
  }

  /** `diagnostics:save`: a native dialog where the shell has one, else the text for a download. */
  async saveDiagnostics(): Promise<DiagnosticsSaveResult> {
    const { fileName, text } = await this.collectDiagnostics();
    const save = this.deps.hooks.saveTextFile;
    if (!save) return { status: 'download', fileName, text };
    const saved = await save(fileName, text);
    this.deps.log.write(saved ? 'diagnostics saved' : 'diagnostics save cancelled');
    return saved ? { status: 'saved', fileName: saved.fileName } : { status: 'cancelled' };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error('failed'));
      },
    );
  });
}
