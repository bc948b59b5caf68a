/**
 * WebSessionOpener for the light version: a window with its own throw-away
 * partition, no preload, sandboxed, locked to the portal-approved origin,
 * with window.open and every permission denied.
 */
import { randomBytes } from 'node:crypto';
import { BrowserWindow, session } from 'electron';
import type { WebSessionOpener } from '../ports';
import { isAllowedNavigation, originOf } from '../shell-guards';
import { recordWindowPreferences } from './test-hooks';
import { denyAllPermissions, lockNavigation } from './web-guards';

/** Creates the opener. */
export function createLightWindowOpener(): WebSessionOpener {
  return {
    open: async (url, options) => {
      const allowed = originOf(options.allowedOrigin);
      if (allowed === null || !/^https?:/.test(allowed) || !isAllowedNavigation(url, [allowed])) {
        throw new Error('The web session address is not on the approved origin.');
      }
      // Not `persist:`: nothing of the web session outlives the window.
      const partition = session.fromPartition(`light-${randomBytes(8).toString('hex')}`, { cache: false });
      denyAllPermissions(partition);
      const webPreferences = {
        session: partition,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        webviewTag: false,
        spellcheck: false,
      };
      recordWindowPreferences(webPreferences);
      const window = new BrowserWindow({
        width: 1280,
        height: 800,
        title: options.title.slice(0, 100),
        autoHideMenuBar: true,
        webPreferences,
      });
      lockNavigation(window.webContents, [allowed], false);
      // Keep the portal's title from impersonating other windows.
      window.on('page-title-updated', (event) => event.preventDefault());
      window.on('closed', () => void partition.clearStorageData().catch(() => undefined));
      await window.loadURL(url);
    },
  };
}
