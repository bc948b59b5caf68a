/**
 * The transport-neutral drag-out core over a scripted reader: waiting while
 * the download runs, giving up, and refusing to end a file early.
 */
import { describe, expect, it } from 'vitest';
import type { DragOutChunk } from '../../../../common/contract';
import { contentDisposition, dragOutHeaders, dragOutToken, openDragOut, type DragOutReader } from '../../../../main/services/transfers/drag-out-stream';

const TOKEN = 'T'.repeat(43);

function ready(bytes: Buffer, offset: number, size: number, chunk: number): DragOutChunk {
  const part = bytes.subarray(offset, offset + chunk);
  return { state: 'ready', name: 'a.bin', size, data: part.toString('base64'), eof: offset + part.length >= size };
}

/** A reader that says `pending` `waits` times, then serves `bytes` in `chunk`-sized parts announcing `size`. */
function scripted(bytes: Buffer, options: { waits?: number; chunk?: number; size?: number; failAt?: number } = {}) {
  const calls: number[] = [];
  let waits = options.waits ?? 0;
  const read: DragOutReader = async (token, offset) => {
    calls.push(offset);
    if (token !== TOKEN) return null;
    if (waits > 0) {
      waits -= 1;
      return { state: 'pending' };
    }
    if (options.failAt !== undefined && offset >= options.failAt) return null;
    return ready(bytes, offset, options.size ?? bytes.length, options.chunk ?? 4);
  };
  return { read, calls };
}

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of chunks) parts.push(part);
  return Buffer.concat(parts);
}

describe('drag-out core', () => {
  it('waits while the download runs, then yields the exact bytes in order', async () => {
    const bytes = Buffer.from('0123456789abcdefXYZ');
    const { read, calls } = scripted(bytes, { waits: 3, chunk: 4 });
    const file = await openDragOut(read, TOKEN, { pollMs: 1 });
    expect(file).toMatchObject({ name: 'a.bin', size: bytes.length });
    expect((await collect(file!.chunks)).equals(bytes)).toBe(true);
    // Claimed at 0 while pending, then each read continues exactly where the last ended.
    expect(calls).toEqual([0, 0, 0, 0, 4, 8, 12, 16]);
  });

  it('serves an empty file as an empty body', async () => {
    const file = await openDragOut(scripted(Buffer.alloc(0)).read, TOKEN);
    expect(file?.size).toBe(0);
    expect((await collect(file!.chunks)).length).toBe(0);
  });

  it('is null for an unknown ticket, when waiting runs out, and when the requester goes away', async () => {
    expect(await openDragOut(scripted(Buffer.from('x')).read, 'U'.repeat(43))).toBeNull();
    expect(await openDragOut(scripted(Buffer.from('x'), { waits: 1_000_000 }).read, TOKEN, { pollMs: 1, maxWaitMs: 0 })).toBeNull();
    const gone = new AbortController();
    const waiting = openDragOut(scripted(Buffer.from('x'), { waits: 1_000_000 }).read, TOKEN, { pollMs: 60_000, signal: gone.signal });
    gone.abort();
    expect(await waiting).toBeNull();
  });

  it('rejects rather than ending early when a read fails, the file is short, or it grows', async () => {
    const bytes = Buffer.from('0123456789');
    const failing = await openDragOut(scripted(bytes, { failAt: 4 }).read, TOKEN);
    await expect(collect(failing!.chunks)).rejects.toThrow(/read to the end/);
    // Announced 12 bytes, but the file ends (eof) after 10.
    const shortRead: DragOutReader = async (_token, offset) => ({ ...ready(bytes, offset, 10, 20), size: 12 }) as DragOutChunk;
    const shortFile = await openDragOut(shortRead, TOKEN);
    await expect(collect(shortFile!.chunks)).rejects.toThrow(/ended early/);
    const grows = await openDragOut(scripted(bytes, { size: 6, chunk: 8 }).read, TOKEN);
    await expect(collect(grows!.chunks)).rejects.toThrow(/grew/);
  });

  it('matches only 43-character tokens and builds the attachment headers', () => {
    expect(dragOutToken(`/transfers/drag-out/${TOKEN}`)).toBe(TOKEN);
    expect(dragOutToken(`/transfers/drag-out/${TOKEN}x`)).toBeNull();
    expect(dragOutToken(`/transfers/drag-out/${'T'.repeat(42)}.`)).toBeNull();
    expect(dragOutToken('/index.html')).toBeNull();
    expect(contentDisposition('a"b\\c ü.txt')).toBe(`attachment; filename="a_b_c _.txt"; filename*=UTF-8''${encodeURIComponent('a"b\\c ü.txt')}`);
    expect(dragOutHeaders({ name: 'x.bin', size: 5 })).toEqual({
      'Content-Type': 'application/octet-stream',
      'Content-Length': '5',
      'Content-Disposition': `attachment; filename="x.bin"; filename*=UTF-8''x.bin`,
      'Cache-Control': 'no-store',
    });
  });
});
