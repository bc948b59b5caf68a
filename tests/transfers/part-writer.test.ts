import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKGROUND_SYNC_BYTES, MAX_STAGING_BYTES, partWriter } from '../../main/services/transfers/engine/part-writer';
import { RateLimiter } from '../../main/services/transfers/engine/stream-utils';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await fsp.rm(dir, { recursive: true, force: true });
});

/** Splits `data` into chunks of the sizes a TLS socket delivers (a few bytes up to 16 KB, sometimes more). */
function chunksOf(data: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < data.length; ) {
    const size = [1, 7, 16_384, 16_384, 16_384, 65_536, 300_000][out.length % 7]!;
    out.push(data.subarray(at, at + size));
    at += size;
  }
  return out;
}

/** A file handle whose writes stay pending until released, recording what it was asked to do. */
function gatedHandle() {
  const writes: { at: number; bytes: Buffer; release: (error?: Error) => void }[] = [];
  let syncs = 0;
  const handle = {
    write(buffer: Buffer, offset: number, length: number, at: number) {
      return new Promise((resolve, reject) => {
        const bytes = Buffer.from(buffer.subarray(offset, offset + length));
        writes.push({ at, bytes, release: (error) => (error ? reject(error) : resolve({ bytesWritten: length, buffer })) });
      });
    },
    datasync: async () => void syncs++,
  };
  return { handle: handle as unknown as FileHandle, writes, syncs: () => syncs };
}

describe('partWriter', () => {
  it('writes every byte at its place from the start offset, hashes and counts them, and syncs in the background', async () => {
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'portico-pw-'));
    dirs.push(dir);
    const file = path.join(dir, 'f.part');
    const head = randomBytes(1000);
    await fsp.writeFile(file, head);
    const data = randomBytes(BACKGROUND_SYNC_BYTES * 2 + 123_457);
    const handle = await fsp.open(file, 'r+');
    let syncs = 0;
    const datasync = handle.datasync.bind(handle);
    handle.datasync = async () => {
      syncs++;
      return datasync();
    };
    const hash = createHash('sha256');
    let counted = 0;
    try {
      await pipeline(Readable.from(chunksOf(data)), partWriter(handle, head.length, hash, (n) => (counted += n), new RateLimiter(0)));
    } finally {
      await handle.close();
    }
    const written = await fsp.readFile(file);
    expect(written.equals(Buffer.concat([head, data]))).toBe(true);
    expect(hash.digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));
    expect(counted).toBe(data.length);
    // At least one started on the way (another is skipped while one still runs).
    expect(syncs).toBeGreaterThanOrEqual(1);
  });

  it('has one write in flight at a time and holds the caller back once both staging buffers are full', async () => {
    const { handle, writes } = gatedHandle();
    const sink = partWriter(handle, 0, null, () => undefined, new RateLimiter(0));
    const data = randomBytes(8 * MAX_STAGING_BYTES);
    const source = Readable.from(chunksOf(data));
    const done = pipeline(source, sink);
    // Let the pipeline run until it stalls on the first (never released) write.
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    expect(writes).toHaveLength(1);
    // Staged and held back: far less than the whole input was consumed.
    expect(source.readableEnded).toBe(false);
    // Releasing writes one by one drains everything, each write starting where the last ended.
    let settled = false;
    void done.finally(() => (settled = true));
    for (let released = 0; !settled; await new Promise((r) => setImmediate(r))) {
      const next = writes[released];
      if (next) {
        expect(writes.length).toBe(released + 1);
        next.release();
        released++;
      }
    }
    await done;
    let at = 0;
    for (const w of writes) {
      expect(w.at).toBe(at);
      at += w.bytes.length;
    }
    expect(Buffer.concat(writes.map((w) => w.bytes)).equals(data)).toBe(true);
    expect(Math.max(...writes.map((w) => w.bytes.length))).toBeLessThanOrEqual(MAX_STAGING_BYTES);
  });

  it('fails the stream with the disk error and writes nothing after it', async () => {
    const { handle, writes } = gatedHandle();
    const sink = partWriter(handle, 0, null, () => undefined, new RateLimiter(0));
    const done = pipeline(Readable.from(chunksOf(randomBytes(4 * MAX_STAGING_BYTES))), sink);
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    const full = Object.assign(new Error('no space'), { code: 'ENOSPC' });
    writes[0]!.release(full);
    await expect(done).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(writes).toHaveLength(1);
  });

  it('does not let the pipeline finish before a write still in flight has ended', async () => {
    const { handle, writes } = gatedHandle();
    const sink = partWriter(handle, 0, null, () => undefined, new RateLimiter(0));
    let finished = false;
    const done = pipeline(Readable.from([randomBytes(1000)]), sink).then(() => (finished = true));
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(writes).toHaveLength(1);
    expect(finished).toBe(false);
    writes[0]!.release();
    await done;
    expect(finished).toBe(true);
  });
});
