/** Notifier on Electron's Notification (no-op where the OS has none). */
import { Notification } from 'electron';
import type { Notifier } from '../ports';

/** Creates the notifier. */
export function createElectronNotifier(): Notifier {
  return {
    notify: (title, body) => {
      if (Notification.isSupported()) new Notification({ title, body, silent: false }).show();
    },
  };
}
