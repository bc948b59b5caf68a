/**
 * The queue's in-memory state (items by id + their order) with every change
 * journaled. Picking the next item is amortized O(1): a cursor skips the
 * prefix of items that can no longer run, so 100,000 items stay cheap.
 */
import { legacyPartName } from './part-names';
import { QueueJournal, applyMove, type JournalRecord } from './queue-journal';
import type { TransferBatch, TransferItem, TransferStatus, TransferTotals } from './types';

const FINISHED: ReadonlySet<TransferStatus> = new Set(['done', 'verified', 'skipped', 'cancelled']);

/** True for statuses that end an item's life (successfully or not). */
export function isFinished(status: TransferStatus): boolean {
  return FINISHED.has(status);
}

function maxKey(map: Map<number, unknown>): number {
  let max = 0;
  for (const key of map.keys()) if (key > max) max = key;
  return max;
}

/** JSON drops `undefined`; the journal records a cleared field as null. */
function forJournal(fields: Partial<TransferItem>): Partial<TransferItem> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) out[key] = value === undefined ? null : value;
  return out as Partial<TransferItem>;
}

export class TransferQueue {
  readonly items: Map<number, TransferItem>;
  readonly batches: Map<number, TransferBatch>;
  private order: number[];
  private cursor = 0;
  private nextItemId: number;
  private nextBatchId: number;
  paused: boolean;
  private readonly journal: QueueJournal;

  constructor(file: string) {
    const state = QueueJournal.load(file);
    this.items = state.items;
    this.batches = state.batches;
    this.order = state.order;
    this.paused = state.paused;
    this.nextItemId = maxKey(this.items) + 1;
    this.nextBatchId = maxKey(this.batches) + 1;
    // After a crash or restart, whatever was running carries on from its .part.
    for (const item of this.items.values()) {
      if (item.status === 'running') {
        item.status = 'queued';
        item.partial = true;
      }
      if (item.partial && !item.partName) item.partName = legacyPartName(item);
      delete item.retryAt;
    }
    this.journal = QueueJournal.open(file, () => this.items.size, () => this.snapshot());
    this.journal.compact();
  }

  private snapshot(): JournalRecord[] {
    const live = new Set<number>();
    for (const item of this.items.values()) live.add(item.batchId);
    const records: JournalRecord[] = [];
    for (const batch of this.batches.values()) if (live.has(batch.id)) records.push({ op: 'batch', batch });
    for (const id of this.order) {
      const item = this.items.get(id);
      if (item) records.push({ op: 'add', item });
    }
    records.push({ op: 'paused', value: this.paused });
    return records;
  }

  get size(): number {
    return this.items.size;
  }

  addBatch(batch: Omit<TransferBatch, 'id'>): TransferBatch {
    const full = { ...batch, id: this.nextBatchId++ };
    this.batches.set(full.id, full);
    this.journal.append([{ op: 'batch', batch: full }]);
    return full;
  }

  updateBatch(batch: TransferBatch): void {
    this.journal.append([{ op: 'batch', batch }]);
  }

  /**
   * Adds items in one journal write. Ids are assigned here, in place: the
   * queue adopts the records (no copy per item, which mattered for 100,000).
   */
  add(items: (Omit<TransferItem, 'id'> & { id?: number })[]): TransferItem[] {
    const added = items as TransferItem[];
    const records: JournalRecord[] = [];
    for (const item of added) {
      item.id = this.nextItemId++;
      this.items.set(item.id, item);
      this.order.push(item.id);
      records.push({ op: 'add', item });
    }
    this.journal.append(records);
    return added;
  }

  /** Changes fields of an item and journals them. Progress-only updates skip the journal. */
  update(item: TransferItem, fields: Partial<TransferItem>, journal = true): void {
    Object.assign(item, fields);
    for (const key of Object.keys(fields) as (keyof TransferItem)[]) if (fields[key] === undefined) delete item[key];
    if (journal) this.journal.append([{ op: 'set', id: item.id, fields: forJournal(fields) }]);
    if (fields.status === 'queued') this.rewind();
  }

