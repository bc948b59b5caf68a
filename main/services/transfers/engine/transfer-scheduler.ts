/**
 * The run loop under the transfer engine: starts queued items on the
 * connection pool, tracks what is running, turns outcomes and errors into
 * statuses (retries with backoff, waiting for credentials), and emits
 * progress. The queue API users call lives in `TransferEngine`.
 */
import path from 'node:path';
import { ConnectionPool } from './connection-pool';
import { CredentialRefresher } from './credential-refresh';
import { runDownload } from './download-runner';
import type { TransferEngineOptions } from './engine-options';
import { TransferError, classifyError } from './errors';
import type { FtpConnection } from './ftp-connection';
import { RemoteBrowser } from './remote-browser';
import { afterFailure } from './item-failure';
import { PENDING, batchCounts } from './item-status';
import { removePartFile } from './part-cleanup';
import { targetKey, type Slot } from './slots';
import { ProgressMeter, activeProgress, withSpeed } from './progress-meter';
import type { RunContext, RunOutcome } from './run-context';
import { RateLimiter } from './stream-utils';
import { TransferQueue } from './transfer-queue';
import { runUpload } from './upload-runner';
import type {
  QueueState, TransferBatch, TransferCredentials, TransferEventName, TransferEvents, TransferItem, TransferListener, TransferStatus, TransferTotals,
} from './types';

/** Scheduling state and the run loop; `TransferEngine` adds the queue API on top. */
export class TransferScheduler {
  protected readonly queue: TransferQueue;
  protected readonly pool: ConnectionPool;
  protected readonly browser: RemoteBrowser;
  protected readonly limiter: RateLimiter;
  protected readonly listeners = new Set<TransferListener>();
  protected readonly active = new Map<number, Slot>();
  protected readonly pendingByBatch = new Map<number, number>();
  protected readonly busyTargets = new Set<string>();
  /** Active items that already returned their connection (finishing on the local disk). */
  protected finishing = 0;
  /** Local folders created and checked during this run (cleared when idle). */
  protected readonly localDirs = new Set<string>();
  protected readonly retryDelays: number[];
  protected readonly now: () => number;
  protected credentials: TransferCredentials | null = null;
  protected waitReason: 'credentials_expired' | 'token_revoked' | 'missing' | null = 'missing';
  protected wakeTimer: NodeJS.Timeout | null = null;
  protected progressTimer: NodeJS.Timeout | null = null;
  protected idleWaiters: (() => void)[] = [];
  protected readonly meter = new ProgressMeter();
  protected closed = false;
  protected readonly refresher: CredentialRefresher;
  /** Part files being removed after a cancel (awaited by `whenIdle`). */
  protected readonly cleanups = new Set<Promise<unknown>>();

  constructor(protected readonly options: TransferEngineOptions) {
    this.queue = new TransferQueue(path.join(options.dataDir, 'transfers', 'queue.jsonl'));
    this.pool = new ConnectionPool(options.connections ?? 4, options.timeoutMs ?? 30_000, options.maxTlsVersion);
    this.browser = new RemoteBrowser(this.pool);
    this.limiter = new RateLimiter(options.bytesPerSecondLimit ?? 0);
    this.retryDelays = options.retryDelaysMs ?? [2000, 4000, 8000];
    this.now = options.now ?? Date.now;
    this.refresher = new CredentialRefresher(options.refreshCredentials, this.now);
    for (const item of this.queue.items.values()) if (PENDING.has(item.status)) this.bump(item.batchId, 1);
  }

