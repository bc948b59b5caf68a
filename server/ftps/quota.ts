/**
 * Storage quota and file-size limit of an FTPS user. Every byte a session
 * writes is reserved first in the user's {@link StorageLedger}, one
 * synchronous check-and-add, so parallel uploads of one user (on any number
 * of connections of this process) can never together pass the quota. A
 * write that would go over fails with `no_space` (the session answers
 * `552`), and so does a `REST` offset or file past the size limit: a
 * `REST 1000000000000` + `STOR` no longer makes a sparse 1 TB file.
 *
 * The ledger measures the user's tree once (apparent file sizes, the way the
 * limit is stated) and from then on follows every change made through FTPS:
 * writes, truncating `STOR`s, deletes and replacing renames.
 */
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { FtpsFsError, type FtpsEntry, type FtpsFileSystem } from './file-system';

/** Limits of one user's storage, in bytes. */
export interface StorageLimits {
  quotaBytes: number;
  maxFileBytes: number;
}

/** 10 GiB per user, 5 GiB per file. */
export const DEFAULT_STORAGE_LIMITS: StorageLimits = {
  quotaBytes: 10 * 1024 ** 3,
  maxFileBytes: 5 * 1024 ** 3,
};

/**
 * The `552` texts. Clients read the numbers out of them (the desktop client
 * says "Your cloud storage is full (X of Y used)"), so their form is fixed.
 */
export function quotaExceeded(used: number, quota: number): FtpsFsError {
  return new FtpsFsError('no_space', `Quota exceeded: ${used} of ${quota} bytes used`);
}
export function fileTooLarge(max: number): FtpsFsError {
  return new FtpsFsError('no_space', `File too large: the limit is ${max} bytes`);
}

/** Bytes in use by one user, measured once and then kept by every change. */
export class StorageLedger {
  private used = 0;
  /**
   * Files being written now, with the size the ledger counts for each. A
   * file can have two writers (a client that reconnects to resume while the
   * server still finishes its broken upload): they share this count, so
   * nothing is counted twice or freed twice.
   */
  readonly open = new Map<string, { counted: number; writers: number }>();
  private measuring: Promise<void> | null = null;

  constructor(readonly quotaBytes: number) {}

  /** Measures the tree the first time (later calls wait for that one measurement). */
  ready(fs: FtpsFileSystem): Promise<void> {
    this.measuring ??= treeSize(fs, '/').then(
      (bytes) => {
        this.used = bytes;
      },
      (error: unknown) => {
        this.measuring = null;
        throw error;
      },
    );
    return this.measuring;
  }

  /** Bytes in use now. */
  get usedBytes(): number {
    return this.used;
  }

  /** Takes `bytes` if they fit under the quota; atomic (no await between check and add). */
  reserve(bytes: number): boolean {
    if (bytes <= 0) return true;
    if (this.used + bytes > this.quotaBytes) return false;
    this.used += bytes;
    return true;
  }

  release(bytes: number): void {
    if (bytes > 0) this.used = Math.max(0, this.used - bytes);
  }
}

async function treeSize(fs: FtpsFileSystem, dir: string): Promise<number> {
  let total = 0;
  for (const entry of await fs.list(dir)) {
    const child = dir === '/' ? `/${entry.name}` : `${dir}/${entry.name}`;
    total += entry.type === 'dir' ? await treeSize(fs, child) : entry.size;
  }
  return total;
}

async function statOrNull(fs: FtpsFileSystem, path: string): Promise<FtpsEntry | null> {
  try {
    return await fs.stat(path);
  } catch (error) {
    if (error instanceof FtpsFsError && error.code === 'not_found') return null;
    throw error;
  }
}

/** `inner` with the user's quota and file-size limit enforced on every write. */
export class QuotaFileSystem implements FtpsFileSystem {
  constructor(
    private readonly inner: FtpsFileSystem,
    private readonly ledger: StorageLedger,
    private readonly maxFileBytes: number,
  ) {}

  stat(path: string): Promise<FtpsEntry> {
    return this.inner.stat(path);
  }

  list(path: string): Promise<FtpsEntry[]> {
    return this.inner.list(path);
  }

