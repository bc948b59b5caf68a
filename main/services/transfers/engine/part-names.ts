/**
 * Where an item's part file lives. A part gets a random name of its own in
 * the target's folder (`.portico-<random>.part` locally,
 * `.portico-<random>.portico-part` on the server), chosen when the item
 * first writes and kept on the item, so a resume finds it again. Such a
 * name cannot collide with anything the batch holds: local names made from
 * server names never start with a dot (see `toSafeLocalName`), and nobody
 * can guess the random part. The old `<name>.part` beside `<name>` collided
 * with a real file called `<name>.part`.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { TransferItem } from './types';

/** Suffix of an upload's remote part, renamed when verified. */
export const REMOTE_PART_SUFFIX = '.portico-part';
/** Suffix of a download's local part, renamed when verified. */
export const LOCAL_PART_SUFFIX = '.part';

/** A fresh part name for an item of `direction`. */
export function newPartName(direction: TransferItem['direction']): string {
  return `.portico-${randomBytes(12).toString('hex')}${direction === 'upload' ? REMOTE_PART_SUFFIX : LOCAL_PART_SUFFIX}`;
}

/**
 * The part name written before part names were random (`<name>.part`,
 * `<name>.portico-part`), for an item journaled back then with bytes in
 * such a part: the queue gives it this name when it loads.
 */
export function legacyPartName(item: TransferItem): string {
  return item.direction === 'upload'
    ? path.posix.basename(item.remotePath) + REMOTE_PART_SUFFIX
    : path.basename(item.localPath) + LOCAL_PART_SUFFIX;
}

/** The local part of a download (null when it never wrote one). */
export function localPartPath(item: TransferItem): string | null {
  return item.partName ? path.join(path.dirname(item.localPath), item.partName) : null;
}

/** The remote part of an upload (null when it never wrote one). */
export function remotePartPath(item: TransferItem): string | null {
  return item.partName ? path.posix.join(path.posix.dirname(item.remotePath), item.partName) : null;
}
