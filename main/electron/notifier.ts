/** Notifier on Electron's Notification (no-op where the OS has none). */
import { BrowserWindow, Notification } from 'electron';
import type { Notifier } from '../ports';

/** True while one of Portico's windows is visible and has the focus (the user is looking at it). */
function userIsLooking(): boolean {
  const focused = BrowserWindow.getFocusedWindow();
  return focused !== null && !focused.isDestroyed() && focused.isVisible() && !focused.isMinimized();
}

/** Creates the notifier; a `whenAway` notice (e.g. a waiting push) is skipped while the user is in Portico. */
export function createElectronNotifier(): Notifier {
  return {
    notify: (title, body, options) => {
      if (options?.whenAway === true && userIsLooking()) return;
      if (Notification.isSupported()) new Notification({ title, body, silent: false }).show();
    },
  };
}
