/**
 * Streams the runners put between the disk and basic-ftp (the download
 * sink is `part-writer.ts`): they hash what passes (so verification needs
 * no second read), count bytes for progress, and apply the optional
 * bandwidth limit (backpressure slows the socket).
 */
import { createReadStream } from 'node:fs';
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
