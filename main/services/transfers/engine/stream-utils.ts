/**
 * Streams the runners put between the disk and basic-ftp (the download
 * sink is `part-writer.ts`): they hash what passes (so verification needs
 * no second read), count bytes for progress, and apply the optional
 * bandwidth limit (backpressure slows the socket).
 */
import { createReadStream, promises as fsp } from 'node:fs';
import type { Hash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';

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

/** Files up to this size are uploaded from one buffer instead of a stream. */
export const SMALL_UPLOAD_BYTES = 256 * 1024;

/**
 * Reads a whole small file (`size` bytes, as a `stat` just said) into one
 * buffer: for a 4 KB file, a read stream with its meter and pipeline cost
 * more main-thread time than the file's TLS handshake. Null when the file
 * is shorter than `size` now (it changed; the caller reports that).
 */
export async function readSmallFile(file: string, size: number): Promise<Buffer | null> {
  const handle = await fsp.open(file, 'r');
  try {
    const data = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await handle.read(data, filled, size - filled, filled);
      if (bytesRead === 0) return null;
      filled += bytesRead;
    }
    return data;
  } finally {
    await handle.close();
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
