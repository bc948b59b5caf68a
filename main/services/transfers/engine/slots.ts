/** What the scheduler keeps for each running item. */
import type { FtpConnection } from './ftp-connection';
import { nameKey } from './local-names';
import type { TransferItem } from './types';

/** A running item. */
export interface Slot {
  conn: FtpConnection | null;
  stop: 'cancel' | 'pause' | null;
  startedAt: number;
  startBytes: number;
}

/**
 * What an item writes: two items never write the same target at once. A
 * local target is compared as a case-insensitive disk would see it.
 */
export function targetKey(item: TransferItem): string {
  return item.direction === 'upload' ? `u:${item.remotePath}` : `d:${nameKey(item.localPath)}`;
}
