/**
 * The run loop under the transfer engine: starts queued items on the
 * connection pool, tracks what is running, turns outcomes and errors into
 * statuses (retries with backoff, waiting for credentials), and emits
 * progress. The queue API users call lives in `TransferEngine`.
 */
import path from 'node:path';
import { promises as fsp } from 'node:fs';
import { ConnectionPool } from './connection-pool';
import { runDownload } from './download-runner';
import { TransferError, classifyError } from './errors';
import type { FtpConnection } from './ftp-connection';
import { RemoteBrowser } from './remote-browser';
import { LOCAL_PART_SUFFIX, REMOTE_PART_SUFFIX, type RunContext, type RunOutcome } from './run-context';
import { RateLimiter } from './stream-utils';
import { TransferQueue } from './transfer-queue';
import { runUpload } from './upload-runner';
import type {
  QueueState, TransferBatch, TransferCredentials, TransferEventName, TransferEvents, TransferItem, TransferListener, TransferStatus, TransferTotals,
} from './types';

export interface TransferEngineOptions {
  /** The client's user-data dir; the queue lives in `<dataDir>/transfers/queue.jsonl`. */
  dataDir: string;
  /** Parallel connections (default 4). */
  connections?: number;
  /** Waits before retries 1, 2, 3 (default 2 s, 4 s, 8 s). */
  retryDelaysMs?: number[];
  /** Socket timeout (default 30 s). */
  timeoutMs?: number;
  /** Total bandwidth limit in bytes/s; 0 = none. */
  bytesPerSecondLimit?: number;
  /** How often `progress` is emitted while transferring (default 250 ms). */
  progressIntervalMs?: number;
  now?: () => number;
  /** Caps the TLS version (default: negotiate, TLS 1.2 minimum). */
  maxTlsVersion?: 'TLSv1.2' | 'TLSv1.3';
  /** Asked for fresh credentials when the token expired (e.g. the portal API while signed in). */
  refreshCredentials?: () => Promise<TransferCredentials | null>;
}

/** A running item. */
export interface Slot {
  conn: FtpConnection | null;
  stop: 'cancel' | 'pause' | null;
  startedAt: number;
  startBytes: number;
}

function targetKey(item: TransferItem): string {
  return item.direction === 'upload' ? `u:${item.remotePath}` : `d:${item.localPath}`;
}

