/**
 * What a full local disk leaves behind: the item fails with `disk_full`
 * and keeps its part only because it can resume (the queue row says so);
 * a retry once there is room goes on from the part, and cancelling the
 * failed item removes the part. Writes fail with an injected `ENOSPC`
 * after a set number of bytes, as a real full disk would (a short write,
 * then `ENOSPC`).
 */
import { promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toItemView } from '../../main/services/transfers/views';
import { engineOnEmbedded } from './helpers/engine';
import { listFiles, sha256File, writeRandomFile } from './helpers/files';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

const setup = () => engineOnEmbedded(cleanups);

/**
 * A disk with `room` bytes left for files opened under `dir`: a write that
 * does not fit writes what fits, the next one fails with ENOSPC. Returns
 * the bytes written so far and a way to free the space.
 */
function fullDisk(dir: string, room: number): { written: () => number; free: () => void } {
  let written = 0;
  let left = room;
  const realOpen = fsp.open.bind(fsp);
  vi.spyOn(fsp, 'open').mockImplementation(async (...args: Parameters<typeof fsp.open>) => {
    const handle: FileHandle = await realOpen(...args);
    if (!String(args[0]).startsWith(dir + path.sep)) return handle;
    const realWrite = handle.write.bind(handle) as (
      b: Buffer,
      o: number,
      l: number,
      p: number,
    ) => Promise<{ bytesWritten: number; buffer: Buffer }>;
    handle.write = (async (buffer: Buffer, offset = 0, length = buffer.length - offset, position: number) => {
      if (left <= 0)
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      const fits = Math.min(length, left);
      const result = await realWrite(buffer, offset, fits, position);
      left -= result.bytesWritten;
      written += result.bytesWritten;
      return result;
    }) as unknown as FileHandle['write'];
    return handle;
  });
  return { written: () => written, free: () => void (left = Infinity) };
}

describe('full local disk', () => {
  it('keeps the part of a download that hit a full disk, says it can resume, and resumes from it once there is room', async () => {
    const { server, work, engine } = await setup();
    await writeRandomFile(path.join(server.userDir, 'big.bin'), 3_000_000);
    const dest = path.join(work, 'dest');
    const disk = fullDisk(dest, 1_000_000);
    await engine.enqueueDownload({ remotePaths: ['/big.bin'], localDir: dest });
    await engine.whenIdle();
    const failed = engine.page(0, 1).items[0]!;
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'disk_full' }, partial: true });
    expect(toItemView(failed).error?.message).toBe(
      'The disk is full. Free some space and retry: the file goes on from where it stopped.',
    );
    // Only the part is there (never the final name), holding what fitted.
    const left = await listFiles(dest);
    expect(left).toHaveLength(1);
    expect(path.basename(left[0]!)).not.toBe('big.bin');
    expect((await fsp.stat(left[0]!)).size).toBe(1_000_000);

    disk.free();
    expect(engine.retryFailed()).toBe(1);
    await engine.whenIdle();
    expect(engine.page(0, 1).items[0]?.status).toBe('verified');
    // The retry wrote only the rest: it went on from the part.
    expect(disk.written()).toBe(3_000_000);
    expect(await sha256File(path.join(dest, 'big.bin'))).toBe(
      await sha256File(path.join(server.userDir, 'big.bin')),
    );
    expect(await listFiles(dest)).toEqual([path.join(dest, 'big.bin')]);
  });

  it('removes the part when the failed item is cancelled', async () => {
    const { server, work, engine } = await setup();
    await writeRandomFile(path.join(server.userDir, 'big.bin'), 3_000_000);
    const dest = path.join(work, 'dest');
    fullDisk(dest, 1_000_000);
    await engine.enqueueDownload({ remotePaths: ['/big.bin'], localDir: dest });
    await engine.whenIdle();
    expect(engine.page(0, 1).items[0]).toMatchObject({ status: 'failed', error: { code: 'disk_full' } });
    expect(await listFiles(dest)).toHaveLength(1);
    engine.cancel([engine.page(0, 1).items[0]!.id]);
    await engine.whenIdle();
    expect(engine.page(0, 1).items[0]?.status).toBe('cancelled');
    expect(await listFiles(dest)).toEqual([]);
  });
});
