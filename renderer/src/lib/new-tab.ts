/**
 * Opening a page in a new tab of the same browser, the one thing the page
 * guards still allow: `window.open` stays denied for every script, and only
 * the opener the guards hand over at start-up (before any other code runs)
 * can open a tab. The browser host uses it for the light version, whose
 * address main has already checked against the portal's approved origins.
 */

type TabOpener = (url: string) => void;

let opener: TabOpener | null = null;

/** Called once by the page guards at start-up; later calls are ignored. */
export function provideTabOpener(open: TabOpener): void {
  opener ??= open;
}

/** Opens `url` (http/https only, no credentials) in a new tab; false when that is not possible here. */
export function openInNewTab(url: string): boolean {
  if (!isPlainWebUrl(url) || opener === null) return false;
  opener(url);
  return true;
}

/** An http(s) URL without user name or password. */
export function isPlainWebUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      (parsed.protocol === 'https:' || parsed.protocol === 'http:') &&
      parsed.username === '' &&
      parsed.password === ''
    );
  } catch {
    return false;
  }
}
