/**
 * Hardening shared by every Electron window: navigation and new windows only
 * to allowed origins, permission requests denied, no <webview>.
 */
import type { Session, WebContents } from 'electron';
import { isAllowedNavigation } from '../shell-guards';
import { openExternalIfAllowed } from './os-launcher';

/**
 * Denies every permission request and check in `target`, and every download
 * whose URL `allowDownload` (default: none) does not accept.
 */
export function denyAllPermissions(target: Session, allowDownload: (url: string) => boolean = () => false): void {
  // Nothing from a page may land on the local disk (the light version has no drive access).
  target.on('will-download', (event, item) => {
    if (!allowDownload(item.getURL())) event.preventDefault();
  });
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.setDevicePermissionHandler(() => false);
}

/**
 * Locks `contents` to `allowedOrigins`. New windows are always denied; links
 * meant for the outside (`https:`/`mailto:`) go to the default browser when
 * `externalLinks` is true.
 */
export function lockNavigation(
  contents: WebContents,
  allowedOrigins: readonly string[],
  externalLinks: boolean,
): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, allowedOrigins)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url, allowedOrigins)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (externalLinks) openExternalIfAllowed(url);
    return { action: 'deny' };
  });
}
