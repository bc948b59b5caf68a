/**
 * What only Electron can do for the desktop integration: the native save
 * dialog for diagnostics and the OS login item.
 */
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import type { DesktopShellHooks } from '../services/desktop/integration';

/** Login items exist on macOS and Windows; Linux desktops use autostart files we don't manage. */
export function supportsLoginItem(platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'darwin' || platform === 'win32';
}

/** Builds the hooks; `getWindow` parents the save dialog. */
export function createDesktopHooks(getWindow: () => BrowserWindow | null): DesktopShellHooks {
  return {
    hasTray: true,
    runtimes: {
      electron: process.versions.electron ?? 'unknown',
      chrome: process.versions.chrome ?? 'unknown',
    },
    ...(supportsLoginItem() ? { loginItem: { set: (enabled: boolean) => app.setLoginItemSettings({ openAtLogin: enabled }) } } : {}),
    saveTextFile: async (suggestedName, text) => {
      const options = {
        title: 'Save diagnostics',
        defaultPath: join(app.getPath('downloads'), suggestedName),
        filters: [{ name: 'Text', extensions: ['txt'] }],
      };
      const window = getWindow();
      const choice = window && !window.isDestroyed() ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return null;
      // Private to the user even though it is redacted: it names hosts and the account's portal.
      await writeFile(choice.filePath, text, { encoding: 'utf8', mode: 0o600 });
      return { fileName: basename(choice.filePath) };
    },
  };
}
