/**
 * `GET /transfers/drag-out/<token>`: what the browser fetches when a remote
 * file dragged out of the page (`DownloadURL`) is dropped on the desktop.
 * The token is a single-use ticket the page got from
 * `transfers:drag-out-prepare`; the route claims it through the router
 * (`transfers:drag-out-read`), waits while main downloads and verifies the
 * file over FTPS, then streams it as an attachment. Nothing in the request
 * but the token is used.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DragOutChunk } from '../../preload/contract';
import type { Router, SenderContext } from '../ports';
import { sendPlain } from './static-files';

const ROUTE = /^\/transfers\/drag-out\/([A-Za-z0-9_-]{43})$/;
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

/** `filename*=` per RFC 6266/8187, plus an ASCII fallback. */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Returns a handler that answers drag-out requests (true) and leaves everything else (false). */
export function createDragOutRoute(options: DragOutRouteOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const pollMs = options.pollMs ?? 200;
  const maxWaitMs = options.maxWaitMs ?? 30 * 60_000;
  const read = async (token: string, offset: number): Promise<DragOutChunk | null> => {
    const result = await options.router.handle('transfers:drag-out-read', [{ token, offset }], SENDER);
    return result.ok ? (result.value as DragOutChunk) : null;
  };

  const serve = async (token: string, res: ServerResponse): Promise<void> => {
    let closed = false;
    res.on('close', () => (closed = true));
    let chunk = await read(token, 0);
    const started = Date.now();
    while (chunk?.state === 'pending' && !closed) {
      if (Date.now() - started > maxWaitMs) break;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      chunk = await read(token, 0);
    }
    if (closed) return;
    if (!chunk || chunk.state !== 'ready') {
      sendPlain(res, 404, 'Not found', options.headers());
      return;
    }
    res.writeHead(200, {
      ...options.headers(),
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(chunk.size),
      'Content-Disposition': disposition(chunk.name),
      'Cache-Control': 'no-store',
    });
    let offset = 0;
    for (;;) {
      const bytes = Buffer.from(chunk.data, 'base64');
      offset += bytes.length;
      if (!res.write(bytes)) await new Promise((resolve) => res.once('drain', resolve));
      if (chunk.eof || closed) break;
      const next = await read(token, offset);
      if (!next || next.state !== 'ready') {
        // Headers are out: cutting the connection is the only honest signal left.
        res.destroy();
        return;
      }
      chunk = next;
    }
    res.end();
  };

  return (req, res) => {
    const pathname = (req.url ?? '').split('?')[0] ?? '';
    const match = ROUTE.exec(pathname);
    if (!match) return false;
    if (req.method !== 'GET') {
      sendPlain(res, 405, 'Method not allowed', options.headers());
      return true;
    }
    serve(match[1]!, res).catch(() => {
      if (!res.headersSent) sendPlain(res, 500, 'Internal error', options.headers());
      else res.destroy();
    });
    return true;
  };
}