  /** Updates many items with one journal write. */
  updateMany(changes: { item: TransferItem; fields: Partial<TransferItem> }[]): void {
    for (const { item, fields } of changes) {
      Object.assign(item, fields);
      for (const key of Object.keys(fields) as (keyof TransferItem)[]) if (fields[key] === undefined) delete item[key];
    }
    this.journal.append(changes.map(({ item, fields }) => ({ op: 'set', id: item.id, fields: forJournal(fields) })));
    this.rewind();
  }

  remove(ids: number[]): void {
    const gone = new Set<number>();
    for (const id of ids) if (this.items.delete(id)) gone.add(id);
    if (gone.size === 0) return;
    this.order = this.order.filter((id) => !gone.has(id));
    this.journal.append([...gone].map((id) => ({ op: 'del', id })));
    this.rewind();
  }

  move(id: number, to: number): void {
    if (!this.items.has(id)) return;
    applyMove(this.order, id, to);
    this.journal.append([{ op: 'move', id, to }]);
    this.rewind();
  }

  setPaused(value: boolean): void {
    this.paused = value;
    this.journal.append([{ op: 'paused', value }]);
  }

  /** Makes `next` look at the whole queue again. */
  rewind(): void {
    this.cursor = 0;
  }

  /**
   * The first queued item allowed to start now, or undefined. Also returns
   * the earliest pending retry time so the caller can wake up for it.
   */
  next(now: number, busy?: (item: TransferItem) => boolean): { item?: TransferItem; wakeAt?: number } {
    let wakeAt: number | undefined;
    for (let i = this.cursor; i < this.order.length; i++) {
      const item = this.items.get(this.order[i]!);
      if (!item || item.status !== 'queued') {
        if (i === this.cursor) this.cursor = i + 1;
        continue;
      }
      if (item.retryAt !== undefined && item.retryAt > now) {
        wakeAt = Math.min(wakeAt ?? Infinity, item.retryAt);
        continue;
      }
      if (busy?.(item)) continue;
      return { item, wakeAt };
    }
    return { wakeAt };
  }

  /** Items in queue order, for a virtualized list. */
  page(offset: number, limit: number): TransferItem[] {
    const out: TransferItem[] = [];
    for (let i = Math.max(0, offset); i < this.order.length && out.length < limit; i++) {
      const item = this.items.get(this.order[i]!);
      if (item) out.push(item);
    }
    return out;
  }

  indexOf(id: number): number {
    return this.order.indexOf(id);
  }

  /** Counts and byte totals; O(n), called a few times per second at most. */
  totals(): Omit<TransferTotals, 'bytesPerSecond' | 'etaSeconds'> {
    const t = { items: 0, queued: 0, running: 0, finished: 0, failed: 0, conflicts: 0, totalBytes: 0, transferredBytes: 0 };
    for (const item of this.items.values()) {
      t.items++;
      if (item.status === 'cancelled' || item.status === 'skipped') {
        t.finished++;
        continue;
      }
      if (item.status === 'queued' || item.status === 'paused') t.queued++;
      else if (item.status === 'running') t.running++;
      else if (item.status === 'failed') t.failed++;
      else if (item.status === 'conflict') t.conflicts++;
      else t.finished++;
      if (item.size > 0) t.totalBytes += item.size;
      t.transferredBytes += item.status === 'done' || item.status === 'verified' ? Math.max(item.size, 0) : item.transferred;
    }
    return t;
  }

  /** Bytes still to move: what waiting and running items have not sent yet. */
  bytesLeft(): number {
    let left = 0;
    for (const item of this.items.values()) {
      if (item.status !== 'queued' && item.status !== 'paused' && item.status !== 'running') continue;
      if (item.size > 0) left += Math.max(0, item.size - item.transferred);
    }
    return left;
  }

  close(): void {
    this.journal.close();
  }
}
