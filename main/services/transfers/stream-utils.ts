/**
 * Streams the runners put between the disk and basic-ftp: they hash what
 * passes (so verification needs no second read), count bytes for progress,
 * and apply the optional bandwidth limit (backpressure slows the socket).
 */
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { Hash } from 'node:crypto';
import { Transform, Writable, type Readable } from 'node:stream';

/** Bytes a download writes between background `fdatasync`s. */
export const BACKGROUND_SYNC_BYTES = 32 * 1024 * 1024;

/** A shared token bucket; `bytesPerSecond` 0 means unlimited. */
export class RateLimiter {
  private available = 0;
  private last = Date.now();

  constructor(public bytesPerSecond: number) {}

  /** Resolves when `bytes` may pass. */
  async take(bytes: number): Promise<void> {
    if (this.bytesPerSecond <= 0) return;
    const now = Date.now();
    this.available = Math.min(this.bytesPerSecond, this.available + ((now - this.last) / 1000) * this.bytesPerSecond);
    this.last = now;
    this.available -= bytes;
    if (this.available < 0) {
      await new Promise((resolve) => setTimeout(resolve, (-this.available / this.bytesPerSecond) * 1000));
    }
  }
}

/** Feeds bytes [0, end) of a file into `hash` (the part already transferred before a resume). */
export async function hashFileRange(file: string, end: number, hash: Hash | null): Promise<void> {
  if (end <= 0 || !hash) return;
  for await (const chunk of createReadStream(file, { start: 0, end: end - 1, highWaterMark: 1024 * 1024 })) {
    hash.update(chunk as Buffer);
  }
}

/**
 * Upload source: the file from `start`, hashed (when `hash` is given: only
 * servers that can hash need it), counted and rate-limited.
 */
export function uploadSource(file: string, start: number, hash: Hash | null, onBytes: (n: number) => void, limiter: RateLimiter): Readable {
  const meter = new Transform({
    transform(chunk: Buffer, _enc, callback) {
      hash?.update(chunk);
      onBytes(chunk.length);
      limiter.take(chunk.length).then(() => callback(null, chunk), callback);
    },
  });
  const source = createReadStream(file, { start, highWaterMark: 256 * 1024 });
  source.on('error', (error) => meter.destroy(error));
  return source.pipe(meter);
}

/**
 * Download sink: writes to an open `.part` file handle at `start`, hashing
 * and counting. The socket delivers ~16 KB TLS records; awaiting one file
 * write per record halved download speed, so chunks that arrive while a
 * write is in flight are gathered and written with one `writev`. The
 * buffer (1 MB) lets the socket keep flowing while a write waits for a
 * busy thread pool, yet progress, which counts written bytes, stays within
 * a few milliseconds of what the server has sent.
 *
 * The runner `fdatasync`s the part before renaming it. Left to the end,
 * that flushed the whole file at once (~0.3 s per 200 MB here, with the
 * network idle); so every {@link BACKGROUND_SYNC_BYTES} a datasync starts in
 * the background and the final one only has the tail left. The stream's
 * `final` waits for a background sync still running.
 */
export function partWriter(handle: FileHandle, start: number, hash: Hash | null, onBytes: (n: number) => void, limiter: RateLimiter): Writable {
  let position = start;
  let unsynced = 0;
  let syncing: Promise<void> | null = null;
  const maybeSync = (bytes: number) => {
    unsynced += bytes;
    if (unsynced < BACKGROUND_SYNC_BYTES || syncing) return;
    unsynced = 0;
    // A failed background sync is not an error of its own: the final datasync reports it.
    syncing = handle.datasync().then(
      () => void (syncing = null),
      () => void (syncing = null),
    );
  };
  const writeAll = (chunks: Buffer[], callback: (error?: Error | null) => void) => {
    let bytes = 0;
    for (const chunk of chunks) bytes += chunk.length;
    const at = position;
    position += bytes;
    limiter
      .take(bytes)
      .then(async () => (chunks.length === 1 ? (await handle.write(chunks[0]!, 0, bytes, at)).bytesWritten : (await handle.writev(chunks, at)).bytesWritten))
      .then((written) => {
        if (written !== bytes) throw new Error('Short write to the .part file');
        if (hash) for (const chunk of chunks) hash.update(chunk);
        onBytes(bytes);
        maybeSync(bytes);
        callback();
      })
      .catch((error: unknown) => callback(error as Error));
  };
  return new Writable({
    highWaterMark: 1024 * 1024,
    final(callback) {
      void Promise.resolve(syncing).then(() => callback());
    },
    write(chunk: Buffer, _enc, callback) {
      writeAll([chunk], callback);
    },
    writev(entries, callback) {
      writeAll(
        entries.map((e) => e.chunk as Buffer),
        callback,
      );
    },
  });
}
