/**
 * Electron entry: lifecycle only. Sandbox everywhere, one instance, compose
 * the shared core with Electron's ports, then the window, IPC and tray.
 *
 *   electron out/main/index.js [--portal https://portal.example]
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { app, type BrowserWindow } from 'electron';
import { compose, type AppCore } from '../compose';
import type { Ports } from '../ports';
import { registerAppScheme } from './app-protocol';
import { createElectronSettingsStore } from './electron-settings-store';
import { attachIpcTransport } from './ipc-transport';
import { createLightWindowOpener } from './light-window';
import { createElectronNotifier } from './notifier';
import { createElectronLauncher } from './os-launcher';
import { createSafeStorageCipher } from './safe-storage-cipher';
import { createTray } from './tray';
import { createMainWindow, focusWindow, prepareDefaultSession } from './window';

/** Portal used when neither `--portal` nor saved settings name one. */
const FALLBACK_PORTAL = 'http://127.0.0.1:8443';

/** `--portal URL` or `--portal=URL`, only http(s). */
function portalFromArgs(argv: readonly string[]): string {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const value =
      arg === '--portal'
        ? argv[i + 1]
        : arg.startsWith('--portal=')
          ? arg.slice('--portal='.length)
          : undefined;
    if (value === undefined) continue;
    try {
      const url = new URL(value);
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.toString().replace(/\/$/, '');
    } catch {
      // Fall through to the default; a bad flag must not stop the app.
    }
  }
  return FALLBACK_PORTAL;
}

function createPorts(): Ports {
  const temp = join(app.getPath('temp'), `portico-${process.pid}`);
  mkdirSync(temp, { recursive: true, mode: 0o700 });
  return {
    cipher: createSafeStorageCipher(),
    settings: createElectronSettingsStore(),
    osLauncher: createElectronLauncher(),
    webSessions: createLightWindowOpener(),
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

app.enableSandbox();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  let core: AppCore | null = null;
  let quitting = false;
  const cleanups: Array<() => void> = [];

  app.on('second-instance', () => focusWindow(window));

  app.on('before-quit', () => {
    quitting = true;
  });

  app.on('will-quit', (event) => {
    if (!core) return;
    // Let the services finish (e.g. remove launch files) before the process ends.
    event.preventDefault();
    const finishing = core;
    core = null;
    for (const cleanup of cleanups.splice(0)) cleanup();
    void finishing.dispose().finally(() => app.exit(0));
  });

  // The tray keeps the app alive on every platform; Quit is explicit.
  app.on('window-all-closed', () => undefined);

  app.on('activate', () => focusWindow(window));

  void app
    .whenReady()
    .then(async () => {
      const appRoot = app.getAppPath();
      prepareDefaultSession(appRoot);
      core = await compose(createPorts(), {
        defaultPortalUrl: portalFromArgs(process.argv),
        shell: 'electron',
        version: app.getVersion(),
        platform: process.platform,
        log: (line) => console.log(`[portico] ${line}`),
      });
      const activeCore = core;
      window = createMainWindow({ appRoot, isQuitting: () => quitting });
      cleanups.push(attachIpcTransport(activeCore.router, activeCore.events, () => window));
      cleanups.push(
        createTray({
          core: activeCore,
          iconPath: join(appRoot, 'resources', 'icons', 'tray.png'),
          showWindow: () => focusWindow(window),
          quit: () => app.quit(),
        }),
      );
    })
    .catch((error: unknown) => {
      console.error(`Portico could not start: ${error instanceof Error ? error.message : String(error)}`);
      app.exit(1);
    });
}
