/**
 * `GET /transfers/drag-out/<token>`: what the browser fetches when a remote
 * file dragged out of the page (`DownloadURL`) is dropped on the desktop.
 * The token is a single-use ticket the page got from
 * `transfers:drag-out-prepare`; claiming, waiting for the verified download
 * and reading it are in `services/transfers/drag-out-stream.ts` (shared with
 * Electron's `app://portico` protocol). Nothing in the request but the
 * token is used.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Router, SenderContext } from '../ports';
import { dragOutHeaders, dragOutToken, openDragOut, routerDragOutReader } from '../services/transfers/drag-out-stream';
import { sendPlain } from './static-files';

const SENDER: SenderContext = { trusted: true, description: 'browser host drag-out route' };

/** Options of {@link createDragOutRoute}. */
export interface DragOutRouteOptions {
  router: Router;
  /** The host's security headers (they are only known once it listens). */
  headers: () => Record<string, string>;
  /** Wait between checks while the download runs (default 200 ms). */
  pollMs?: number;
  /** Give up waiting after this long (default 30 min). */
  maxWaitMs?: number;
}

/** Resolves when `res` can take more, or is gone (then 'drain' never comes). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Returns a handler that answers drag-out requests (true) and leaves everything else (false). */
export function createDragOutRoute(options: DragOutRouteOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const read = routerDragOutReader(options.router, SENDER);

  const serve = async (token: string, res: ServerResponse): Promise<void> => {
    const gone = new AbortController();
    res.on('close', () => gone.abort());
    const file = await openDragOut(read, token, { pollMs: options.pollMs, maxWaitMs: options.maxWaitMs, signal: gone.signal });
    if (gone.signal.aborted) return;
    if (!file) {
      sendPlain(res, 404, 'Not found', options.headers());
      return;
    }
    res.writeHead(200, { ...options.headers(), ...dragOutHeaders(file) });
    // A read failing here rejects; the caller then cuts the connection (headers are out).
    for await (const bytes of file.chunks) {
      if (!res.write(bytes)) await drained(res);
      if (gone.signal.aborted) break;
    }
    res.end();
  };

  return (req, res) => {
    const token = dragOutToken((req.url ?? '').split('?')[0] ?? '');
    if (token === null) return false;
    if (req.method !== 'GET') {
      sendPlain(res, 405, 'Method not allowed', options.headers());
      return true;
    }
    serve(token, res).catch(() => {
      if (!res.headersSent) sendPlain(res, 500, 'Internal error', options.headers());
      else res.destroy();
    });
    return true;
  };
}