/** Statuses that still count towards their batch. */
export const PENDING: ReadonlySet<TransferStatus> = new Set(['queued', 'running', 'paused', 'conflict']);

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
  protected bytesMoved = 0;
  protected speed = { at: 0, bytes: 0, bps: 0 };
  protected closed = false;
  protected refreshing = false;
  protected lastRefreshAt = -Infinity;
  /** Part files being removed after a cancel (awaited by `whenIdle`). */
  protected readonly cleanups = new Set<Promise<unknown>>();

  constructor(protected readonly options: TransferEngineOptions) {
    this.queue = new TransferQueue(path.join(options.dataDir, 'transfers', 'queue.jsonl'));
    this.pool = new ConnectionPool(options.connections ?? 4, options.timeoutMs ?? 30_000, options.maxTlsVersion);
    this.browser = new RemoteBrowser(this.pool);
    this.limiter = new RateLimiter(options.bytesPerSecondLimit ?? 0);
    this.retryDelays = options.retryDelaysMs ?? [2000, 4000, 8000];
    this.now = options.now ?? Date.now;
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
    const t = this.queue.totals();
    const bps = this.speed.bps;
    const left = t.totalBytes - t.transferredBytes;
    return { ...t, bytesPerSecond: Math.round(bps), etaSeconds: bps > 0 && left >= 0 ? Math.ceil(left / bps) : null };
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
    const counts = { succeeded: 0, failed: 0, skipped: 0 };
    for (const item of this.queue.items.values()) {
      if (item.batchId !== batchId) continue;
      if (item.status === 'done' || item.status === 'verified') counts.succeeded++;
      else if (item.status === 'failed') counts.failed++;
      else counts.skipped++;
    }
    this.emit('batch-finished', { batchId, direction: batch.direction, ...counts });
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
    const dt = (now - this.speed.at) / 1000;
    if (dt > 0) {
      const sample = (this.bytesMoved - this.speed.bytes) / dt;
      this.speed.bps = this.speed.at === 0 ? sample : this.speed.bps * 0.7 + sample * 0.3;
      this.speed = { at: now, bytes: this.bytesMoved, bps: this.speed.bps };
    }
    const active = [...this.active.entries()].map(([id, slot]) => {
      const item = this.queue.items.get(id);
      const seconds = (now - slot.startedAt) / 1000;
      const moved = (item?.transferred ?? 0) - slot.startBytes;
      return { id, transferred: item?.transferred ?? 0, size: item?.size ?? -1, bytesPerSecond: seconds > 0 ? Math.round(moved / seconds) : 0 };
    });
    this.emit('progress', { totals: this.totals(), active });
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
        this.bytesMoved += n;
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
    if (slot.stop === 'cancel' || item.status === 'cancelled') return;
    if (slot.stop === 'pause' || item.status === 'paused') {
      if (item.status === 'running') this.setStatus(item, 'queued');
      return;
    }
    const code = error.code;
    if (code === 'too_many_connections') {
      this.setStatus(item, 'queued', { retryAt: this.now() + 1000, error: { code, message: error.message } });
      this.emitQueueChanged();
      return;
    }
    if (code === 'token_revoked' || code === 'credentials_expired') {
      const expired = code === 'credentials_expired' || (this.credentials !== null && this.now() >= Date.parse(this.credentials.expiresAt) - 2000);
      const reason = expired ? 'credentials_expired' : 'token_revoked';
      this.setStatus(item, 'queued', { error: { code: reason, message: expired ? 'Transfer sign-in expired; waiting for new credentials' : 'The portal revoked the transfer token; waiting for new credentials' } });
      this.needCredentials(reason);
      return;
    }
    if (error.retryable && item.attempts < this.retryDelays.length) {
      const delay = this.retryDelays[item.attempts] ?? 0;
      this.setStatus(item, 'queued', { attempts: item.attempts + 1, retryAt: this.now() + delay, error: { code, message: error.message } });
      return;
    }
    this.setStatus(item, 'failed', { error: { code, message: error.message } });
  }

  protected needCredentials(reason: 'credentials_expired' | 'token_revoked'): void {
    if (this.waitReason) return;
    this.credentials = null;
    this.pool.setCredentials(null);
    this.waitReason = reason;
    this.emitQueueChanged();
    this.emit('credentials-needed', { reason });
    const refresh = this.options.refreshCredentials;
    // At most one automatic refresh per 10 s: a server that keeps refusing
    // fresh tokens must not make us hammer the portal.
    if (refresh && !this.refreshing && this.now() - this.lastRefreshAt > 10_000) {
      this.refreshing = true;
      this.lastRefreshAt = this.now();
      refresh()
        .then((fresh) => {
          if (fresh) this.setCredentials(fresh);
        })
        .catch(() => undefined)
        .finally(() => (this.refreshing = false));
    }
  }

  /**
   * Removes a cancelled item's part file, best effort: the local `.part` of a
   * download, the remote `.portico-part` of an upload (on the browse
   * connection, after the transfer's own connection is gone). Final names
   * are never touched, so a file that was complete stays.
   */
  protected discardPartial(item: TransferItem): void {
    let done: Promise<unknown>;
    if (item.direction === 'download') {
      done = fsp.rm(item.localPath + LOCAL_PART_SUFFIX, { force: true });
    } else {
      if (!this.credentials) return;
      const part = item.remotePath + REMOTE_PART_SUFFIX;
      done = this.browser.run((conn) => conn.probe(`DELE ${part}`)).then(() => this.pool.listings.invalidate(path.posix.dirname(item.remotePath)));
    }
    done = done.catch(() => undefined);
    this.cleanups.add(done);
    void done.finally(() => this.cleanups.delete(done));
  }
}
