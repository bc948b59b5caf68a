/**
 * The transfer engine: a persistent queue run by a pool of FTPS
 * connections (one transfer each). Plain Node, no Electron: a router exposes
 * it over IPC and forwards its events. This file is the queue API; it owns
 * the parts it is made of: the queue, the credentials (`CredentialState`,
 * their one owner), the connection pool, the remote browser, the item
 * statuses and the run loop (`TransferScheduler`).
 */
import path from 'node:path';
import { ConnectionPool } from './connection-pool';
import { CredentialState } from './credential-state';
import type { TransferEngineOptions } from './engine-options';
import { EngineEvents } from './engine-events';
import { TransferError } from './errors';
import { ItemStatuses } from './item-statuses';
import { RemoteBrowser } from './remote-browser';
import { TransferQueue, isFinished } from './transfer-queue';
import { PENDING } from './item-status';
import { TransferScheduler } from './transfer-scheduler';
import { collectDownloads, collectUploads, type ItemSpec } from './enqueue';
import { isValidRemotePath } from './safe-names';
import type {
  ConflictChoice, ConflictPolicy, QueueState, TransferCredentials, TransferDirection, TransferItem, TransferListener, TransferTotals,
} from './types';

export type { TransferEngineOptions } from './engine-options';

/** The queue API: enqueue, page through, pause/resume/cancel, reorder, retry, answer conflicts. */
export class TransferEngine {
  private readonly queue: TransferQueue;
  private readonly credentials = new CredentialState();
  private readonly pool: ConnectionPool;
  private readonly browser: RemoteBrowser;
  private readonly events = new EngineEvents();
  private readonly statuses: ItemStatuses;
  private readonly scheduler: TransferScheduler;

  constructor(options: TransferEngineOptions) {
    this.queue = new TransferQueue(path.join(options.dataDir, 'transfers', 'queue.jsonl'));
    // The pool listens to the credentials before the run loop does: a change
    // closes idle connections of the old ones before anything starts again.
    this.pool = new ConnectionPool({ limit: options.connections ?? 4, timeoutMs: options.timeoutMs ?? 30_000, maxTlsVersion: options.maxTlsVersion, credentials: this.credentials });
    this.browser = new RemoteBrowser(this.pool);
    this.statuses = new ItemStatuses(this.queue, this.events);
    this.scheduler = new TransferScheduler({
      queue: this.queue,
      pool: this.pool,
      browser: this.browser,
      credentials: this.credentials,
      statuses: this.statuses,
      events: this.events,
      options,
    });
  }

  /** Supplies (new) credentials; a queue waiting for them carries on. */
  setCredentials(credentials: TransferCredentials | null): void {
    this.credentials.set(credentials);
  }

  /** False until credentials were handed over, and again once the server refused them (or they were taken away). */
  get hasCredentials(): boolean {
    return this.credentials.held;
  }

  /** The FTPS host and control port of the current credentials (diagnostics checks that port). */
  get endpoint(): { host: string; port: number } | null {
    const current = this.credentials.current();
    return current ? { host: current.host, port: current.port } : null;
  }

  /** Subscribes to engine events; returns the unsubscribe function. */
  on(listener: TransferListener): () => void {
    return this.events.on(listener);
  }

  queueState(): QueueState {
    return this.scheduler.queueState();
  }

  totals(): TransferTotals {
    return this.scheduler.totals();
  }

  /** Resolves when nothing is running and nothing can start now (tests, shutdown). */
  whenIdle(): Promise<void> {
    return this.scheduler.whenIdle();
  }

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
    if (pending > 0) this.statuses.countPending(batch.id, pending);
    this.scheduler.queueChanged();
    this.scheduler.pump();
    if (pending === 0) this.statuses.finishBatch(batch.id);
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
      this.scheduler.stopAll('pause');
      this.scheduler.queueChanged();
      return;
    }
    for (const id of ids) {
      const item = this.queue.items.get(id);
      if (!item || !(item.status === 'queued' || item.status === 'running' || item.status === 'conflict')) continue;
      this.scheduler.stop(id, 'pause');
      this.statuses.set(item, 'paused');
    }
  }

  /** Resumes the queue (no ids) or paused items. */
  resume(ids?: number[]): void {
    if (!ids) {
      this.queue.setPaused(false);
      this.scheduler.queueChanged();
    } else {
      for (const id of ids) {
        const item = this.queue.items.get(id);
        if (item?.status === 'paused') this.statuses.set(item, 'queued');
      }
    }
    this.scheduler.pump();
  }

  /**
   * Cancels items (all unfinished when no ids), failed ones too: a failed
   * item may keep its part to resume (a full disk), and cancelling it is
   * how that part goes. Part files, local or remote, are removed (best effort).
   */
  cancel(ids?: number[]): void {
    const targets = ids ? ids.map((id) => this.queue.items.get(id)) : [...this.queue.items.values()];
    for (const item of targets) {
      if (!item || !(PENDING.has(item.status) || item.status === 'failed')) continue;
      if (!this.scheduler.stop(item.id, 'cancel') && item.partial) this.scheduler.discardPartial(item);
      this.statuses.set(item, 'cancelled', { partial: undefined });
    }
    this.scheduler.queueChanged();
  }

  /** Moves an item to a new position in the queue. */
  move(id: number, toIndex: number): void {
    this.queue.move(id, toIndex);
    this.scheduler.queueChanged();
    this.scheduler.pump();
  }

  /** Puts every failed item back in the queue with a fresh set of retries. */
  retryFailed(): number {
    const failed = [...this.queue.items.values()].filter((i) => i.status === 'failed' && i.error?.code !== 'unsafe_name');
    this.queue.updateMany(failed.map((item) => ({ item, fields: { status: 'queued', attempts: 0, error: undefined, retryAt: undefined } })));
    for (const item of failed) this.statuses.countPending(item.batchId, 1);
    this.scheduler.queueChanged();
    this.scheduler.pump();
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
      this.scheduler.queueChanged();
    } else {
      this.queue.update(item, { status: 'queued', choice });
      this.events.emit('item', { ...item });
    }
    this.scheduler.pump();
  }

  /** Removes finished items (done, verified, skipped, cancelled) from the list. */
  clearFinished(): number {
    const ids = [...this.queue.items.values()].filter((i) => isFinished(i.status)).map((i) => i.id);
    this.queue.remove(ids);
    this.scheduler.queueChanged();
    return ids.length;
  }

  /** Stops work, closes connections; the queue stays on disk and resumes on the next start. */
  async close(): Promise<void> {
    await this.scheduler.close();
    this.browser.close();
    this.pool.disconnect();
    this.queue.close();
  }
}