  openRead(path: string, start: number) {
    return this.inner.openRead(path, start);
  }

  mkdir(path: string): Promise<void> {
    return this.inner.mkdir(path);
  }

  rmdir(path: string): Promise<void> {
    return this.inner.rmdir(path);
  }

  sha256(path: string): Promise<string> {
    return this.inner.sha256(path);
  }

  async delete(path: string): Promise<void> {
    await this.ledger.ready(this.inner);
    const existing = await statOrNull(this.inner, path);
    await this.inner.delete(path);
    if (existing?.type === 'file') this.forget(path, existing.size);
  }

  async rename(from: string, to: string, options?: { replace?: boolean }): Promise<void> {
    await this.ledger.ready(this.inner);
    const replaced = options?.replace ? await statOrNull(this.inner, to) : null;
    await this.inner.rename(from, to, options);
    if (replaced?.type === 'file') this.forget(to, replaced.size);
  }

  /** A file at `path` is gone: its bytes are free (a writer still busy on it counts from nothing). */
  private forget(path: string, size: number): void {
    const writing = this.ledger.open.get(path);
    this.ledger.release(writing ? writing.counted : size);
    if (writing) writing.counted = 0;
  }

  async openWrite(path: string, options: { start?: number; append?: boolean }): Promise<Writable> {
    const { ledger, maxFileBytes } = this;
    await ledger.ready(this.inner);
    const onDisk = (await statOrNull(this.inner, path))?.size ?? 0;
    // Where writing starts: STOR truncates, REST truncates or extends, APPE appends.
    const start = options.append ? onDisk : (options.start ?? 0);
    if (start > maxFileBytes) throw fileTooLarge(maxFileBytes);
    let file = ledger.open.get(path);
    const counted = file?.counted ?? onDisk;
    if (!ledger.reserve(start - counted)) throw quotaExceeded(ledger.usedBytes, ledger.quotaBytes);
    ledger.release(counted - start);
    if (!file) {
      file = { counted: start, writers: 0 };
      ledger.open.set(path, file);
    } else {
      file.counted = start;
    }
    const entry = file;
    entry.writers++;
    const closed = () => {
      if (--entry.writers === 0 && ledger.open.get(path) === entry) ledger.open.delete(path);
    };
    let sink: Writable;
    try {
      sink = await this.inner.openWrite(path, options);
    } catch (error) {
      closed();
      throw error;
    }
    sink.once('close', closed);
    let position = start;
    const counting: Writable = new Writable({
      highWaterMark: sink.writableHighWaterMark,
      write(chunk: Buffer, _encoding, callback) {
        const end = position + chunk.length;
        if (end > maxFileBytes) return callback(fileTooLarge(maxFileBytes));
        const growth = Math.max(0, end - entry.counted);
        if (!ledger.reserve(growth)) return callback(quotaExceeded(ledger.usedBytes, ledger.quotaBytes));
        position = end;
        entry.counted += growth;
        if (sink.destroyed) return callback(new Error('The file was closed'));
        // A failed write (a full disk) may have stored part of it: it stays counted, the safe side.
        sink.write(chunk, (error) => callback(error ?? null));
      },
      final(callback) {
        sink.end();
        finished(sink).then(() => callback(), callback);
      },
      destroy(error, callback) {
        sink.destroy();
        callback(error);
      },
    });
    // The file's own errors end the counting stream (they reach whoever pipes into it).
    sink.on('error', (error) => counting.destroy(error));
    return counting;
  }
}

/** One ledger per user folder, shared by that user's sessions on this endpoint. */
export class StorageLedgers {
  private readonly byRoot = new Map<string, StorageLedger>();

  constructor(private readonly limits: StorageLimits) {}

  /** `fs` (the user's file system at `userRoot`) with the limits enforced. */
  wrap(userRoot: string, fs: FtpsFileSystem): FtpsFileSystem {
    let ledger = this.byRoot.get(userRoot);
    if (!ledger) {
      ledger = new StorageLedger(this.limits.quotaBytes);
      this.byRoot.set(userRoot, ledger);
    }
    return new QuotaFileSystem(fs, ledger, this.limits.maxFileBytes);
  }
}
