/**
 * Page guards the renderer installs before anything else runs. Electron
 * already denies new windows and navigation in main (`setWindowOpenHandler`,
 * `will-navigate`); the browser host has no such hooks, so the page enforces
 * the same rules itself, and in Electron they are a second layer.
 *
 * What a page cannot block by itself (documented, covered by CSP and by main
 * in Electron): script assignments to `location.href`, `location.assign()`,
 * `history` tricks and `<meta http-equiv=refresh>` injected by a script. With
 * `script-src 'self'` no injected script runs, so those need our own code to
 * misbehave.
 */
import { isPlainWebUrl } from '../../lib/new-tab';

/** The subset of `window` the guards touch (a fake in unit tests). */
export interface GuardedWindow {
  location: { origin: string; href: string };
  document: Pick<Document, 'addEventListener'>;
}

/** True when `href` (resolved against `base`) stays on `origin`. */
export function isSameOriginLink(href: string, base: string, origin: string): boolean {
  try {
    const url = new URL(href, base);
    // `javascript:`, `data:`, `file:` and friends never count as ours.
    if (!['http:', 'https:', 'app:'].includes(url.protocol) || url.host === '') return false;
    return `${url.protocol}//${url.host}`.toLowerCase() === origin.toLowerCase();
  } catch {
    return false;
  }
}

interface LinkFacts {
  href: string;
  target: string | null;
  download: boolean;
}

/** The link a click landed on (the target itself or an ancestor), if any. */
function linkOf(target: EventTarget | null): LinkFacts | null {
  const element = target as { closest?: (selector: string) => Element | null } | null;
  const link = typeof element?.closest === 'function' ? element.closest('a[href],area[href]') : null;
  if (!link) return null;
  return {
    href: link.getAttribute('href') ?? '',
    target: link.getAttribute('target'),
    download: link.hasAttribute('download'),
  };
}

/** The page's own origin; custom schemes (`app://portico`) report "null" as WHATWG origin. */
function pageOrigin(win: GuardedWindow): string {
  if (win.location.origin && win.location.origin !== 'null') return win.location.origin;
  try {
    const url = new URL(win.location.href);
    return `${url.protocol}//${url.host}`;
  } catch {
    return '';
  }
}

/**
 * Installs the guards on `win`: `window.open` always answers null and opens
 * nothing; clicks (and middle clicks) on links that leave our origin, or that
 * would open a new window, do nothing. Returns the one way left to open a
 * tab: an http(s) URL, opened with `noopener,noreferrer` (see lib/new-tab).
 */
export function installPageGuards(win: GuardedWindow & { open?: unknown } = window): (url: string) => void {
  const realOpen = typeof win.open === 'function' ? (win.open as Window['open']).bind(win) : null;
  const deniedOpen = (): null => null;
  try {
    // Not writable or configurable: a later script cannot put the real one back.
    Object.defineProperty(win, 'open', { value: deniedOpen, writable: false, configurable: false });
  } catch {
    (win as { open?: unknown }).open = deniedOpen;
  }
  const onClick = (event: Event): void => {
    const link = linkOf(event.target);
    if (!link) return;
    // Downloads of our own blob: links (e.g. the diagnostics file) stay allowed.
    if (link.download && /^blob:/i.test(link.href)) return;
    const newWindow = link.target !== null && link.target !== '' && link.target !== '_self';
    if (newWindow || !isSameOriginLink(link.href, win.location.href, pageOrigin(win))) event.preventDefault();
  };
  // Capture phase: runs before any React handler can navigate.
  win.document.addEventListener('click', onClick, true);
  win.document.addEventListener('auxclick', onClick, true);
  return (url) => {
    if (isPlainWebUrl(url)) realOpen?.(url, '_blank', 'noopener,noreferrer');
  };
}
