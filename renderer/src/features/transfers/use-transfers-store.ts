import { create } from 'zustand';
import type {
  ActiveItemProgress,
  BatchResult,
  ConflictChoice,
  TransferConflictView,
  TransferItemView,
  TransferTotals,
  TransfersQueueState,
} from '../../../../common/contract';
import { invoke } from '../../lib/invoke';

/** Rows fetched per page request (the list asks only for the visible window). */
export const PAGE_SIZE = 200;

const EMPTY_TOTALS: TransferTotals = {
  items: 0, queued: 0, running: 0, finished: 0, failed: 0, conflicts: 0, totalBytes: 0, transferredBytes: 0, bytesPerSecond: 0, etaSeconds: null,
};

/**
 * The queue as the renderer mirrors it. Main owns the queue; this store
 * holds only the rows near the visible window (by index), so 100,000 items
 * cost the page no more than a screenful.
 */
export interface TransfersState {
  queue: TransfersQueueState & { items: number };
  totals: TransferTotals;
  active: Record<number, ActiveItemProgress>;
  /** Loaded rows by queue index. */
  rows: Map<number, TransferItemView>;
  /** Index of each loaded item id, to apply `transfers:item` events in place. */
  indexOf: Map<number, number>;
  conflicts: TransferConflictView[];
  nativeFiles: boolean;
  /** Latest batch outcome, for the live region. */
  announcement: string;
  error: string | null;
  /** The items running now, by id (from `transfers:item`): pinned above the list so they are always in view. */
  running: Record<number, TransferItemView>;
  /** Browser host: bytes of picked files main has staged, while an upload is being prepared. */
  staging: { staged: number; total: number } | null;
  load(): Promise<void>;
  /** Makes sure rows `from`..`to` are loaded. */
  ensureRows(from: number, to: number): Promise<void>;
  /** Drops loaded rows so the visible window is fetched again. */
  invalidate(): void;
  applyQueue(queue: TransfersQueueState & { items: number }): void;
  applyProgress(totals: TransferTotals, active: ActiveItemProgress[]): void;
  applyItem(item: TransferItemView): void;
  addConflict(conflict: TransferConflictView): void;
  announceBatch(result: BatchResult): void;
  resolveConflict(id: number, choice: ConflictChoice, applyToBatch: boolean): Promise<void>;
  act(action: 'pause' | 'resume' | 'cancel', ids?: number[]): Promise<void>;
  move(id: number, toIndex: number): Promise<void>;
  retryFailed(): Promise<void>;
  clearFinished(): Promise<void>;
  setError(message: string | null): void;
  setStaging(staging: { staged: number; total: number } | null): void;
}

// Page requests in flight, so scrolling does not ask twice for the same page.
const loading = new Set<number>();
// Bumped on invalidate so a late page answer for an old queue shape is dropped.
let generation = 0;

