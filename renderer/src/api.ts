import type { DesktopApi } from '../../preload/contract';

/**
 * Finds the DesktopApi for this page: the Electron preload exposes it as
 * `window.portico`; in the loopback browser host (dev and end-to-end tests)
 * we connect the WebSocket transport instead. The transport is imported
 * lazily so the Electron build never loads it.
 */
export async function connectApi(): Promise<DesktopApi> {
  if (window.portico) return window.portico;
  const { connectBrowserApi } = await import('../../preload/browser-transport');
  const api = Object.freeze(await connectBrowserApi());
  // Same shape as Electron's preload: `window.portico` with only `invoke` and
  // `on`, fixed so page code cannot swap it; the socket itself stays private.
  Object.defineProperty(window, 'portico', { value: api, writable: false, configurable: false, enumerable: true });
  return api;
}
