import type { DesktopApi } from '../../common/contract';
import { connectBrowserApi } from '../../preload/browser-api';

/**
 * Finds the DesktopApi for this page: the Electron preload exposes it as
 * `window.portico`; in the loopback browser host (dev and end-to-end tests)
 * we connect the WebSocket transport instead.
 *
 * Fast start: this runs from the small entry chunk, before React and the screens
 * are even evaluated, so the socket opens (and the first state is on its way)
 * while the browser is still loading the rest. The transport module is tiny
 * and inert in Electron (nothing in it runs unless called).
 */
export async function connectApi(): Promise<DesktopApi> {
  if (window.portico) return window.portico;
  const api = Object.freeze(await connectBrowserApi());
  // Same shape as Electron's preload: `window.portico` with only `invoke` and
  // `on`, fixed so page code cannot swap it; the socket itself stays private.
  Object.defineProperty(window, 'portico', { value: api, writable: false, configurable: false, enumerable: true });
  return api;
}
