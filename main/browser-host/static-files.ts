/**
 * Serves the built renderer (`out/renderer`) to the browser page: GET/HEAD
 * only, no directory traversal (also through symlinks), correct content types
 * and the security headers every response carries.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename } from 'node:path';
import { contentTypeFor, isInside, resolveStaticPath } from '../shell-guards';

/** Headers on every response of the host, errors included. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/** Sends a short plain-text answer (never echoes the request). */
export function sendPlain(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string>,
): void {
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/** Resolves a request path to a regular file inside `root`, or null. */
async function findFile(root: string, pathname: string): Promise<{ file: string; size: number } | null> {
  const candidate = resolveStaticPath(root, pathname);
  if (candidate === null) return null;
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(candidate)]);
    // A symlink inside out/renderer must not lead outside it.
    if (!isInside(realRoot, realFile)) return null;
    const info = await stat(realFile);
    return info.isFile() ? { file: realFile, size: info.size } : null;
  } catch {
    return null;
  }
}

/** Answers one static-file request. */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  headers: Record<string, string>,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendPlain(res, 405, 'Method not allowed', { ...headers, Allow: 'GET, HEAD' });
    return;
  }
  let pathname: string;
  try {
    pathname = new URL(req.url ?? '/', 'http://host.invalid').pathname;
  } catch {
    sendPlain(res, 400, 'Bad request', headers);
    return;
  }
  const found = await findFile(root, pathname);
  if (!found) {
    sendPlain(res, 404, 'Not found', headers);
    return;
  }
  const isIndex = basename(found.file) === 'index.html';
  res.writeHead(200, {
    ...headers,
    'Content-Type': contentTypeFor(found.file),
    'Content-Length': String(found.size),
    // The page must always be fresh (it pins the CSP and the asset names); hashed assets may be cached.
    'Cache-Control': isIndex ? 'no-store' : 'private, max-age=3600',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(found.file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
