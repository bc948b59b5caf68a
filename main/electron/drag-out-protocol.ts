/**
 * Drag-out in Electron: `app://portico/transfers/drag-out/<token>`, what
 * Chromium fetches when a file row dragged out of the window (`DownloadURL`)
 * is dropped on the desktop. The same core as the browser host's route
 * (`services/transfers/drag-out-stream.ts`), answered as a web `Response` for
 * `protocol.handle`. No `electron` import, so it runs in Node tests.
 */
import type { Router, SenderContext } from '../ports';
import { dragOutHeaders, dragOutToken, openDragOut, routerDragOutReader, type DragOutFile } from '../services/transfers/drag-out-stream';

const SENDER: SenderContext = { trusted: true, description: 'app protocol drag-out' };

/** Exactly the URLs {@link serveDragOutRequest} answers (the only downloads the main window may start). */
const DRAG_OUT_URL = /^app:\/\/portico\/transfers\/drag-out\/[A-Za-z0-9_-]{43}$/;

/** True for a drag-out URL of our own protocol (and nothing else, not even with a query). */
export function isDragOutUrl(url: string): boolean {
  return DRAG_OUT_URL.test(url);
}

/** Options of {@link serveDragOutRequest}. */
export interface DragOutRequestOptions {
  /** The core's router, or null while the app is still starting (or quitting). */
  router: Router | null;
  /** The protocol's security headers. */
  headers: Record<string, string>;
  /** Wait between checks while the download runs (default 200 ms). */
  pollMs?: number;
  /** Give up waiting after this long (default 30 min). */
  maxWaitMs?: number;
}

function plain(status: number, text: string, headers: Record<string, string>): Response {
  return new Response(text, { status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * A streaming `Response` for a ready drag-out file (404 for null). When a
 * read fails mid-way the body stream errors, so Chromium marks the download
 * failed rather than keeping a short file.
 */
export function dragOutResponse(file: DragOutFile | null, headers: Record<string, string>): Response {
  if (!file) return plain(404, 'Not found', headers);
  const chunks = file.chunks[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      // A rejection here errors the stream: the reader (Chromium) sees a failed body, not an end.
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await chunks.return?.();
    },
  });
  return new Response(body, { status: 200, headers: { ...headers, ...dragOutHeaders(file) } });
}

/**
 * Answers `request` when its path is a drag-out path (GET only, else 405);
 * null for every other path, which the caller serves as before.
 */
export async function serveDragOutRequest(request: Request, options: DragOutRequestOptions): Promise<Response | null> {
  const token = dragOutToken(new URL(request.url).pathname);
  if (token === null) return null;
  if (request.method !== 'GET') return plain(405, 'Method not allowed', options.headers);
  if (!options.router) return plain(404, 'Not found', options.headers);
  const file = await openDragOut(routerDragOutReader(options.router, SENDER), token, {
    pollMs: options.pollMs,
    maxWaitMs: options.maxWaitMs,
    signal: request.signal,
  });
  return dragOutResponse(file, options.headers);
}
