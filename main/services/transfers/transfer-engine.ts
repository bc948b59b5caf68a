/**
 * The transfer engine: a persistent queue run by a pool of FTPS
 * connections (one transfer each). Plain Node, no Electron: a router exposes
 * it over IPC and forwards its events.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ConnectionPool } from './connection-pool';
import { runDownload } from './download-runner';
import { TransferError, classifyError } from './errors';
import type { FtpConnection } from './ftp-connection';
import { RemoteBrowser } from './remote-browser';
import { LOCAL_PART_SUFFIX, type RunContext, type RunOutcome } from './run-context';
import { RateLimiter } from './stream-utils';
import { TransferQueue, isFinished } from './transfer-queue';
import { runUpload } from './upload-runner';
import { collectDownloads, collectUploads, type ItemSpec } from './enqueue';
import { isValidRemotePath } from './safe-names';
import type {
  ConflictChoice, ConflictPolicy, QueueState, TransferBatch, TransferCredentials, TransferDirection,
  TransferEventName, TransferEvents, TransferItem, TransferListener, TransferStatus, TransferTotals,
} from './types';

/** Options of {@link TransferEngine}. */
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

interface Slot {
  conn: FtpConnection | null;
  stop: 'cancel' | 'pause' | null;
  startedAt: number;
  startBytes: number;
}

function targetKey(item: TransferItem): string {
  return item.direction === 'upload' ? `u:${item.remotePath}` : `d:${item.localPath}`;
}

const PENDING: ReadonlySet<TransferStatus> = new Set(['queued', 'running', 'paused', 'conflict']);

export class TransferEngine {
  private readonly queue: TransferQueue;
  private readonly pool: ConnectionPool;
  private readonly browser: RemoteBrowser;
  private readonly limiter: RateLimiter;
  private readonly listeners = new Set<TransferListener>();
  private readonly active = new Map<number, Slot>();
  private readonly pendingByBatch = new Map<number, number>();
  private readonly busyTargets = new Set<string>();
  /** Active items that already returned their connection (finishing on the local disk). */
  private finishing = 0;
  /** Local folders created and checked during this run (cleared when idle). */
  private readonly localDirs = new Set<string>();
  private readonly retryDelays: number[];
  private readonly now: () => number;
  private credentials: TransferCredentials | null = null;
  private waitReason: 'credentials_expired' | 'token_revoked' | 'missing' | null = 'missing';
  private wakeTimer: NodeJS.Timeout | null = null;
  private progressTimer: NodeJS.Timeout | null = null;
  private idleWaiters: (() => void)[] = [];
  private bytesMoved = 0;
  private speed = { at: 0, bytes: 0, bps: 0 };
  private closed = false;
  private refreshing = false;
  private lastRefreshAt = -Infinity;

  constructor(private readonly options: TransferEngineOptions) {
    this.queue = new TransferQueue(path.join(options.dataDir, 'transfers', 'queue.jsonl'));
    this.pool = new ConnectionPool(options.connections ?? 4, options.timeoutMs ?? 30_000, options.maxTlsVersion);
    this.browser = new RemoteBrowser(this.pool);
    this.limiter = new RateLimiter(options.bytesPerSecondLimit ?? 0);
    this.retryDelays = options.retryDelaysMs ?? [2000, 4000, 8000];
    this.now = options.now ?? Date.now;
    for (const item of this.queue.items.values()) if (PENDING.has(item.status)) this.bump(item.batchId, 1);
  }

  /** Subscribes to engine events; returns the unsubscribe function. */
  on(listener: TransferListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit<E extends TransferEventName>(event: E, payload: TransferEvents[E]): void {
    for (const listener of this.listeners) listener(event, payload);
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

  /** Remote browsing (list, mkdir, rename, delete) on its own connection. */
  get remote(): RemoteBrowser {
    return this.browser;
  }

  queueState(): QueueState {
    return {
      state: this.queue.paused ? 'paused' : this.waitReason ? 'waiting-credentials' : 'running',
      ...(this.waitReason && this.waitReason !== 'missing' ? { reason: this.waitReason } : {}),
      connections: this.active.size,
      connectionLimit: this.pool.limit,
    };
  }

  private emitQueueChanged(): void {
    this.emit('queue-changed', { ...this.queueState(), items: this.queue.size });
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

  item(id: number): TransferItem | undefined {
    const item = this.queue.items.get(id);
    return item ? { ...item } : undefined;
  }

  totals(): TransferTotals {
    const t = this.queue.totals();
    const bps = this.speed.bps;
    const left = t.totalBytes - t.transferredBytes;
    return { ...t, bytesPerSecond: Math.round(bps), etaSeconds: bps > 0 && left >= 0 ? Math.ceil(left / bps) : null };
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

  /** Cancels items (all unfinished when no ids). Partial downloads are removed. */
  cancel(ids?: number[]): void {
    const targets = ids ? ids.map((id) => this.queue.items.get(id)) : [...this.queue.items.values()];
    for (const item of targets) {
      if (!item || !PENDING.has(item.status)) continue;
      const slot = this.active.get(item.id);
      if (slot) this.stopSlot(slot, 'cancel');
      else if (item.direction === 'download' && item.partial) void fsp.rm(item.localPath + LOCAL_PART_SUFFIX, { force: true });
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

  /** Resolves when nothing is running and nothing can start now (tests, shutdown). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    if (this.active.size > 0) return false;
    if (this.queue.paused || this.waitReason || this.closed) return true;
    const { item, wakeAt } = this.queue.next(Number.MAX_SAFE_INTEGER);
    return !item && wakeAt === undefined;
  }

  /** Stops work, closes connections; the queue stays on disk and resumes on the next start. */
  async close(): Promise<void> {
    this.closed = true;
    for (const slot of this.active.values()) this.stopSlot(slot, 'pause');
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    if (this.progressTimer) clearInterval(this.progressTimer);
    while (this.active.size > 0) await new Promise((r) => setTimeout(r, 20));
    this.browser.close();
    this.pool.setCredentials(null);
    this.queue.close();
  }

  private bump(batchId: number, delta: number): void {
    this.pendingByBatch.set(batchId, (this.pendingByBatch.get(batchId) ?? 0) + delta);
  }

  private setStatus(item: TransferItem, status: TransferStatus, fields: Partial<TransferItem> = {}): void {
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

  private finishBatch(batchId: number): void {
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

  private stopSlot(slot: Slot, why: 'cancel' | 'pause'): void {
    slot.stop = why;
    slot.conn?.close();
  }

  /** Starts as many items as the pool allows. */
  private pump(): void {
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

  private emitProgress(): void {
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

  private async work(item: TransferItem): Promise<void> {
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
      this.busyTargets.delete(key);
      this.active.delete(item.id);
      this.pump();
    }
  }

  private contextFor(conn: FtpConnection, item: TransferItem, batch: TransferBatch, releaseConnection: () => void): RunContext {
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

  private finishItem(item: TransferItem, outcome: RunOutcome): void {
    if (outcome.status === 'conflict') {
      this.setStatus(item, 'conflict');
      this.emit('conflict', { itemId: item.id, batchId: item.batchId, direction: item.direction, localPath: item.localPath, remotePath: item.remotePath, ...outcome.conflict });
      return;
    }
    const transferred = outcome.status === 'skipped' ? item.transferred : Math.max(item.size, 0);
    this.setStatus(item, outcome.status, { transferred, partial: undefined, error: undefined });
  }

  private failItem(item: TransferItem, slot: Slot, error: TransferError): void {
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

  private needCredentials(reason: 'credentials_expired' | 'token_revoked'): void {
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
}
