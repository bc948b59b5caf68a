/**
 * `portico://` links, parsed strictly. Anything a web page can put in a link
 * reaches us, so every part is checked and anything unexpected is refused:
 *
 *   portico://open?portal=https://portal.example.com   open that portal's sign-in
 *   portico://launch/<appId>                           launch an app (after sign-in)
 */
import { isSafeLine } from '../../../common/text/guard';

/** What a valid link asks for. */
export type DeepLink = { kind: 'open-portal'; portalUrl: string } | { kind: 'launch'; appId: string };

/** The scheme we register with the OS. */
export const DEEP_LINK_SCHEME = 'portico';
const MAX_LINK_LENGTH = 2048;
const APP_ID = /^[a-z0-9-]{1,64}$/;

function hasControlOrSpace(value: string): boolean {
  return value.includes(' ') || !isSafeLine(value);
}

/** https: portals, or http: on loopback only (development portals). */
function portalFrom(value: string): string | null {
  if (value.length === 0 || value.length > MAX_LINK_LENGTH || hasControlOrSpace(value)) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null;
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return null;
  // Only the portal's address: a path, query or fragment could smuggle something along.
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') return null;
  return url.origin;
}

/** Parses one link; null for anything that is not exactly one of the two forms. */
export function parseDeepLink(raw: unknown): DeepLink | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_LINK_LENGTH || hasControlOrSpace(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:` || url.username !== '' || url.password !== '' || url.port !== '' || url.hash !== '') return null;
  // Non-special schemes keep the host in `host` when written with `//`.
  const action = url.host.toLowerCase();
  if (action === 'open') {
    if (url.pathname !== '' && url.pathname !== '/') return null;
    const params = [...url.searchParams.entries()];
    if (params.length !== 1 || params[0]![0] !== 'portal') return null;
    const portalUrl = portalFrom(params[0]![1]);
    return portalUrl ? { kind: 'open-portal', portalUrl } : null;
  }
  if (action === 'launch') {
    if (url.search !== '') return null;
    const match = /^\/([^/]+)\/?$/.exec(url.pathname);
    const appId = match?.[1];
    return appId !== undefined && APP_ID.test(appId) ? { kind: 'launch', appId } : null;
  }
  return null;
}

/**
 * The first `portico://` argument of a command line (Windows and Linux pass
 * links as arguments), parsed; null when none is valid. Flags are ignored.
 */
export function findDeepLink(argv: readonly string[]): DeepLink | null {
  for (const arg of argv) {
    if (typeof arg === 'string' && arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) {
      const link = parseDeepLink(arg);
      if (link) return link;
    }
  }
  return null;
}
