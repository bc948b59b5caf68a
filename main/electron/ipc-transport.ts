/**
 * The Electron IPC transport: ONE `ipcMain.handle('portico:invoke')` that
 * checks the sender is our window's top frame on `app://portico`, then hands
 * the message to the router. Events go out on the single `portico:event`
 * channel.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { EventHub, Router } from '../ports';
import { originOf } from '../shell-guards';
import { APP_ORIGIN } from './app-protocol';

const INVOKE_CHANNEL = 'portico:invoke';
const EVENT_CHANNEL = 'portico:event';

/** True only for the main frame of our own window, showing our own origin. */
function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | null): boolean {
  if (!window || window.isDestroyed()) return false;
  const frame = event.senderFrame;
  if (!frame || frame.isDestroyed() || event.sender !== window.webContents) return false;
  const top = window.webContents.mainFrame;
  // Compare by frame token rather than object identity: both name the same live frame.
  if (frame.parent !== null || frame.frameToken !== top.frameToken || frame.processId !== top.processId)
    return false;
  return originOf(frame.url) === APP_ORIGIN;
}

/** Registers the handler and forwards core events; returns the detach function. */
export function attachIpcTransport(
  router: Router,
  events: EventHub,
  getWindow: () => BrowserWindow | null,
): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, channel: unknown, args: unknown) => {
    const trusted = isTrustedSender(event, getWindow());
    // The router validates channel and arguments (and refuses untrusted senders).
    return router.handle(typeof channel === 'string' ? channel : '', args, {
      trusted,
      description: trusted ? 'main-window' : 'untrusted-frame',
    });
  });
  const stopEvents = events.onAny((event, payload) => {
    const window = getWindow();
    if (window && !window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, { event, payload });
  });
  return () => {
    stopEvents();
    ipcMain.removeHandler(INVOKE_CHANNEL);
  };
}
