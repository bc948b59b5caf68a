/**
 * The run loop under the transfer engine: starts queued items on the
 * connection pool, tracks what is running, turns outcomes and errors into
 * statuses (retries with backoff, waiting for credentials), and emits
 * progress. `TransferEngine` owns it (and the queue, pool and credentials
 * it is handed); the queue API users call lives there.
 */
import { CredentialRefresher } from './credential-refresh';
import type { CredentialChange, CredentialOwner } from './credential-state';
import { runDownload } from './download-runner';
import type { TransferEngineOptions } from './engine-options';
import type { EventSink } from './engine-events';
import { TransferError, classifyError } from './errors';
import type { FtpConnection } from './ftp-connection';
import { afterFailure } from './item-failure';
import { LocalNameIndex } from './local-names';
import type { ItemStatuses } from './item-statuses';
import { removePartFile } from './part-cleanup';
import { ProgressMeter, activeProgress, withSpeed } from './progress-meter';
import type { RemoteBrowser } from './remote-browser';
import type { RemoteDirCache } from './remote-dir-cache';
import type { RunContext, RunOutcome } from './run-context';
import { targetKey, type Slot } from './slots';
import { RateLimiter } from './stream-utils';
import type { TransferQueue } from './transfer-queue';
import { runUpload } from './upload-runner';
import type { QueueState, TransferBatch, TransferItem, TransferTotals } from './types';

/** The connection pool as the run loop uses it. */
export interface RunPool {
  readonly limit: number;
  readonly knownDirs: Set<string>;
  readonly listings: RemoteDirCache;
  acquire(): Promise<FtpConnection>;
  release(conn: FtpConnection, healthy: boolean): void;
}

/** What the run loop is built with; the engine owns every part. */
export interface SchedulerParts {
  queue: TransferQueue;
  pool: RunPool;
  /** Removes a cancelled upload's remote part file. */
  browser: RemoteBrowser;
  credentials: CredentialOwner;
  statuses: ItemStatuses;
  events: EventSink;
  options: Pick<TransferEngineOptions, 'bytesPerSecondLimit' | 'retryDelaysMs' | 'now' | 'progressIntervalMs' | 'refreshCredentials'>;
}

/** Scheduling state and the run loop. */
export class TransferScheduler {
  private readonly active = new Map<number, Slot>();
  private readonly busyTargets = new Set<string>();
  /** Active items that already returned their connection (finishing on the local disk). */
  private finishing = 0;
  /** Local folders created and checked during this run (cleared when idle). */
  private readonly localDirs = new Set<string>();
  private readonly localNames = new LocalNameIndex();
  private readonly limiter: RateLimiter;
  private readonly retryDelays: number[];
  private readonly now: () => number;
  private wakeTimer: NodeJS.Timeout | null = null;
  private progressTimer: NodeJS.Timeout | null = null;
  private idleWaiters: (() => void)[] = [];
  private readonly meter = new ProgressMeter();
  private closed = false;
  private readonly refresher: CredentialRefresher;
  /** Part files being removed after a cancel (awaited by `whenIdle`). */
  private readonly cleanups = new Set<Promise<unknown>>();

  constructor(private readonly parts: SchedulerParts) {
    const { options } = parts;
    this.limiter = new RateLimiter(options.bytesPerSecondLimit ?? 0);
    this.retryDelays = options.retryDelaysMs ?? [2000, 4000, 8000];
    this.now = options.now ?? Date.now;
    this.refresher = new CredentialRefresher(options.refreshCredentials, this.now);
    parts.credentials.onChange((change) => this.credentialsChanged(change));
  }

