/**
 * The transfer engine: a persistent queue run by a pool of FTPS
 * connections (one transfer each). Plain Node, no Electron: a router exposes
 * it over IPC and forwards its events. This file is the queue API; the run
 * loop is `TransferScheduler`.
 */
import path from 'node:path';
import { TransferError } from './errors';
import type { RemoteBrowser } from './remote-browser';
import { isFinished } from './transfer-queue';
import { PENDING } from './item-status';
import { TransferScheduler } from './transfer-scheduler';
import { collectDownloads, collectUploads, type ItemSpec } from './enqueue';
import { isValidRemotePath } from './safe-names';
import type { ConflictChoice, ConflictPolicy, TransferDirection, TransferItem } from './types';

export type { TransferEngineOptions } from './engine-options';

/** The queue API: enqueue, page through, pause/resume/cancel, reorder, retry, answer conflicts. */
export class TransferEngine extends TransferScheduler {
  /** Remote browsing (list, mkdir, rename, delete) on its own connection. */
  get remote(): RemoteBrowser {
    return this.browser;
  }

  /** Queues local files/folders for upload into `remoteDir`. */
  async enqueueUpload(request: { localPaths: string[]; remoteDir: string; conflict?: ConflictPolicy }): Promise<{ batchId: number; count: number }> {
    if (!isValidRemotePath(request.remoteDir)) throw new TransferError('unsafe_name', 'Invalid remote folder');
    const specs = await collectUploads(request.localPaths, request.remoteDir);
    return this.enqueue('upload', request.localPaths.length === 1 ? path.dirname(path.resolve(request.localPaths[0]!)) : '/', specs, request.conflict);
  }

  /** Queues remote files/folders for download into `localDir`. */
  async enqueueDownload(request: { remotePaths: string[]; localDir: string; conflict?: ConflictPolicy }): Promise<{ batchId: number; count: number }> {
    if (!request.remotePaths.every(isValidRemotePath)) throw new TransferError('unsafe_name', 'Invalid remote path');
    const localDir = path.resolve(request.localDir);
    const specs = await this.browser.run((conn) => collectDownloads(conn, request.remotePaths, localDir));
    return this.enqueue('download', localDir, specs, request.conflict);
  }

  /** Low-level: queues prepared specs as one batch. */
  enqueue(direction: TransferDirection, localRoot: string, specs: ItemSpec[], conflict: ConflictPolicy = 'ask'): { batchId: number; count: number } {
    const batch = this.queue.addBatch({ direction, localRoot, conflict });
    // Chunks keep each journal write (and its JSON text) small; records are
    // built once here and adopted by the queue as they are.
    const CHUNK = 256;
    let pending = 0;
    for (let i = 0; i < specs.length; i += CHUNK) {
      const items: TransferItem[] = [];
      for (let j = i; j < Math.min(i + CHUNK, specs.length); j++) {
        const spec = specs[j]!;
        if (!spec.error) pending++;
        items.push({
          id: 0,
          batchId: batch.id,
          direction,
          localPath: spec.localPath,
          remotePath: spec.remotePath,
          size: spec.size,
          transferred: 0,
          status: spec.error ? 'failed' : 'queued',
          attempts: 0,
          ...(spec.error ? { error: spec.error } : {}),
          ...(spec.folder ? { folder: true } : {}),
        });
      }
      this.queue.add(items);
    }
    if (pending > 0) this.bump(batch.id, pending);
    this.emitQueueChanged();
    this.pump();
    if (pending === 0) this.finishBatch(batch.id);
    return { batchId: batch.id, count: specs.length };
  }

  /** Items in queue order (for a virtualized list). */
  page(offset: number, limit: number): { total: number; items: TransferItem[] } {
    return { total: this.queue.size, items: this.queue.page(offset, Math.min(limit, 1000)).map((i) => ({ ...i })) };
  }

  /** The items of one batch (copies). */
  batchItems(batchId: number): TransferItem[] {
    const out: TransferItem[] = [];
    for (const item of this.queue.items.values()) if (item.batchId === batchId) out.push({ ...item });
    return out;
  }

