/**
 * Status changes of queue items, and the count of each batch's items still
 * to go: the last one to finish ends its batch (`batch-finished`).
 */
import type { EventSink } from './engine-events';
import { PENDING, batchCounts } from './item-status';
import type { TransferQueue } from './transfer-queue';
import type { TransferItem, TransferStatus } from './types';

/** Sets item statuses and tells when a batch has nothing left to do. */
export class ItemStatuses {
  private readonly pendingByBatch = new Map<number, number>();

  constructor(
    private readonly queue: TransferQueue,
    private readonly events: EventSink,
  ) {
    for (const item of queue.items.values()) if (PENDING.has(item.status)) this.countPending(item.batchId, 1);
  }

  /** Adds `delta` items of `batchId` that (again) count towards it, without a status event. */
  countPending(batchId: number, delta: number): void {
    this.pendingByBatch.set(batchId, (this.pendingByBatch.get(batchId) ?? 0) + delta);
  }

  /** Persists the new status, keeps the batch count, and emits `item` (and `batch-finished` when it was the last). */
  set(item: TransferItem, status: TransferStatus, fields: Partial<TransferItem> = {}): void {
    const wasPending = PENDING.has(item.status);
    this.queue.update(item, { ...fields, status });
    const isPending = PENDING.has(status);
    if (wasPending && !isPending) {
      this.countPending(item.batchId, -1);
      if ((this.pendingByBatch.get(item.batchId) ?? 0) <= 0) this.finishBatch(item.batchId);
    } else if (!wasPending && isPending) {
      this.countPending(item.batchId, 1);
    }
    this.events.emit('item', { ...item });
  }

  /** Emits `batch-finished` with how the batch's items ended. */
  finishBatch(batchId: number): void {
    this.pendingByBatch.delete(batchId);
    const batch = this.queue.batches.get(batchId);
    if (!batch) return;
    this.events.emit('batch-finished', { batchId, direction: batch.direction, ...batchCounts(this.queue.items.values(), batchId) });
  }
}
