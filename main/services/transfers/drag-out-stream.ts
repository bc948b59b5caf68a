/**
 * Serving a drag-out ticket, independent of the transport: the browser
 * host's loopback HTTP route and Electron's `app://portico` protocol both
 * answer `GET /transfers/drag-out/<token>` through this. The first read
 * claims the ticket (`transfers:drag-out-read`, offset 0), then we poll
 * while main downloads and verifies the file, and hand out its bytes as an
 * async iterable. A read that fails after the first byte is an error of the
 * iterable, so each transport can make the download fail visibly instead of
 * presenting a short file as complete.
 */
import type { DragOutChunk } from '../../../common/contract';
import type { Router, SenderContext } from '../../ports';

/** `/transfers/drag-out/<43-char token>`; group 1 is the token. */
export const DRAG_OUT_ROUTE = /^\/transfers\/drag-out\/([A-Za-z0-9_-]{43})$/;

/** Reads a ticket's file from `offset`; null when the ticket is unknown, used up, or its download failed. */
export type DragOutReader = (token: string, offset: number) => Promise<DragOutChunk | null>;

/** A ready drag-out file: its safe local name, announced size, and bytes. */
export interface DragOutFile {
  name: string;
  size: number;
  /** Rejects (never ends early) when the file cannot be read to its announced size. */
  chunks: AsyncIterable<Buffer>;
}

/** Options of {@link openDragOut}. */
export interface OpenDragOutOptions {
  /** Wait between checks while the download runs (default 200 ms). */
  pollMs?: number;
  /** Give up waiting after this long (default 30 min). */
  maxWaitMs?: number;
  /** The requester went away: stop waiting (the result is then null). */
  signal?: AbortSignal;
}

/** The token of a drag-out path, or null for any other path. */
export function dragOutToken(pathname: string): string | null {
  return DRAG_OUT_ROUTE.exec(pathname)?.[1] ?? null;
}

/** A {@link DragOutReader} over the router, as the given (trusted, in-process) sender. */
export function routerDragOutReader(router: Router, sender: SenderContext): DragOutReader {
  return async (token, offset) => {
    const result = await router.handle('transfers:drag-out-read', [{ token, offset }], sender);
    return result.ok ? (result.value as DragOutChunk) : null;
  };
}

/** `filename*=` per RFC 6266/8187, plus an ASCII fallback. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The content headers of a drag-out answer (the transport adds its security headers). */
export function dragOutHeaders(file: Pick<DragOutFile, 'name' | 'size'>): Record<string, string> {
  return {
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(file.size),
    'Content-Disposition': contentDisposition(file.name),
    'Cache-Control': 'no-store',
  };
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Claims `token` and waits until its file is ready. Null (→ 404) when the
 * ticket is not valid, the download failed, the wait ran out, or `signal`
 * fired.
 */
export async function openDragOut(read: DragOutReader, token: string, options: OpenDragOutOptions = {}): Promise<DragOutFile | null> {
  const pollMs = options.pollMs ?? 200;
  const maxWaitMs = options.maxWaitMs ?? 30 * 60_000;
  const signal = options.signal;
  let chunk = await read(token, 0);
  const started = Date.now();
  while (chunk?.state === 'pending' && !signal?.aborted) {
    if (Date.now() - started > maxWaitMs) return null;
    await pause(pollMs, signal);
    if (signal?.aborted) break;
    chunk = await read(token, 0);
  }
  if (signal?.aborted || !chunk || chunk.state !== 'ready') return null;
  return { name: chunk.name, size: chunk.size, chunks: readAll(read, token, chunk) };
}

async function* readAll(read: DragOutReader, token: string, first: DragOutChunk & { state: 'ready' }): AsyncGenerator<Buffer, void, undefined> {
  let chunk = first;
  let offset = 0;
  for (;;) {
    const bytes = Buffer.from(chunk.data, 'base64');
    offset += bytes.length;
    if (offset > first.size) throw new Error('The dragged-out file grew while it was served.');
    if (bytes.length > 0) yield bytes;
    if (chunk.eof) break;
    const next = await read(token, offset);
    if (!next || next.state !== 'ready') throw new Error('The dragged-out file could not be read to the end.');
    chunk = next;
  }
  if (offset !== first.size) throw new Error('The dragged-out file ended early.');
}
