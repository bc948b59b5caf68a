/**
 * The native application menu with the usual keyboard shortcuts:
 * File / Edit / View / Help (with *Help → Save diagnostics…*). Settings that
 * only make sense on the desktop (close to tray, start at login) are check
 * items under File, so the browser-only UI need not carry them.
 */
import { app, Menu, shell, type MenuItemConstructorOptions } from 'electron';
import type { DesktopIntegration } from '../services/desktop/integration';
import { isAllowedExternalUrl } from '../shell-guards';

export interface AppMenuOptions {
  desktop: DesktopIntegration;
  showWindow: () => void;
  quit: () => void;
  /** Help → Portico help opens this (https only) in the default browser. */
  helpUrl?: string;
  /** Tells the user about a failure (e.g. the diagnostics could not be written). */
  report: (title: string, body: string) => void;
  /** Shows the window on its Settings screen (File → Settings…, ⌘, on macOS). */
  openSettings?: () => void;
}

/** Builds the template (pure apart from reading the settings). */
export function appMenuTemplate(options: AppMenuOptions, platform: NodeJS.Platform = process.platform): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const settings = options.desktop.settings();
  const rebuild = (): void => installAppMenu(options);
  const saveDiagnostics = (): void => {
    options.desktop.saveDiagnostics().catch(() => options.report('Diagnostics', 'The diagnostics could not be saved.'));
  };
  const toggle = (patch: { closeToTray?: boolean; startAtLogin?: boolean }) => () => {
    try {
      options.desktop.updateSettings(patch);
    } catch {
      options.report('Portico', 'This setting could not be changed.');
    }
    rebuild();
  };
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open Portico', accelerator: 'CmdOrCtrl+O', click: options.showWindow },
      ...(options.openSettings ? [{ label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: options.openSettings } satisfies MenuItemConstructorOptions] : []),
      { type: 'separator' },
      {
        label: 'Keep Running in the Tray When Closed',
        type: 'checkbox',
        checked: settings.closeToTray,
        enabled: settings.supported.closeToTray,
        click: toggle({ closeToTray: !settings.closeToTray }),
      },
      {
        label: 'Start Portico at Login',
        type: 'checkbox',
        checked: settings.startAtLogin,
        enabled: settings.supported.startAtLogin,
        click: toggle({ startAtLogin: !settings.startAtLogin }),
      },
      { type: 'separator' },
      { role: 'close', accelerator: 'CmdOrCtrl+W' },
      ...(isMac ? [] : [{ label: 'Quit', accelerator: 'Ctrl+Q', click: options.quit } satisfies MenuItemConstructorOptions]),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      // Developer tools only in unpackaged (development) builds.
      ...(app.isPackaged ? [] : [{ type: 'separator' } as const, { role: 'toggleDevTools' } as const]),
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [
      { label: 'Save Diagnostics…', accelerator: 'CmdOrCtrl+Shift+D', click: saveDiagnostics },
      ...(options.helpUrl && isAllowedExternalUrl(options.helpUrl)
        ? [{ label: 'Portico Help', click: () => void shell.openExternal(options.helpUrl!) } satisfies MenuItemConstructorOptions]
        : []),
      ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'about' } as const]),
    ],
  };
  const macApp: MenuItemConstructorOptions = {
    label: app.name,
    submenu: [
      { role: 'about' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { label: 'Quit Portico', accelerator: 'Cmd+Q', click: options.quit },
    ],
  };
  return [...(isMac ? [macApp] : []), file, { role: 'editMenu', label: '&Edit' }, view, ...(isMac ? [{ role: 'windowMenu' } as const] : []), help];
}

/** Installs (or refreshes) the application menu. */
export function installAppMenu(options: AppMenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(options)));
}
