/**
 * Electron preload (sandboxed, bundled to a single CommonJS file). Exposes
 * exactly one object, `window.portico`; the raw ipcRenderer never reaches the
 * page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { BridgeTransport } from '../common/contract';
import { createDesktopApi } from './bridge';
import { createListenerRegistry } from './listeners';

const INVOKE_CHANNEL = 'portico:invoke';
const EVENT_CHANNEL = 'portico:event';

const listeners = createListenerRegistry();

// One ipc listener for all events: the page never gets to attach its own.
ipcRenderer.on(EVENT_CHANNEL, (_event: IpcRendererEvent, message: unknown) => {
  if (typeof message !== 'object' || message === null) return;
  const { event, payload } = message as { event?: unknown; payload?: unknown };
  if (typeof event !== 'string') return;
  listeners.deliver(event, payload);
});

const ipcTransport: BridgeTransport = {
  invoke: (channel, args) => ipcRenderer.invoke(INVOKE_CHANNEL, channel, args),
  on: (event, listener) => listeners.on(event, listener),
};

contextBridge.exposeInMainWorld('portico', createDesktopApi(ipcTransport));
