/**
 * Reading a finished download back in chunks, for the browser host's page
 * (`transfers:read-download`) and for drag-out tickets.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { DownloadChunk, DownloadTreeEntry } from '../../../common/contract';
import { PortalError } from '../core/errors';
import { isInside } from './engine';
import type { UserEngine } from './user-engine';

/** Bytes per `transfers:read-download` answer. */
export const READ_CHUNK_BYTES = 128 * 1024;

/** Reads up to {@link READ_CHUNK_BYTES} of a finished download at `offset`, as base64. */
export async function readDownloadChunk(localPath: string, offset: number): Promise<{ name: string; size: number; data: string; eof: boolean }> {
  const handle = await fsp.open(localPath, 'r').catch(() => null);
  if (!handle) throw new PortalError('not_found', 'This download is no longer on disk.');
  try {
    const { size } = await handle.stat();
    const length = Math.max(0, Math.min(READ_CHUNK_BYTES, size - offset));
    const buffer = Buffer.alloc(length);
    const { bytesRead } = length > 0 ? await handle.read(buffer, 0, length, offset) : { bytesRead: 0 };
    return { name: path.basename(localPath), size, data: buffer.subarray(0, bytesRead).toString('base64'), eof: offset + bytesRead >= size };
  } finally {
    await handle.close();
  }
}

/** Reads a finished browser-host download of `user` (only items inside its `downloads/` folder). */
export function readFinishedDownload(user: UserEngine, request: { itemId: number; offset: number }): Promise<DownloadChunk> {
  const item = user.engine.item(request.itemId);
  const downloads = path.join(user.dir, 'downloads');
  if (!item || item.direction !== 'download' || !(item.status === 'done' || item.status === 'verified') || !isInside(downloads, item.localPath)) {
    return Promise.reject(new PortalError('not_found', 'This download is not available.'));
  }
  return readDownloadChunk(item.localPath, request.offset);
}

/**
 * The finished part of a browser-host download batch as a tree below
 * `downloads/`: every file and every (empty) folder item with its path
 * relative to that folder, so the page can rebuild the tree it downloaded.
 */
export function finishedDownloadTree(user: UserEngine, batchId: number): DownloadTreeEntry[] {
  const downloads = path.join(user.dir, 'downloads');
  const entries: DownloadTreeEntry[] = [];
  for (const item of user.engine.batchItems(batchId)) {
    if (item.direction !== 'download' || !(item.status === 'done' || item.status === 'verified') || !isInside(downloads, item.localPath)) continue;
    const relativePath = path.relative(downloads, item.localPath).split(path.sep).join('/');
    if (relativePath === '' || relativePath.startsWith('..')) continue;
    entries.push({ itemId: item.id, relativePath, folder: item.folder === true, size: item.folder ? 0 : item.size });
  }
  return entries;
}
