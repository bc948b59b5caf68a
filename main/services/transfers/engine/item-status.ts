/** Which statuses still count towards their batch, and how a finished batch ended. */
import type { TransferItem, TransferStatus } from './types';

/** Statuses that still count towards their batch. */
export const PENDING: ReadonlySet<TransferStatus> = new Set(['queued', 'running', 'paused', 'conflict']);

/** How the items of a finished batch ended (cancelled ones count as skipped). */
export function batchCounts(items: Iterable<TransferItem>, batchId: number): { succeeded: number; failed: number; skipped: number } {
  const counts = { succeeded: 0, failed: 0, skipped: 0 };
  for (const item of items) {
    if (item.batchId !== batchId) continue;
    if (item.status === 'done' || item.status === 'verified') counts.succeeded++;
    else if (item.status === 'failed') counts.failed++;
    else counts.skipped++;
  }
  return counts;
}
