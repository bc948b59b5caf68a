/** OsLauncher on Electron's `shell`; external URLs pass the https:/mailto: guard first. */
import { shell } from 'electron';
import type { OsLauncher } from '../ports';
import { isAllowedExternalUrl } from '../shell-guards';

/** Electron's openPath answers "" on success, else an error message. */
function isNoHandler(message: string): boolean {
  return /no (application|handler|program)|not associated|no default/i.test(message);
}

/** Creates the launcher. */
export function createElectronLauncher(): OsLauncher {
  return {
    openPath: async (filePath) => {
      const message = await shell.openPath(filePath);
      if (message === '') return { ok: true };
      return { ok: false, reason: isNoHandler(message) ? 'no-handler' : 'failed', message };
    },
    openExternal: async (url) => {
      if (!isAllowedExternalUrl(url)) throw new Error('Only https: and mailto: links can be opened.');
      await shell.openExternal(url, { activate: true });
    },
  };
}

/** Opens `url` externally when allowed; silently drops anything else (used by window guards). */
export function openExternalIfAllowed(url: string): void {
  if (isAllowedExternalUrl(url)) void shell.openExternal(url).catch(() => undefined);
}
