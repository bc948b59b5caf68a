import { create } from 'zustand';

/** Something that re-fetches what a lost connection may have left stale. */
export type Refresher = () => Promise<unknown>;

/** Whether the last call to the portal failed to connect, and how to retry. */
export interface ConnectionState {
  /** Set while the portal (or main) can't be reached; drives the banner. */
  problem: string | null;
  retrying: boolean;
  refreshers: Refresher[];
  reportFailure(message: string): void;
  reportSuccess(): void;
  /** Adds a refresher run by `retry`; returns the function that removes it. */
  addRefresher(refresher: Refresher): () => void;
  /** Runs every refresher; the banner clears as soon as a call succeeds. */
  retry(): Promise<void>;
}

export const useConnectionStore = create<ConnectionState>()((set, get) => ({
  problem: null,
  retrying: false,
  refreshers: [],
  reportFailure: (message) => set({ problem: message }),
  reportSuccess: () => {
    if (get().problem !== null) set({ problem: null });
  },
  addRefresher: (refresher) => {
    set((s) => ({ refreshers: [...s.refreshers, refresher] }));
    return () => set((s) => ({ refreshers: s.refreshers.filter((r) => r !== refresher) }));
  },
  retry: async () => {
    if (get().retrying) return;
    set({ retrying: true });
    try {
      await Promise.allSettled(get().refreshers.map((refresh) => refresh()));
    } finally {
      set({ retrying: false });
    }
  },
}));
