/** The main window: isolated, sandboxed, locked to `app://portico`, size and place remembered. */
import { join } from 'node:path';
import { BrowserWindow, nativeTheme, screen, session, type WebPreferences } from 'electron';
import type { Router } from '../ports';
import { restorableBounds, type DesktopSettingsStore } from '../services/desktop/settings';
import { APP_ENTRY, APP_ORIGIN, handleAppProtocol } from './app-protocol';
import { isDragOutUrl } from './drag-out-protocol';
import { windowIcon } from './icons';
import { recordWindowPreferences } from './test-hooks';
import { denyAllPermissions, lockNavigation } from './web-guards';

export interface MainWindowOptions {
  /** App root (`app.getAppPath()`): holds `out/renderer` and `out/preload`. */
  appRoot: string;
  /** True once the user chose Quit: closing then really closes instead of hiding to the tray. */
  isQuitting: () => boolean;
  /** Desktop preferences: close to tray, window bounds. */
  settings: DesktopSettingsStore;
  /** Called when the window hides into the tray (the first time, say so). */
  onHiddenToTray: () => void;
  /** Called when closing should end the app (close-to-tray turned off). */
  onCloseQuits: () => void;
}

/**
 * Prepares the default session (protocol, permissions); call once after
 * `ready`. `router` is the core's once composed (drag-out downloads need it).
 */
export function prepareDefaultSession(appRoot: string, router: () => Router | null): void {
  handleAppProtocol(session.defaultSession, join(appRoot, 'out', 'renderer'), router);
  // The only downloads allowed: files dragged out of the window (our own protocol, single-use tickets).
  denyAllPermissions(session.defaultSession, isDragOutUrl);
}

/** The hardened preferences of the main window (also read back by tests). */
export function mainWindowPreferences(appRoot: string): WebPreferences {
  return {
    preload: join(appRoot, 'out', 'preload', 'index.cjs'),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
  };
}

/** Creates and loads the main window. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const saved = restorableBounds(
    options.settings.windowState(),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const webPreferences = mainWindowPreferences(options.appRoot);
  recordWindowPreferences(webPreferences);
  const window = new BrowserWindow({
    width: saved?.width ?? 1100,
    height: saved?.height ?? 760,
    ...(saved ? { x: saved.x, y: saved.y } : {}),
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: 'Portico',
    icon: windowIcon(options.appRoot),
    // Matches the page's first paint in either theme (no white flash in dark mode).
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#0f1522' : '#f3f5f9',
    webPreferences,
  });
  lockNavigation(window.webContents, [APP_ORIGIN], true);
  window.once('ready-to-show', () => {
    if (saved?.maximized) window.maximize();
    window.show();
  });
  rememberBounds(window, options.settings);
  window.on('close', (event) => {
    if (options.isQuitting()) return;
    if (options.settings.closeToTray()) {
      // The tray keeps Portico running; only Quit ends it.
      event.preventDefault();
      window.hide();
      options.onHiddenToTray();
      return;
    }
    event.preventDefault();
    options.onCloseQuits();
  });
  void window.loadURL(APP_ENTRY);
  return window;
}

/** Saves size/position (debounced) as the user moves and resizes the window. */
function rememberBounds(window: BrowserWindow, settings: DesktopSettingsStore): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = (): void => {
    timer = null;
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
    const bounds = window.getNormalBounds();
    settings.setWindowState({ ...bounds, maximized: window.isMaximized() });
  };
  const later = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('maximize', later);
  window.on('unmaximize', later);
  window.on('close', () => {
    if (timer) clearTimeout(timer);
    save();
  });
}

/** Brings the window to the front (second instance, tray "Open Portico", links). */
export function focusWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
