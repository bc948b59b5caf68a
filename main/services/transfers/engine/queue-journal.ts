/**
 * The persistent queue: an append-only JSON-lines journal in the user-data
 * dir. Each change is one line. Lines of one event-loop turn are gathered
 * and written with one write before the next turn (`setImmediate`): four
 * connections finishing small files change several items per turn, and one
 * write per change was a measurable share of the client's CPU per file. A
 * crash can lose at most that last turn, which replay treats like any
 * interrupted transfer (items that were running resume from their part);
 * a torn last line from a power cut is ignored on replay. When the journal grows well past
 * the live state it is compacted: a snapshot is written to a temp file,
 * fsynced, and renamed over the journal (atomic).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TransferBatch, TransferItem } from './types';

/** One journal line. */
export type JournalRecord =
  | { op: 'batch'; batch: TransferBatch }
  | { op: 'add'; item: TransferItem }
  | { op: 'set'; id: number; fields: Partial<TransferItem> }
  | { op: 'del'; id: number }
  | { op: 'move'; id: number; to: number }
  | { op: 'paused'; value: boolean };

/** State rebuilt from the journal. */
export interface JournalState {
  batches: Map<number, TransferBatch>;
  items: Map<number, TransferItem>;
  order: number[];
  paused: boolean;
}

export class QueueJournal {
  private fd: number;
  private written = 0;
  /** Lines not yet written (at most one event-loop turn's worth, or 64 KB). */
  private pending = '';
  private flushTimer: NodeJS.Immediate | null = null;

  private constructor(
    private readonly file: string,
    private readonly liveCount: () => number,
    private readonly snapshot: () => JournalRecord[],
  ) {
    this.fd = fs.openSync(file, 'a', 0o600);
  }

  /** Replays `file` (if any) into a state. Unknown or torn lines are skipped. */
  static load(file: string): JournalState {
    const state: JournalState = { batches: new Map(), items: new Map(), order: [], paused: false };
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return state;
      throw error;
    }
    const deleted = new Set<number>();
    const moves: { id: number; to: number }[] = [];
    let moved = false;
    for (const line of text.split('\n')) {
      if (!line) continue;
      let rec: JournalRecord;
      try {
        rec = JSON.parse(line) as JournalRecord;
      } catch {
        continue;
      }
      switch (rec.op) {
        case 'batch':
          state.batches.set(rec.batch.id, rec.batch);
          break;
        case 'add':
          state.items.set(rec.item.id, rec.item);
          state.order.push(rec.item.id);
          break;
        case 'set': {
          const item = state.items.get(rec.id);
          if (item) {
            for (const [key, value] of Object.entries(rec.fields)) {
              if (value === null) delete (item as unknown as Record<string, unknown>)[key];
              else (item as unknown as Record<string, unknown>)[key] = value;
            }
          }
          break;
        }
        case 'del':
          state.items.delete(rec.id);
          deleted.add(rec.id);
          break;
        case 'move':
          // Moves are rare; apply them in order on the compacted order below.
          moves.push({ id: rec.id, to: rec.to });
          moved = true;
          break;
        case 'paused':
          state.paused = rec.value;
          break;
      }
      // A move must see the order as it was at that point: flush deletions first.
      if (moved) {
        if (deleted.size) state.order = state.order.filter((id) => !deleted.has(id));
        deleted.clear();
        for (const m of moves.splice(0)) applyMove(state.order, m.id, m.to);
        moved = false;
      }
    }
    if (deleted.size) state.order = state.order.filter((id) => !deleted.has(id));
    return state;
  }

  /** Opens (creating) the journal for appending. */
  static open(file: string, liveCount: () => number, snapshot: () => JournalRecord[]): QueueJournal {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    return new QueueJournal(file, liveCount, snapshot);
  }

  /**
   * Appends records, in writes of at most ~64 KB: one huge string per big
   * batch would land in V8's large-object space and stay there until a full
   * GC, which showed as tens of MB of heap while queueing 100,000 files.
   */
  append(records: JournalRecord[]): void {
    if (records.length === 0) return;
    for (const rec of records) {
      this.pending += JSON.stringify(rec) + '\n';
      if (this.pending.length > 64 * 1024) this.flush();
    }
    this.written += records.length;
    if (this.written > Math.max(20_000, this.liveCount() * 3)) this.compact();
    else if (this.pending && !this.flushTimer) this.flushTimer = setImmediate(() => this.flush());
  }

  /** Writes the gathered lines now. */
  flush(): void {
    if (this.flushTimer) {
      clearImmediate(this.flushTimer);
      this.flushTimer = null;
    }
    if (!this.pending) return;
    const text = this.pending;
    this.pending = '';
    fs.writeSync(this.fd, text);
  }

  /** Rewrites the journal as a snapshot of the live state (atomic rename). */
  compact(): void {
    // The snapshot holds every pending change already.
    this.pending = '';
    if (this.flushTimer) clearImmediate(this.flushTimer);
    this.flushTimer = null;
    const tmp = `${this.file}.tmp`;
    const fd = fs.openSync(tmp, 'w', 0o600);
    try {
      const records = this.snapshot();
      let text = '';
      for (const rec of records) {
        text += JSON.stringify(rec) + '\n';
        if (text.length > 64 * 1024) {
          fs.writeSync(fd, text);
          text = '';
        }
      }
      if (text) fs.writeSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file);
    fs.closeSync(this.fd);
    this.fd = fs.openSync(this.file, 'a', 0o600);
    this.written = 0;
  }

  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }
}

/** Moves `id` to index `to` (clamped) within `order`. */
export function applyMove(order: number[], id: number, to: number): void {
  const from = order.indexOf(id);
  if (from < 0) return;
  order.splice(from, 1);
  order.splice(Math.max(0, Math.min(to, order.length)), 0, id);
}
