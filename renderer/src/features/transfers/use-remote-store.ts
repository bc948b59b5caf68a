import { create } from 'zustand';
import type { RemoteEntry } from '../../../../common/contract';
import { invoke } from '../../lib/invoke';

export type SortKey = 'name' | 'size' | 'date';

/** The remote file browser: current folder, its entries and the sort. */
export interface RemoteState {
  path: string;
  entries: RemoteEntry[];
  loading: boolean;
  error: string | null;
  sort: { key: SortKey; ascending: boolean };
  open(path: string): Promise<void>;
  refresh(): Promise<void>;
  setSort(key: SortKey): void;
  /** Null once made, else the portal's refusal (shown next to the field). */
  createFolder(name: string): Promise<string | null>;
  /** Null once renamed, else the portal's refusal (shown next to the field). */
  rename(entry: RemoteEntry, newName: string): Promise<string | null>;
  remove(entry: RemoteEntry): Promise<boolean>;
  reset(): void;
}

/** Joins a folder path and a child name. */
export function childPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

/** Sorts entries: folders first, then by the chosen key. */
export function sortEntries(entries: RemoteEntry[], sort: { key: SortKey; ascending: boolean }): RemoteEntry[] {
  const dir = sort.ascending ? 1 : -1;
  return [...entries].sort((a, b) => {
    if (a.type !== b.type) return a.type === 'dir' ? -1 : 1;
    let c = 0;
    if (sort.key === 'size') c = a.size - b.size;
    else if (sort.key === 'date') c = (a.modifiedAt ?? '').localeCompare(b.modifiedAt ?? '');
    if (c === 0) c = a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' });
    return c * dir;
  });
}

let sequence = 0;

export const useRemoteStore = create<RemoteState>()((set, get) => ({
  path: '/',
  entries: [],
  loading: false,
  error: null,
  sort: { key: 'name', ascending: true },

  open: async (path) => {
    const mine = ++sequence;
    set({ loading: true, error: null });
    const result = await invoke('transfers:list-remote', { path });
    if (mine !== sequence) return;
    if (result.ok) set({ path, entries: result.value, loading: false });
    else set({ loading: false, error: result.error.message });
  },

  refresh: () => get().open(get().path),

  setSort: (key) => set((s) => ({ sort: { key, ascending: s.sort.key === key ? !s.sort.ascending : true } })),

  createFolder: async (name) => {
    const result = await invoke('transfers:create-folder', { parent: get().path, name });
    await get().refresh();
    return result.ok ? null : result.error.message;
  },

  rename: async (entry, newName) => {
    const result = await invoke('transfers:rename', { path: childPath(get().path, entry.name), newName });
    await get().refresh();
    return result.ok ? null : result.error.message;
  },

  remove: async (entry) => {
    const result = await invoke('transfers:delete', { path: childPath(get().path, entry.name), kind: entry.type });
    if (!result.ok) set({ error: result.error.message });
    await get().refresh();
    return result.ok;
  },

  reset: () => set({ path: '/', entries: [], error: null }),
}));
