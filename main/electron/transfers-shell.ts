/**
 * Electron side of file transfers: the native *Upload…* / *Download…*
 * dialogs (`ComposeOptions.transferDialogs`) and the taskbar/dock progress
 * bar driven by `transfers:taskbar-progress`. A thin adapter over the pure
 * mapping in `transfer-progress-bar.ts`.
 */
import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';
import type { EventHub, FileDialogs } from '../ports';
import { progressBarArgs, sameProgressBar, uploadDialogProperties, type ProgressBarArgs } from './transfer-progress-bar';

type WindowGetter = () => BrowserWindow | null;

async function open(getWindow: WindowGetter, options: OpenDialogOptions): Promise<string[]> {
  const window = getWindow();
  // Attached to the window (a sheet on macOS) so it cannot hide behind it.
  const result = window && !window.isDestroyed() ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}

/** Native dialogs for the transfers service (paths are validated again by the router's schemas). */
export function createTransferDialogs(getWindow: WindowGetter): FileDialogs {
  return {
    pickFiles: () => open(getWindow, { title: 'Upload', buttonLabel: 'Upload', properties: uploadDialogProperties(process.platform) }),
    pickFolder: async () =>
      (await open(getWindow, { title: 'Download to', buttonLabel: 'Download', properties: ['openDirectory', 'createDirectory'] }))[0] ?? null,
  };
}

/** Drives `setProgressBar` from transfer events; returns the unsubscribe function (which also removes the bar). */
export function attachTaskbarProgress(events: EventHub, getWindow: WindowGetter): () => void {
  let last: ProgressBarArgs | null = null;
  const apply = (args: ProgressBarArgs): void => {
    const window = getWindow();
    if (!window || window.isDestroyed() || sameProgressBar(last, args)) return;
    last = args;
    window.setProgressBar(args.progress, args.options);
  };
  const off = events.on('transfers:taskbar-progress', (progress) => apply(progressBarArgs(progress, process.platform)));
  return () => {
    off();
    apply({ progress: -1 });
  };
}
