/**
 * The system tray: a menu built from `core.trayMenu()`, rebuilt whenever the
 * apps or the sign-in state change. Items act only through the router (as a
 * trusted "tray" sender), so the tray can do no more than the window.
 */
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import type { AppCore, TrayMenuItem } from '../compose';

export interface TrayOptions {
  core: AppCore;
  /** Path of the tray icon (a missing file gives an empty icon rather than a crash). */
  iconPath: string;
  showWindow: () => void;
  quit: () => void;
}

function toMenuItem(item: TrayMenuItem, options: TrayOptions): MenuItemConstructorOptions {
  if (item.kind === 'separator') return { type: 'separator' };
  if (item.kind === 'heading') return { label: item.label, enabled: false };
  const { action } = item;
  return {
    label: item.label,
    enabled: item.enabled,
    click: () => {
      if (action.type === 'show-window') options.showWindow();
      else if (action.type === 'quit') options.quit();
      else
        void options.core.router.handle(action.channel, action.args, { trusted: true, description: 'tray' });
    },
  };
}

/** Creates the tray; returns a function that removes it. */
export function createTray(options: TrayOptions): () => void {
  const tray = new Tray(nativeImage.createFromPath(options.iconPath));
  const rebuild = (): void => {
    const model = options.core.trayMenu();
    tray.setToolTip(model.tooltip);
    tray.setContextMenu(Menu.buildFromTemplate(model.items.map((item) => toMenuItem(item, options))));
  };
  rebuild();
  tray.on('click', options.showWindow);
  const stop = options.core.events.on((event) => {
    if (event === 'apps:changed' || event === 'auth:changed') rebuild();
  });
  return () => {
    stop();
    tray.destroy();
  };
}
