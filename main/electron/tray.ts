/**
 * The system tray / menu bar: a menu built from `core.trayMenu()`, rebuilt
 * whenever the apps, the sign-in state or the transfers change. Items act
 * only through the router (as a trusted "tray" sender), so the tray can do
 * no more than the window.
 */
import { Menu, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { EventChannel } from '../../common/contract';
import type { AppCore, TrayMenuItem } from '../compose';
import type { TrayTransferSummary } from '../services/desktop/tray-model';
import { recordTrayLabels } from './test-hooks';

export interface TrayOptions {
  core: AppCore;
  /** The tray icon (an empty image rather than a crash when the file is missing). */
  icon: NativeImage;
  showWindow: () => void;
  quit: () => void;
  /**
   * Transfer counts for the status line (the transfer service fills this
   * from the engine's totals); none → no transfer line.
   */
  transfers?: () => TrayTransferSummary | undefined;
  /** macOS: files dropped on the menu-bar icon (uploaded to the last-used transfer folder). */
  onDropFiles?: (paths: string[]) => void;
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
      else void options.core.router.handle(action.channel, action.args, { trusted: true, description: 'tray' });
    },
  };
}

/** Events after which the menu is rebuilt. */
const REBUILD_ON: readonly EventChannel[] = ['apps:changed', 'auth:changed', 'transfers:queue-changed', 'transfers:batch-finished', 'transfers:item'];

/** Creates the tray; returns a function that removes it. */
export function createTray(options: TrayOptions): () => void {
  const tray = new Tray(options.icon);
  let queued = false;
  const rebuild = (): void => {
    queued = false;
    if (tray.isDestroyed()) return;
    const model = options.core.trayMenu(options.transfers?.());
    tray.setToolTip(model.tooltip);
    tray.setContextMenu(Menu.buildFromTemplate(model.items.map((item) => toMenuItem(item, options))));
    recordTrayLabels(model.items.flatMap((item) => (item.kind === 'separator' ? [] : [item.label])));
  };
  rebuild();
  // macOS opens the menu on click by itself; elsewhere a click shows the window.
  if (process.platform !== 'darwin') tray.on('click', options.showWindow);
  const onDrop = options.onDropFiles;
  if (onDrop) tray.on('drop-files', (_event, files) => onDrop(files.filter((f) => typeof f === 'string')));
  const schedule = (event: EventChannel) => {
    // Transfer items change many times a second: coalesce into one rebuild per tick.
    if (queued) return;
    queued = true;
    setTimeout(rebuild, event === 'transfers:item' ? 1000 : 0);
  };
  const stops = REBUILD_ON.map((event) => options.core.events.on(event, () => schedule(event)));
  return () => {
    for (const stop of stops) stop();
    tray.destroy();
  };
}
