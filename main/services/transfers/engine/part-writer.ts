/**
 * The download sink: writes what the data socket delivers to an open
 * `.part` file handle, hashing and counting it.
 *
 * Why it copies: the TLS socket hands over every ~16 KB record as a buffer
 * of its own. The previous sink kept those buffers queued in the stream
 * until their `writev` finished; this one copies each record at once into
 * one of two reused staging buffers (one fills while the other is written),
 * so a record is garbage as soon as it is staged. Side by side on 500 MB
 * from vsftpd that took Portico from 0.71–0.83× curl's speed to 0.89–0.92×
 * (with syncs every 32 MB; see {@link BACKGROUND_SYNC_BYTES} for the rest).
 * V8 still collects about every 30 ms on such a download, driven by the
 * external memory the socket allocates per record, which no sink can avoid.
 *
 * A write starts as soon as none is in flight, so small files go out in
 * one write and big ones in writes that grow with the backlog: a buffer
 * that fills while the other is still being written doubles the size of
 * the next one, from 64 KB up to {@link MAX_STAGING_BYTES}. Only when both
 * buffers are full does the writer hold back its caller (backpressure
 * then slows the socket).
 *
 * The runner `fdatasync`s the part before renaming it, so a power cut can
 * never leave a short file under the final name. Left to the end, that
 * flushed the whole file at once; so every {@link BACKGROUND_SYNC_BYTES} a
 * datasync starts in the background and the final one only has the tail.
 * `final` waits for the last write and for a background sync still running.
 */
import type { Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';
import type { RateLimiter } from './stream-utils';

/**
 * Bytes a download writes between background `fdatasync`s. Measured with
 * `bench:transfers` (500 MB from vsftpd, against curl, which never syncs):
 * every 32 MB gave 0.89–0.92× curl, every 8 MB 1.00–1.14×, with none until
 * the end 0.56×. Small steps keep the dirty pages few, so the kernel's
 * writeback runs alongside the transfer instead of in bursts that stall it.
 */
export const BACKGROUND_SYNC_BYTES = 8 * 1024 * 1024;
/** The first staging buffer; a small file needs no more. */
export const MIN_STAGING_BYTES = 64 * 1024;
/** The largest staging buffer (two of them per running download). */
export const MAX_STAGING_BYTES = 2 * 1024 * 1024;

/**
 * Writes `bytes` of `buffer` at `at`, going on after a short write: a disk
 * that is nearly full writes what fits, and the next write fails with
 * `ENOSPC`, so the part holds every byte that fitted and the error says why.
 */
async function writeAll(handle: FileHandle, buffer: Buffer, bytes: number, at: number): Promise<void> {
  for (let done = 0; done < bytes; ) {
    const { bytesWritten } = await handle.write(buffer, done, bytes - done, at + done);
    if (bytesWritten <= 0) throw new Error('The part file takes no more bytes');
    done += bytesWritten;
  }
}

/** A `Writable` that writes to `handle` from byte `start` (see the module comment). */
export function partWriter(handle: FileHandle, start: number, hash: Hash | null, onBytes: (n: number) => void, limiter: RateLimiter): Writable {
  let position = start;
  let size = MIN_STAGING_BYTES;
  let fill: Buffer = Buffer.allocUnsafeSlow(size);
  let filled = 0;
  let spare: Buffer | null = null;
  let writing: Promise<void> | null = null;
  let failure: Error | null = null;
  /** The caller held back until the buffer being written is free again. */
  let waiting: (() => void) | null = null;
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

  const wake = () => {
    const next = waiting;
    waiting = null;
    next?.();
  };

  /** Starts writing what the fill buffer holds, unless a write is in flight. */
  const flush = () => {
    if (writing || filled === 0 || failure) return;
    const buffer = fill;
    const bytes = filled;
    fill = spare && spare.length >= size ? spare : Buffer.allocUnsafeSlow(size);
    spare = null;
    filled = 0;
    const at = position;
    position += bytes;
    writing = limiter
      .take(bytes)
      .then(() => writeAll(handle, buffer, bytes, at))
      .then(() => {
        onBytes(bytes);
        maybeSync(bytes);
        spare = buffer;
      })
      .catch((error: unknown) => {
        failure = error as Error;
      })
      .finally(() => {
        writing = null;
        flush();
        wake();
      });
  };

  /** Copies `chunk` from `offset` in; calls back once all of it is staged. */
  const stage = (chunk: Buffer, offset: number, callback: (error?: Error | null) => void): void => {
    while (offset < chunk.length) {
      if (failure) return callback(failure);
      if (filled === fill.length) {
        flush();
        if (filled === fill.length) {
          // Both buffers are full: the backlog is real, so the next buffer is bigger.
          size = Math.min(size * 2, MAX_STAGING_BYTES);
          waiting = () => stage(chunk, offset, callback);
          return;
        }
      }
      const copied = chunk.copy(fill, filled, offset);
      hash?.update(chunk.subarray(offset, offset + copied));
      filled += copied;
      offset += copied;
    }
    flush();
    callback(failure);
  };

  const drained = async (): Promise<void> => {
    while (writing || (filled > 0 && !failure)) {
      flush();
      await writing;
    }
    await syncing;
  };

  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      stage(chunk, 0, callback);
    },
    final(callback) {
      void drained().then(() => callback(failure));
    },
    destroy(error, callback) {
      // The runner closes the handle after this settles; let the write in flight end first.
      void drained().then(() => callback(error));
    },
  });
}
