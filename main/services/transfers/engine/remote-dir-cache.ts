/**
 * What the client knows about remote folders during a run, shared by every
 * connection of the pool: one listing per folder replaces a `SIZE` round
 * trip per uploaded file for conflict detection. Folders this client just
 * created are known to be empty without listing them. Our own uploads
 * update the cache; remote-browser changes and errors invalidate it, and
 * the engine clears it when the queue goes idle, so a listing never
 * outlives the batch that needed it by long.
 */
import type { FtpConnection } from './ftp-connection';

/** A remote entry as the cache knows it. */
export interface CachedEntry {
  type: 'file' | 'dir';
  size: number;
}

/** Folder listings older than this are fetched again. */
const MAX_AGE_MS = 30_000;
/** Folders with more entries than this are not cached (per-file `SIZE` instead). */
const MAX_ENTRIES = 200_000;

interface Listing {
  at: number;
  /** Null when listing failed: callers fall back to `SIZE`. */
  entries: Promise<Map<string, CachedEntry> | null>;
}

export class RemoteDirCache {
  private readonly dirs = new Map<string, Listing>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Records that `dir` was just created by us: empty, nothing to list. */
  markCreated(dir: string): void {
    if (!this.dirs.has(dir)) this.dirs.set(dir, { at: this.now(), entries: Promise.resolve(new Map()) });
  }

  /**
   * The entry `name` in `dir`: from the cached listing, listing the folder
   * once on `conn` if needed. `undefined` means "unknown, ask the server".
   */
  async lookup(conn: FtpConnection, dir: string, name: string): Promise<CachedEntry | null | undefined> {
    // Listings can hide dot files and mangle edge whitespace: ask for those.
    if (name.startsWith('.') || name.trim() !== name) return undefined;
    let listing = this.dirs.get(dir);
    if (!listing || this.now() - listing.at > MAX_AGE_MS) {
      listing = { at: this.now(), entries: this.list(conn, dir) };
      this.dirs.set(dir, listing);
    }
    const entries = await listing.entries;
    if (!entries) return undefined;
    return entries.get(name) ?? null;
  }

  private async list(conn: FtpConnection, dir: string): Promise<Map<string, CachedEntry> | null> {
    try {
      await conn.flush();
      const list = await conn.client.list(dir);
      if (list.length > MAX_ENTRIES) return null;
      const entries = new Map<string, CachedEntry>();
      // basic-ftp FileType: 1 file, 2 directory, 3 symbolic link.
      for (const e of list) entries.set(e.name, { type: e.type === 2 ? 'dir' : 'file', size: e.type === 1 ? e.size : -1 });
      return entries;
    } catch {
      // Too large, refused, or the connection dropped: don't trust anything.
      this.dirs.delete(dir);
      return null;
    }
  }

  /** Our upload put `name` into `dir` (keeps a cached listing true). */
  noteWritten(dir: string, name: string, size: number): void {
    const listing = this.dirs.get(dir);
    if (listing) void listing.entries.then((entries) => entries?.set(name, { type: 'file', size }));
  }

  /** Forgets one folder (or everything). */
  invalidate(dir?: string): void {
    if (dir === undefined) this.dirs.clear();
    else this.dirs.delete(dir);
  }
}