  /** New credentials carry a waiting queue on; refused ones make it wait (and ask for fresh ones). */
  private credentialsChanged(change: CredentialChange): void {
    const { queue, credentials } = this.parts;
    if (change.waiting === 'credentials_expired' || change.waiting === 'token_revoked') {
      this.queueChanged();
      this.parts.events.emit('credentials-needed', { reason: change.waiting });
      this.refresher.refresh((fresh) => credentials.set(fresh));
      return;
    }
    if (change.credentials) {
      // Items that waited for credentials lose that reason now.
      const changes = [...queue.items.values()]
        .filter((i) => i.status === 'queued' && (i.error?.code === 'credentials_expired' || i.error?.code === 'token_revoked'))
        .map((item) => ({ item, fields: { error: undefined } as Partial<TransferItem> }));
      if (changes.length) queue.updateMany(changes);
    }
    this.queueChanged();
    this.pump();
  }

  queueState(): QueueState {
    const waiting = this.parts.credentials.waiting;
    return {
      state: this.parts.queue.paused ? 'paused' : waiting ? 'waiting-credentials' : 'running',
      ...(waiting && waiting !== 'missing' ? { reason: waiting } : {}),
      connections: this.active.size,
      connectionLimit: this.parts.pool.limit,
    };
  }

  /** Emits `queue-changed` with the current state. */
  queueChanged(): void {
    this.parts.events.emit('queue-changed', { ...this.queueState(), items: this.parts.queue.size });
  }

  totals(): TransferTotals {
    return withSpeed(this.parts.queue.totals(), this.meter.bytesPerSecond, this.parts.queue.bytesLeft());
  }

  /** Resolves when nothing is running and nothing can start now (tests, shutdown). */
  async whenIdle(): Promise<void> {
    if (!this.isIdle()) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    while (this.cleanups.size > 0) await Promise.all([...this.cleanups]);
  }

  /** Stops the item if it is running; false when it was not. */
  stop(id: number, why: 'cancel' | 'pause'): boolean {
    const slot = this.active.get(id);
    if (!slot) return false;
    this.stopSlot(slot, why);
    return true;
  }

  /** Stops every running item. */
  stopAll(why: 'cancel' | 'pause'): void {
    for (const slot of this.active.values()) this.stopSlot(slot, why);
  }

  /** Stops for good: running items pause (and resume on the next start), timers end. */
  async close(): Promise<void> {
    this.closed = true;
    this.stopAll('pause');
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    if (this.progressTimer) clearInterval(this.progressTimer);
    while (this.active.size > 0) await new Promise((r) => setTimeout(r, 20));
    while (this.cleanups.size > 0) await Promise.all([...this.cleanups]);
  }

  private isIdle(): boolean {
    if (this.active.size > 0) return false;
    if (this.parts.queue.paused || this.parts.credentials.waiting || this.closed) return true;
    const { item, wakeAt } = this.parts.queue.next(Number.MAX_SAFE_INTEGER);
    return !item && wakeAt === undefined;
  }

  private stopSlot(slot: Slot, why: 'cancel' | 'pause'): void {
    slot.stop = why;
    slot.conn?.close();
  }

