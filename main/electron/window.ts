/** The main window: isolated, sandboxed, locked to `app://portico`. */
import { join } from 'node:path';
import { BrowserWindow, session } from 'electron';
import { APP_ENTRY, APP_ORIGIN, handleAppProtocol } from './app-protocol';
import { denyAllPermissions, lockNavigation } from './web-guards';

export interface MainWindowOptions {
  /** App root (`app.getAppPath()`): holds `out/renderer` and `out/preload`. */
  appRoot: string;
  /** True once the user chose Quit: closing then really closes instead of hiding to the tray. */
  isQuitting: () => boolean;
}

/** Prepares the default session (protocol, permissions); call once after `ready`. */
export function prepareDefaultSession(appRoot: string): void {
  handleAppProtocol(session.defaultSession, join(appRoot, 'out', 'renderer'));
  denyAllPermissions(session.defaultSession);
}

/** Creates and loads the main window. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: 'Portico',
    webPreferences: {
      preload: join(options.appRoot, 'out', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  lockNavigation(window.webContents, [APP_ORIGIN], true);
  window.once('ready-to-show', () => window.show());
  window.on('close', (event) => {
    // The tray keeps Portico running; only Quit ends it.
    if (!options.isQuitting()) {
      event.preventDefault();
      window.hide();
    }
  });
  void window.loadURL(APP_ENTRY);
  return window;
}

/** Brings the window to the front (second instance, tray "Open Portico"). */
export function focusWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
