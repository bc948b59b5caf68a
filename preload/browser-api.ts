/**
 * The browser page's DesktopApi over the browser host's WebSocket
 * (`browser-transport.ts`): the host token from the address, the first
 * connection, and the same `DesktopApi` as `window.portico` in Electron.
 */
import type { DesktopApi, InvokeChannel } from '../common/contract';
import { createDesktopApi } from './bridge';
import { connectionFailed, createBrowserTransport } from './browser-transport';

const TOKEN_KEY = 'portico.hostToken';

/**
 * Reads the host token from `#token=...` (keeping it in sessionStorage so a
 * reload still works), removes it from the address bar, and returns it.
 */
export function takeHostToken(): string | null {
  const hash = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromHash = hash.get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    // The token must not linger in the address bar, history or screenshots.
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** What the renderer asks first (`startRenderer`): asked as soon as the socket opens. */
const FIRST_STATE_CHANNELS = [
  'auth:get-state',
  'app:get-info',
  'portal:get-branding',
] as const satisfies readonly InvokeChannel[];

/** How long `connectBrowserApi` waits for the first connection before handing back the API anyway. */
const FIRST_CONNECT_WAIT_MS = 10_000;

/**
 * The browser page's DesktopApi. Without a token every invoke answers
 * `connection_failed` (the page was opened without the host's address).
 */
export async function connectBrowserApi(): Promise<DesktopApi> {
  const token = takeHostToken();
  if (!token) {
    return createDesktopApi({
      invoke: async () =>
        connectionFailed(
          'Open Portico with the address the browser host printed (it carries the access key).',
        ),
      on: () => () => {},
    });
  }
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const transport = createBrowserTransport({
    url: `${scheme}://${location.host}/ipc?token=${encodeURIComponent(token)}`,
    prefetch: FIRST_STATE_CHANNELS,
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    transport.ready(),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, FIRST_CONNECT_WAIT_MS))),
  ]);
  clearTimeout(timer);
  return createDesktopApi(transport);
}