  /** Starts as many items as the pool allows. */
  pump(): void {
    if (this.closed) return;
    const { queue, pool, credentials } = this.parts;
    if (this.wakeTimer) {
      clearTimeout(this.wakeTimer);
      this.wakeTimer = null;
    }
    // Items that gave their connection back and only finish locally don't count.
    while (!queue.paused && !credentials.waiting && this.active.size - this.finishing < pool.limit) {
      const { item, wakeAt } = queue.next(this.now(), (candidate) => this.busyTargets.has(targetKey(candidate)));
      if (!item) {
        if (wakeAt !== undefined) this.wakeTimer = setTimeout(() => this.pump(), Math.max(0, wakeAt - this.now()));
        break;
      }
      void this.work(item);
    }
    if (this.active.size > 0 && !this.progressTimer) {
      this.progressTimer = setInterval(() => this.emitProgress(), this.parts.options.progressIntervalMs ?? 250);
    }
    if (this.isIdle()) {
      // Nothing runs: what we learned about folders may go stale from here on.
      this.localDirs.clear();
      this.localNames.clear();
      pool.listings.invalidate();
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
    this.meter.sample(now);
    this.parts.events.emit('progress', { totals: this.totals(), active: activeProgress(this.active, this.parts.queue.items, now) });
  }

  private async work(item: TransferItem): Promise<void> {
    const { pool, queue, statuses } = this.parts;
    const slot: Slot = { conn: null, stop: null, startedAt: this.now(), startBytes: item.transferred };
    this.active.set(item.id, slot);
    // Two items never write the same target at once (a hostile listing may repeat a name).
    const key = targetKey(item);
    this.busyTargets.add(key);
    statuses.set(item, 'running', { error: undefined, retryAt: undefined });
    let conn: FtpConnection | null = null;
    let released = false;
    // A runner that needs no more commands hands the connection back early
    // (e.g. while a download is fsynced), so the next file can start on it.
    const releaseConnection = () => {
      if (!conn || released) return;
      released = true;
      pool.release(conn, true);
      conn = null;
      slot.conn = null;
      this.finishing++;
      this.pump();
    };
    try {
      conn = await pool.acquire();
      slot.conn = conn;
      if (slot.stop) throw new TransferError('interrupted', 'Stopped');
      const batch = queue.batches.get(item.batchId);
      if (!batch) throw new TransferError('internal', 'Batch missing');
      const outcome = await (item.direction === 'upload' ? runUpload : runDownload)(this.contextFor(conn, item, batch, releaseConnection));
      if (conn) pool.release(conn, true);
      conn = null;
      this.finishItem(item, outcome);
    } catch (error) {
      if (conn) pool.release(conn, false);
      this.failItem(item, slot, classifyError(error));
    } finally {
      if (released) this.finishing--;
      if (slot.stop === 'cancel') this.discardPartial(item);
      this.busyTargets.delete(key);
      this.active.delete(item.id);
      this.pump();
    }
  }

  private contextFor(conn: FtpConnection, item: TransferItem, batch: TransferBatch, releaseConnection: () => void): RunContext {
    const { pool, queue } = this.parts;
    return {
      conn,
      releaseConnection,
      item,
      batch,
      limiter: this.limiter,
      knownDirs: pool.knownDirs,
      listings: pool.listings,
      localDirs: this.localDirs,
      localNames: this.localNames,
      onBytes: (n) => {
        item.transferred += n;
        this.meter.moved(n);
      },
      setTransferred: (n) => queue.update(item, { transferred: n }, false),
      persist: (fields) => queue.update(item, fields),
    };
  }

  private finishItem(item: TransferItem, outcome: RunOutcome): void {
    const { statuses, events } = this.parts;
    if (outcome.status === 'conflict') {
      statuses.set(item, 'conflict');
      events.emit('conflict', { itemId: item.id, batchId: item.batchId, direction: item.direction, localPath: item.localPath, remotePath: item.remotePath, ...outcome.conflict });
      return;
    }
    // A skipped item cannot resume: no part of it may stay.
    if (outcome.status === 'skipped' && item.partial) this.discardPartial(item);
    const transferred = outcome.status === 'skipped' ? item.transferred : Math.max(item.size, 0);
    statuses.set(item, outcome.status, { transferred, partial: undefined, partName: undefined, error: undefined });
  }

  private failItem(item: TransferItem, slot: Slot, error: TransferError): void {
    const next = afterFailure(item, slot, error, { now: this.now, credentials: this.parts.credentials.current(), retryDelays: this.retryDelays });
    if (!next) return;
    this.parts.statuses.set(item, next.status, next.fields);
    if (next.then === 'queue-changed') this.queueChanged();
    // Refused credentials: the queue waits; the change (announced by the owner) asks for fresh ones.
    else if (next.then) this.parts.credentials.expire(next.then);
  }

  /** Removes a cancelled item's part file, best effort (awaited by `whenIdle`). */
  discardPartial(item: TransferItem): void {
    const { browser, pool, credentials } = this.parts;
    let done = removePartFile(item, { browser, listings: pool.listings, connected: credentials.current() !== null });
    if (!done) return;
    done = done.catch(() => undefined);
    this.cleanups.add(done);
    void done.finally(() => this.cleanups.delete(done));
  }
}
