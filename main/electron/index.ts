/**
 * Electron entry: lifecycle only. Sandbox everywhere, one instance (a second
 * launch focuses the first and forwards its arguments), `portico://` links,
 * compose the shared core with Electron's ports, then window, menu, IPC, tray.
 *
 *   electron out/main/index.js [--portal https://portal.example] [portico://launch/<appId>]
 */
import { mkdirSync } from 'node:fs';
import { release } from 'node:os';
import { join, resolve } from 'node:path';
import { app, nativeTheme, type BrowserWindow } from 'electron';
import { compose, type AppCore } from '../compose';
import type { Ports } from '../ports';
import { DEEP_LINK_SCHEME, findDeepLink, parseDeepLink, type DeepLink } from '../services/desktop/deep-links';
import { DeepLinkDispatcher } from '../services/desktop/links';
import { installAppMenu } from './app-menu';
import { registerAppScheme } from './app-protocol';
import { RENDERER_JS_FLAGS } from './renderer-flags';
import { createDesktopHooks, supportsLoginItem } from './desktop-hooks';
import { createElectronSettingsStore } from './electron-settings-store';
import { trayIcon } from './icons';
import { attachIpcTransport } from './ipc-transport';
import { createLightWindowOpener } from './light-window';
import { createElectronNotifier } from './notifier';
import { createElectronLauncher } from './os-launcher';
import { portalFlagFromArgs, portalFromArgs } from './portal-args';
import { createSafeStorageCipher } from './safe-storage-cipher';
import { attachTaskbarProgress, createTransferDialogs } from './transfers-shell';
import { installTestHooks, recordDeepLink, recordForwardedArgs, testHooksEnabled } from './test-hooks';
import { createTray } from './tray';
import { createMainWindow, focusWindow, prepareDefaultSession } from './window';
import { createNativeClientProbe } from '../services/launcher/native-clients';

function createPorts(): Ports {
  const temp = join(app.getPath('temp'), `portico-${process.pid}`);
  mkdirSync(temp, { recursive: true, mode: 0o700 });
  return {
    cipher: createSafeStorageCipher(),
    settings: createElectronSettingsStore(),
    osLauncher: createElectronLauncher(),
    webSessions: createLightWindowOpener(),
    nativeClients: createNativeClientProbe(),
    notifier: createElectronNotifier(),
    clock: {
      now: () => Date.now(),
      setTimeout: (fn, ms) => {
        const timer = setTimeout(fn, ms);
        return { cancel: () => clearTimeout(timer) };
      },
    },
    paths: { userData: app.getPath('userData'), temp },
    fetch: globalThis.fetch.bind(globalThis),
  };
}

/** Registers `portico://` with the OS (not from test runs: they must not touch the user's OS settings). */
function registerDeepLinkScheme(): void {
  if (testHooksEnabled()) return;
  if (process.defaultApp && process.argv[1]) {
    // Development (`electron out/main/index.js`): the OS must start Electron with our entry.
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [resolve(process.argv[1])]);
  } else {
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  }
}

installTestHooks();
app.enableSandbox();
// Renderers only (see renderer-flags.ts): no speculative optimizing JIT where portal content runs.
app.commandLine.appendSwitch('js-flags', RENDERER_JS_FLAGS);
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // The first instance gets our argv through 'second-instance'.
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  let core: AppCore | null = null;
  let links: DeepLinkDispatcher | null = null;
  let quitting = false;
  const cleanups: Array<() => void> = [];
  // Links that arrive before the core is ready (macOS 'open-url' at launch, our own argv).
  const early: DeepLink[] = [];
  const notifier = createElectronNotifier();

  const dispatch = (link: DeepLink | null): void => {
    if (!link) return;
    recordDeepLink(link);
    if (links) void links.handle(link);
    else early.push(link);
  };

  app.on('second-instance', (_event, argv) => {
    recordForwardedArgs(argv);
    focusWindow(window);
    dispatch(findDeepLink(argv));
  });

  // macOS delivers links here, also for the very first launch.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    dispatch(parseDeepLink(url));
  });

  app.on('before-quit', () => {
    quitting = true;
  });

  app.on('will-quit', (event) => {
    if (!core) return;
    // Let the services finish (e.g. remove launch files) before the process ends.
    event.preventDefault();
    const finishing = core;
    core = null;
    links?.dispose();
    for (const cleanup of cleanups.splice(0)) cleanup();
    void finishing.dispose().finally(() => app.exit(0));
  });

  // The tray keeps the app alive on every platform; Quit is explicit.
  app.on('window-all-closed', () => undefined);

  app.on('activate', () => focusWindow(window));

  registerDeepLinkScheme();
  dispatch(findDeepLink(process.argv));

  void app
    .whenReady()
    .then(async () => {
      const appRoot = app.getAppPath();
      // Follow the OS light/dark setting; the page's CSS reads prefers-color-scheme.
      nativeTheme.themeSource = 'system';
      prepareDefaultSession(appRoot, () => core?.router ?? null);
      const activeCore = await compose(createPorts(), {
        defaultPortalUrl: portalFromArgs(process.argv),
        portalFlag: portalFlagFromArgs(process.argv),
        shell: 'electron',
        version: app.getVersion(),
        platform: process.platform,
        os: { release: release(), arch: process.arch },
        desktop: createDesktopHooks(() => window),
        log: (line) => console.log(`[portico] ${line}`),
        transferDialogs: createTransferDialogs(() => window),
      });
      core = activeCore;
      // Keep the OS login item in step with the saved (opt-in) choice.
      if (supportsLoginItem()) app.setLoginItemSettings({ openAtLogin: activeCore.desktopSettings.startAtLogin() });

      const quit = (): void => {
        quitting = true;
        app.quit();
      };
      const show = (): void => focusWindow(window);
      window = createMainWindow({
        appRoot,
        isQuitting: () => quitting,
        settings: activeCore.desktopSettings,
        onHiddenToTray: () => {
          if (activeCore.desktopSettings.takeTrayNotice()) {
            notifier.notify('Portico is still running', 'Portico keeps running in the tray. To quit, choose Quit from the tray menu.');
          }
        },
        onCloseQuits: quit,
      });
      const menuOptions = {
        desktop: activeCore.desktop,
        showWindow: show,
        quit,
        report: (title: string, body: string) => notifier.notify(title, body),
        // File → Settings… opens the renderer's Settings screen.
        openSettings: () => {
          show();
          activeCore.events.emit('desktop:open-settings', {});
        },
      };
      installAppMenu(menuOptions);
      // The menu's check marks follow changes made on the Settings screen.
      cleanups.push(
        activeCore.events.on('desktop:settings-changed', () => installAppMenu(menuOptions)),
      );
      cleanups.push(attachIpcTransport(activeCore.router, activeCore.events, () => window));
      cleanups.push(attachTaskbarProgress(activeCore.events, () => window));
      cleanups.push(createTray({ core: activeCore, icon: trayIcon(appRoot), showWindow: show, quit }));

      links = new DeepLinkDispatcher({
        router: activeCore.router,
        events: activeCore.events,
        clock: {
          now: () => Date.now(),
          setTimeout: (fn, ms) => {
            const timer = setTimeout(fn, ms);
            return { cancel: () => clearTimeout(timer) };
          },
        },
        authState: () => activeCore.authState(),
        showWindow: show,
        log: (line) => console.log(`[portico] ${line}`),
      });
      await activeCore.ready;
      for (const link of early.splice(0)) void links.handle(link);
    })
    .catch((error: unknown) => {
      console.error(`Portico could not start: ${error instanceof Error ? error.message : String(error)}`);
      app.exit(1);
    });
}
