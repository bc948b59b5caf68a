/** Removing the part file a cancelled item leaves behind. */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { RemoteBrowser } from './remote-browser';
import type { RemoteDirCache } from './remote-dir-cache';
import { localPartPath, remotePartPath } from './part-names';
import type { TransferItem } from './types';

/**
 * Removes a cancelled item's part file: the local part of a download, the
 * remote part of an upload (on the browse connection, after the
 * transfer's own connection is gone; null when there are no credentials to
 * connect with). Final names are never touched, so a file that was complete
 * stays. The promise may reject: the caller decides it is best effort.
 */
export function removePartFile(
  item: TransferItem,
  remote: { browser: RemoteBrowser; listings: RemoteDirCache; connected: boolean },
): Promise<unknown> | null {
  if (item.direction === 'download') {
    const part = localPartPath(item);
    return part ? fsp.rm(part, { force: true }) : null;
  }
  const part = remotePartPath(item);
  if (!part || !remote.connected) return null;
  return remote.browser.run((conn) => conn.probe(`DELE ${part}`)).then(() => remote.listings.invalidate(path.posix.dirname(item.remotePath)));
}