  /** Supplies (new) credentials; a queue waiting for them carries on. */
  setCredentials(credentials: TransferCredentials | null): void {
    this.credentials = credentials;
    this.pool.setCredentials(credentials);
    this.waitReason = credentials ? null : 'missing';
    if (credentials) {
      // Items that waited for credentials lose that reason now.
      const changes = [...this.queue.items.values()]
        .filter((i) => i.status === 'queued' && (i.error?.code === 'credentials_expired' || i.error?.code === 'token_revoked'))
        .map((item) => ({ item, fields: { error: undefined } as Partial<TransferItem> }));
      if (changes.length) this.queue.updateMany(changes);
    }
    this.emitQueueChanged();
    this.pump();
  }
  /** Subscribes to engine events; returns the unsubscribe function. */
  on(listener: TransferListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  protected emit<E extends TransferEventName>(event: E, payload: TransferEvents[E]): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  queueState(): QueueState {
    return {
      state: this.queue.paused ? 'paused' : this.waitReason ? 'waiting-credentials' : 'running',
      ...(this.waitReason && this.waitReason !== 'missing' ? { reason: this.waitReason } : {}),
      connections: this.active.size,
      connectionLimit: this.pool.limit,
    };
  }

  protected emitQueueChanged(): void {
    this.emit('queue-changed', { ...this.queueState(), items: this.queue.size });
  }

  totals(): TransferTotals {
    return withSpeed(this.queue.totals(), this.meter.bytesPerSecond);
  }

  /** Resolves when nothing is running and nothing can start now (tests, shutdown). */
  async whenIdle(): Promise<void> {
    if (!this.isIdle()) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    while (this.cleanups.size > 0) await Promise.all([...this.cleanups]);
  }

  protected isIdle(): boolean {
    if (this.active.size > 0) return false;
    if (this.queue.paused || this.waitReason || this.closed) return true;
    const { item, wakeAt } = this.queue.next(Number.MAX_SAFE_INTEGER);
    return !item && wakeAt === undefined;
  }

  protected bump(batchId: number, delta: number): void {
    this.pendingByBatch.set(batchId, (this.pendingByBatch.get(batchId) ?? 0) + delta);
  }

  protected setStatus(item: TransferItem, status: TransferStatus, fields: Partial<TransferItem> = {}): void {
    const wasPending = PENDING.has(item.status);
    this.queue.update(item, { ...fields, status });
    const isPending = PENDING.has(status);
    if (wasPending && !isPending) {
      this.bump(item.batchId, -1);
      if ((this.pendingByBatch.get(item.batchId) ?? 0) <= 0) this.finishBatch(item.batchId);
    } else if (!wasPending && isPending) {
      this.bump(item.batchId, 1);
    }
    this.emit('item', { ...item });
  }

  protected finishBatch(batchId: number): void {
    this.pendingByBatch.delete(batchId);
    const batch = this.queue.batches.get(batchId);
    if (!batch) return;
    this.emit('batch-finished', { batchId, direction: batch.direction, ...batchCounts(this.queue.items.values(), batchId) });
  }

  protected stopSlot(slot: Slot, why: 'cancel' | 'pause'): void {
    slot.stop = why;
    slot.conn?.close();
  }

  /** Starts as many items as the pool allows. */
  protected pump(): void {
    if (this.closed) return;
    if (this.wakeTimer) {
      clearTimeout(this.wakeTimer);
      this.wakeTimer = null;
    }
    // Items that gave their connection back and only finish locally don't count.
    while (!this.queue.paused && !this.waitReason && this.active.size - this.finishing < this.pool.limit) {
      const { item, wakeAt } = this.queue.next(this.now(), (candidate) => this.busyTargets.has(targetKey(candidate)));
      if (!item) {
        if (wakeAt !== undefined) this.wakeTimer = setTimeout(() => this.pump(), Math.max(0, wakeAt - this.now()));
        break;
      }
      void this.work(item);
    }
    if (this.active.size > 0 && !this.progressTimer) {
      this.progressTimer = setInterval(() => this.emitProgress(), this.options.progressIntervalMs ?? 250);
    }
    if (this.isIdle()) {
      // Nothing runs: what we learned about folders may go stale from here on.
      this.localDirs.clear();
      this.pool.listings.invalidate();
      if (this.progressTimer) {
        clearInterval(this.progressTimer);
        this.progressTimer = null;
        this.emitProgress();
      }
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  protected emitProgress(): void {
    const now = this.now();
    this.meter.sample(now);
    this.emit('progress', { totals: this.totals(), active: activeProgress(this.active, this.queue.items, now) });
  }

  protected async work(item: TransferItem): Promise<void> {
    const slot: Slot = { conn: null, stop: null, startedAt: this.now(), startBytes: item.transferred };
    this.active.set(item.id, slot);
    // Two items never write the same target at once (a hostile listing may repeat a name).
    const key = targetKey(item);
    this.busyTargets.add(key);
    this.setStatus(item, 'running', { error: undefined, retryAt: undefined });
    let conn: FtpConnection | null = null;
    let released = false;
    // A runner that needs no more commands hands the connection back early
    // (e.g. while a download is fsynced), so the next file can start on it.
    const releaseConnection = () => {
      if (!conn || released) return;
      released = true;
      this.pool.release(conn, true);
      conn = null;
      slot.conn = null;
      this.finishing++;
      this.pump();
    };
    try {
      conn = await this.pool.acquire();
      slot.conn = conn;
      if (slot.stop) throw new TransferError('interrupted', 'Stopped');
      const batch = this.queue.batches.get(item.batchId);
      if (!batch) throw new TransferError('internal', 'Batch missing');
      const outcome = await (item.direction === 'upload' ? runUpload : runDownload)(this.contextFor(conn, item, batch, releaseConnection));
      if (conn) this.pool.release(conn, true);
      conn = null;
      this.finishItem(item, outcome);
    } catch (error) {
      if (conn) this.pool.release(conn, false);
      this.failItem(item, slot, classifyError(error));
    } finally {
      if (released) this.finishing--;
      if (slot.stop === 'cancel') this.discardPartial(item);
      this.busyTargets.delete(key);
      this.active.delete(item.id);
      this.pump();
    }
  }

  protected contextFor(conn: FtpConnection, item: TransferItem, batch: TransferBatch, releaseConnection: () => void): RunContext {
    return {
      conn,
      releaseConnection,
      item,
      batch,
      limiter: this.limiter,
      knownDirs: this.pool.knownDirs,
      listings: this.pool.listings,
      localDirs: this.localDirs,
      onBytes: (n) => {
        item.transferred += n;
        this.meter.moved(n);
      },
      setTransferred: (n) => this.queue.update(item, { transferred: n }, false),
      persist: (fields) => this.queue.update(item, fields),
    };
  }

  protected finishItem(item: TransferItem, outcome: RunOutcome): void {
    if (outcome.status === 'conflict') {
      this.setStatus(item, 'conflict');
      this.emit('conflict', { itemId: item.id, batchId: item.batchId, direction: item.direction, localPath: item.localPath, remotePath: item.remotePath, ...outcome.conflict });
      return;
    }
    const transferred = outcome.status === 'skipped' ? item.transferred : Math.max(item.size, 0);
    this.setStatus(item, outcome.status, { transferred, partial: undefined, error: undefined });
  }

  protected failItem(item: TransferItem, slot: Slot, error: TransferError): void {
    const next = afterFailure(item, slot, error, { now: this.now, credentials: this.credentials, retryDelays: this.retryDelays });
    if (!next) return;
    this.setStatus(item, next.status, next.fields);
    if (next.then === 'queue-changed') this.emitQueueChanged();
    else if (next.then) this.needCredentials(next.then);
  }

  protected needCredentials(reason: 'credentials_expired' | 'token_revoked'): void {
    if (this.waitReason) return;
    this.credentials = null;
    this.pool.setCredentials(null);
    this.waitReason = reason;
    this.emitQueueChanged();
    this.emit('credentials-needed', { reason });
    this.refresher.refresh((fresh) => this.setCredentials(fresh));
  }

  /** Removes a cancelled item's part file, best effort (awaited by `whenIdle`). */
  protected discardPartial(item: TransferItem): void {
    let done = removePartFile(item, { browser: this.browser, listings: this.pool.listings, connected: this.credentials !== null });
    if (!done) return;
    done = done.catch(() => undefined);
    this.cleanups.add(done);
    void done.finally(() => this.cleanups.delete(done));
  }
}