  item(id: number): TransferItem | undefined {
    const item = this.queue.items.get(id);
    return item ? { ...item } : undefined;
  }

  /** Pauses the whole queue (no ids) or some items; running transfers stop and later resume from where they were. */
  pause(ids?: number[]): void {
    if (!ids) {
      this.queue.setPaused(true);
      for (const slot of this.active.values()) this.stopSlot(slot, 'pause');
      this.emitQueueChanged();
      return;
    }
    for (const id of ids) {
      const item = this.queue.items.get(id);
      if (!item || !(item.status === 'queued' || item.status === 'running' || item.status === 'conflict')) continue;
      const slot = this.active.get(id);
      if (slot) this.stopSlot(slot, 'pause');
      this.setStatus(item, 'paused');
    }
  }

  /** Resumes the queue (no ids) or paused items. */
  resume(ids?: number[]): void {
    if (!ids) {
      this.queue.setPaused(false);
      this.emitQueueChanged();
    } else {
      for (const id of ids) {
        const item = this.queue.items.get(id);
        if (item?.status === 'paused') this.setStatus(item, 'queued');
      }
    }
    this.pump();
  }

  /** Cancels items (all unfinished when no ids). Their part files, local or remote, are removed (best effort). */
  cancel(ids?: number[]): void {
    const targets = ids ? ids.map((id) => this.queue.items.get(id)) : [...this.queue.items.values()];
    for (const item of targets) {
      if (!item || !PENDING.has(item.status)) continue;
      const slot = this.active.get(item.id);
      if (slot) this.stopSlot(slot, 'cancel');
      else if (item.partial) this.discardPartial(item);
      this.setStatus(item, 'cancelled', { partial: undefined });
    }
    this.emitQueueChanged();
  }

  /** Moves an item to a new position in the queue. */
  move(id: number, toIndex: number): void {
    this.queue.move(id, toIndex);
    this.emitQueueChanged();
    this.pump();
  }

  /** Puts every failed item back in the queue with a fresh set of retries. */
  retryFailed(): number {
    const failed = [...this.queue.items.values()].filter((i) => i.status === 'failed' && i.error?.code !== 'unsafe_name');
    this.queue.updateMany(failed.map((item) => ({ item, fields: { status: 'queued', attempts: 0, error: undefined, retryAt: undefined } })));
    for (const item of failed) this.bump(item.batchId, 1);
    this.emitQueueChanged();
    this.pump();
    return failed.length;
  }

  /** Answers a conflict; `applyToBatch` answers every conflict of the batch, now and later. */
  resolveConflict(id: number, choice: ConflictChoice, applyToBatch = false): void {
    const item = this.queue.items.get(id);
    if (!item || item.status !== 'conflict') return;
    const batch = this.queue.batches.get(item.batchId);
    if (applyToBatch && batch) {
      batch.choiceForAll = choice;
      this.queue.updateBatch(batch);
      const waiting = [...this.queue.items.values()].filter((i) => i.batchId === batch.id && i.status === 'conflict');
      this.queue.updateMany(waiting.map((i) => ({ item: i, fields: { status: 'queued', choice } })));
      this.emitQueueChanged();
    } else {
      this.queue.update(item, { status: 'queued', choice });
      this.emit('item', { ...item });
    }
    this.pump();
  }

  /** Removes finished items (done, verified, skipped, cancelled) from the list. */
  clearFinished(): number {
    const ids = [...this.queue.items.values()].filter((i) => isFinished(i.status)).map((i) => i.id);
    this.queue.remove(ids);
    this.emitQueueChanged();
    return ids.length;
  }

  /** Stops work, closes connections; the queue stays on disk and resumes on the next start. */
  async close(): Promise<void> {
    this.closed = true;
    for (const slot of this.active.values()) this.stopSlot(slot, 'pause');
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    if (this.progressTimer) clearInterval(this.progressTimer);
    while (this.active.size > 0) await new Promise((r) => setTimeout(r, 20));
    while (this.cleanups.size > 0) await Promise.all([...this.cleanups]);
    this.browser.close();
    this.pool.setCredentials(null);
    this.queue.close();
  }
}
