import { create } from 'zustand';
import type { ApiError, DesktopSettings, DesktopSettingsPatch } from '../../../../common/contract';
import { invoke } from '../../lib/invoke';

/** Whether the page may show system notifications (browser host: the Web Notifications API). */
export type NotificationPermissionState = 'granted' | 'denied' | 'default' | 'unavailable';

/** The parts of the Web Notifications API the store uses (injectable for tests). */
export interface WebNotifications {
  permission(): NotificationPermissionState;
  /** Must be called from a user gesture (a click), or browsers refuse without asking. */
  request(): Promise<NotificationPermissionState>;
}

/** The page's own Web Notifications API, or `unavailable` where there is none. */
export const browserNotifications: WebNotifications = {
  permission: () => (typeof Notification === 'undefined' ? 'unavailable' : Notification.permission),
  request: async () => (typeof Notification === 'undefined' ? 'unavailable' : Notification.requestPermission()),
};

/** The Settings screen's state: desktop preferences and notification permission. */
export interface SettingsState {
  settings: DesktopSettings | null;
  busy: boolean;
  error: ApiError | null;
  /** Short confirmation for the live region after a change. */
  notice: string | null;
  notificationPermission: NotificationPermissionState;
  load(): Promise<void>;
  /** Applies one change; main refuses what the shell cannot honour. */
  update(patch: DesktopSettingsPatch): Promise<void>;
  /** Asks the browser for permission to show notifications (call from a click only). */
  requestNotifications(): Promise<void>;
}

/** Builds the store; tests pass fake notifications. */
export function createSettingsStore(notifications: WebNotifications = browserNotifications) {
  return create<SettingsState>()((set, get) => ({
    settings: null,
    busy: false,
    error: null,
    notice: null,
    notificationPermission: notifications.permission(),
    load: async () => {
      set({ error: null, notificationPermission: notifications.permission() });
      const result = await invoke('desktop:get-settings');
      if (result.ok) set({ settings: result.value });
      else set({ error: result.error });
    },
    update: async (patch) => {
      if (get().busy) return;
      set({ busy: true, error: null, notice: null });
      const result = await invoke('desktop:set-settings', patch);
      if (result.ok) set({ busy: false, settings: result.value, notice: 'Settings saved.' });
      else set({ busy: false, error: result.error });
    },
    requestNotifications: async () => {
      const permission = await notifications.request().catch((): NotificationPermissionState => notifications.permission());
      set({ notificationPermission: permission });
    },
  }));
}

/** The app's Settings store. */
export const useSettingsStore = createSettingsStore();
