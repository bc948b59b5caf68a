/**
 * The `app://portico/` protocol that serves the built renderer. A custom
 * standard, secure scheme instead of `file://`: the page gets a real origin,
 * and only files below `out/renderer` can be reached. It also answers
 * `/transfers/drag-out/<token>` (files dragged out of the window, see
 * `drag-out-protocol.ts`).
 */
import { realpath } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { net, protocol, type Session } from 'electron';
import type { Router } from '../ports';
import { serveDragOutRequest } from './drag-out-protocol';
import { contentSecurityPolicy, contentTypeFor, isInside, resolveStaticPath } from '../shell-guards';

export const APP_SCHEME = 'app';
export const APP_HOST = 'portico';
/** Our page's origin as `originOf` computes it. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the main window loads. */
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** Must run before `app` is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/**
 * Serves `rendererDir` on `app://portico/` in the given session, and drag-out
 * downloads through `router` (a getter: the core is composed after the
 * session is prepared, and is gone while quitting).
 */
export function handleAppProtocol(target: Session, rendererDir: string, router: () => Router | null): void {
  target.protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return plain(404, 'Not found');
    const dragOut = await serveDragOutRequest(request, { router: router(), headers: SECURITY_HEADERS });
    if (dragOut) return dragOut;
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const candidate = resolveStaticPath(rendererDir, url.pathname);
    if (candidate === null) return plain(404, 'Not found');
    try {
      const [realRoot, realFile] = await Promise.all([realpath(rendererDir), realpath(candidate)]);
      if (!isInside(realRoot, realFile)) return plain(404, 'Not found');
      const file = await net.fetch(pathToFileURL(realFile).toString());
      if (!file.ok) return plain(404, 'Not found');
      return new Response(file.body, {
        status: 200,
        headers: {
          ...SECURITY_HEADERS,
          'Content-Type': contentTypeFor(realFile),
          'Cache-Control': 'no-store',
        },
      });
    } catch {
      return plain(404, 'Not found');
    }
  });
}