export const useTransfersStore = create<TransfersState>()((set, get) => ({
  queue: { state: 'signed-out', connections: 0, connectionLimit: 0, items: 0 },
  totals: EMPTY_TOTALS,
  active: {},
  rows: new Map(),
  indexOf: new Map(),
  conflicts: [],
  nativeFiles: false,
  announcement: '',
  error: null,
  staging: null,
  running: {},

  load: async () => {
    const result = await invoke('transfers:get-state');
    if (!result.ok) return;
    set({ queue: result.value.queue, totals: result.value.totals, conflicts: result.value.conflicts, nativeFiles: result.value.nativeFiles, running: {} });
    get().invalidate();
  },

  ensureRows: async (from, to) => {
    const first = Math.floor(Math.max(0, from) / PAGE_SIZE);
    const last = Math.floor(Math.max(0, to) / PAGE_SIZE);
    const gen = generation;
    const pages: number[] = [];
    for (let p = first; p <= last; p++) {
      if (!loading.has(p) && !get().rows.has(p * PAGE_SIZE) && p * PAGE_SIZE < Math.max(get().queue.items, 1)) pages.push(p);
    }
    await Promise.all(
      pages.map(async (p) => {
        loading.add(p);
        try {
          const result = await invoke('transfers:page', { offset: p * PAGE_SIZE, limit: PAGE_SIZE });
          if (!result.ok || gen !== generation) return;
          set((s) => {
            const rows = new Map(s.rows);
            const indexOf = new Map(s.indexOf);
            result.value.items.forEach((item, i) => {
              rows.set(result.value.offset + i, item);
              indexOf.set(item.id, result.value.offset + i);
            });
            return { rows, indexOf, queue: { ...s.queue, items: result.value.total } };
          });
        } finally {
          loading.delete(p);
        }
      }),
    );
  },

  invalidate: () => {
    generation++;
    loading.clear();
    set({ rows: new Map(), indexOf: new Map() });
  },

  applyQueue: (queue) => {
    set({ queue });
    get().invalidate();
  },

  applyProgress: (totals, active) => {
    const map: Record<number, ActiveItemProgress> = {};
    for (const a of active) map[a.id] = a;
    set((s) => {
      // Running rows move with the progress event, without a page round trip.
      let rows = s.rows;
      for (const a of active) {
        const index = s.indexOf.get(a.id);
        const row = index === undefined ? undefined : rows.get(index);
        if (row && index !== undefined) {
          if (rows === s.rows) rows = new Map(rows);
          rows.set(index, { ...row, transferred: a.transferred, size: a.size });
        }
      }
      return { totals, active: map, rows };
    });
  },

  applyItem: (item) => {
    set((s) => {
      const index = s.indexOf.get(item.id);
      const conflicts = item.status === 'conflict' ? s.conflicts : s.conflicts.filter((c) => c.itemId !== item.id);
      let running = s.running;
      if (item.status === 'running') running = { ...running, [item.id]: item };
      else if (item.id in running) {
        running = { ...running };
        delete running[item.id];
      }
      if (index === undefined) return { conflicts, running };
      const rows = new Map(s.rows);
      rows.set(index, item);
      return { rows, conflicts, running };
    });
  },

  addConflict: (conflict) => set((s) => ({ conflicts: [...s.conflicts.filter((c) => c.itemId !== conflict.itemId), conflict] })),

  announceBatch: (result) => {
    const what = result.direction === 'upload' ? 'Upload' : 'Download';
    const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
    const text =
      result.failed > 0
        ? `${what} finished with errors: ${files(result.failed)} failed, ${files(result.succeeded)} done.`
        : `${what} finished: ${files(result.succeeded)} done${result.skipped ? `, ${result.skipped} skipped` : ''}.`;
    set({ announcement: text });
  },

  resolveConflict: async (id, choice, applyToBatch) => {
    const conflict = get().conflicts.find((c) => c.itemId === id);
    set((s) => ({
      conflicts: s.conflicts.filter((c) => c.itemId !== id && !(applyToBatch && conflict && c.batchId === conflict.batchId)),
    }));
    const result = await invoke('transfers:resolve-conflict', { id, choice, applyToBatch });
    if (!result.ok) set({ error: result.error.message });
  },

  act: async (action, ids) => {
    const result = ids ? await invoke(`transfers:${action}`, { ids }) : await invoke(`transfers:${action}-all`);
    if (!result.ok) set({ error: result.error.message });
  },

  move: async (id, toIndex) => {
    const result = await invoke('transfers:move', { id, toIndex: Math.max(0, toIndex) });
    if (!result.ok) set({ error: result.error.message });
  },

  retryFailed: async () => {
    const result = await invoke('transfers:retry-failed');
    if (!result.ok) set({ error: result.error.message });
  },

  clearFinished: async () => {
    const result = await invoke('transfers:clear-finished');
    if (!result.ok) set({ error: result.error.message });
  },

  setError: (error) => set({ error }),
  setStaging: (staging) => set({ staging }),
}));
