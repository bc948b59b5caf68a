/**
 * Pure URL, path and header guards shared by both shells (Electron and the
 * browser host). Plain TypeScript, no 'electron', so every rule is unit-tested.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { isSafeLine } from '../common/text/guard';

/** Schemes `openExternal` may hand to the OS; everything else never reaches it. */
export const EXTERNAL_SCHEMES: readonly string[] = ['https:', 'mailto:'];

/** Longest URL we hand to the OS; longer ones are refused rather than truncated. */
const MAX_EXTERNAL_URL_LENGTH = 4096;

function hasControlCharacter(value: string): boolean {
  return !isSafeLine(value);
}

function parseUrl(value: unknown): URL | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_EXTERNAL_URL_LENGTH) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * True only for `https:` URLs with a host and no embedded credentials, and
 * `mailto:` URLs. `file:`, `smb:`, `javascript:`, `ms-msdt:`, `search-ms:` and
 * unknown schemes are refused: they turn a link into code execution or
 * credential leaks on some platforms.
 */
export function isAllowedExternalUrl(value: unknown): boolean {
  const url = parseUrl(value);
  if (!url || !EXTERNAL_SCHEMES.includes(url.protocol)) return false;
  // Control characters can smuggle extra arguments into some OS handlers.
  if (hasControlCharacter(value as string)) return false;
  if (url.protocol === 'https:') {
    return url.hostname.length > 0 && url.username === '' && url.password === '';
  }
  return url.pathname.length > 0;
}

/**
 * `scheme://host[:port]`, lower-cased, or null. Unlike `URL.origin` this also
 * works for custom standard schemes such as `app://portico` (whose WHATWG
 * origin is the opaque "null").
 */
export function originOf(value: unknown): string | null {
  const url = parseUrl(value);
  if (!url || url.host === '') return null;
  return `${url.protocol}//${url.host}`.toLowerCase();
}

/** True when `value` is on one of `allowedOrigins` (compared as {@link originOf}). */
export function isAllowedNavigation(value: unknown, allowedOrigins: readonly string[]): boolean {
  const origin = originOf(value);
  if (origin === null) return false;
  return allowedOrigins.some((allowed) => originOf(allowed) === origin);
}

/**
 * Maps a URL pathname to a file under `root`, or null when it would escape
 * (`..`, encoded separators, NUL, drive letters, backslashes). `/` maps to
 * `index.html`. The caller still checks the real path (symlinks).
 */
export function resolveStaticPath(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\\') || hasControlCharacter(decoded)) return null;
  if (/^\/+[a-zA-Z]:/.test(decoded)) return null;
  if (decoded.split('/').some((part) => part === '..')) return null;
  const relativePath = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const base = resolve(root);
  const target = resolve(base, `.${relativePath}`);
  return isInside(base, target) ? target : null;
}

/** True when `target` is `base` itself or below it. */
export function isInside(base: string, target: string): boolean {
  const rel = relative(base, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * The renderer's Content-Security-Policy: scripts only from our own origin (no
 * inline, no eval), no plugins, no framing, no forms, and network access only
 * to our origin plus the listed `connectSources` (the browser host's socket).
 */
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    ["connect-src 'self'", ...connectSources].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Content type for a served file; unknown extensions are opaque bytes (with nosniff). */
export function contentTypeFor(filePath: string): string {
  const dot = filePath.lastIndexOf('.');
  const ext = dot >= 0 ? filePath.slice(dot).toLowerCase() : '';
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}
