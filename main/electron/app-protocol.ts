/**
 * The `app://portico/` protocol that serves the built renderer. A custom
 * standard, secure scheme instead of `file://`: the page gets a real origin,
 * and only files below `out/renderer` can be reached.
 */
import { realpath } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { net, protocol, type Session } from 'electron';
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

/** Serves `rendererDir` on `app://portico/` in the given session. */
export function handleAppProtocol(target: Session, rendererDir: string): void {
  target.protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return plain(404, 'Not found');
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
