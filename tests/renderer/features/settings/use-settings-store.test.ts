import { beforeEach, describe, expect, it } from 'vitest';
import type { DesktopSettings, DesktopSettingsPatch } from '../../../../common/contract';
import { setDesktopApi } from '../../../../renderer/src/desktop-api';
import { createSettingsStore, type NotificationPermissionState, type WebNotifications } from '../../../../renderer/src/features/settings/use-settings-store';
import { FakeDesktopApi, ok } from '../../fake-desktop-api';

/** Main's side as the browser host answers it: no tray, no login items, notifications on. */
function browserHostSettings(): { api: FakeDesktopApi; stored: DesktopSettings } {
  const stored: DesktopSettings = { closeToTray: true, startAtLogin: false, notifications: true, supported: { closeToTray: false, startAtLogin: false } };
  const api = new FakeDesktopApi()
    .handle('desktop:get-settings', () => ok({ ...stored }))
    .handle('desktop:set-settings', (patch: DesktopSettingsPatch) => {
      if (patch.closeToTray !== undefined) return { ok: false, error: { code: 'invalid_request', message: 'The tray is only available in the desktop app.' } };
      if (patch.notifications !== undefined) stored.notifications = patch.notifications;
      return ok({ ...stored });
    });
  return { api, stored };
}

class FakeNotifications implements WebNotifications {
  constructor(
    public current: NotificationPermissionState,
    private readonly answer: NotificationPermissionState,
  ) {}
  requests = 0;
  permission(): NotificationPermissionState {
    return this.current;
  }
  async request(): Promise<NotificationPermissionState> {
    this.requests += 1;
    this.current = this.answer;
    return this.answer;
  }
}

let api: FakeDesktopApi;
let stored: DesktopSettings;

beforeEach(() => {
  ({ api, stored } = browserHostSettings());
  setDesktopApi(api);
});

describe('settings store', () => {
  it('loads the settings and what the shell supports', async () => {
    const store = createSettingsStore(new FakeNotifications('default', 'granted'));
    await store.getState().load();
    expect(store.getState().settings).toEqual(stored);
    expect(store.getState().settings?.supported).toEqual({ closeToTray: false, startAtLogin: false });
  });

  it('saves a change and keeps main’s answer', async () => {
    const store = createSettingsStore(new FakeNotifications('default', 'granted'));
    await store.getState().load();
    await store.getState().update({ notifications: false });
    expect(api.callsTo('desktop:set-settings')).toEqual([[{ notifications: false }]]);
    expect(store.getState().settings?.notifications).toBe(false);
    expect(store.getState().notice).toBe('Settings saved.');
    // A fresh store (a reload) reads the saved value back from main.
    const reloaded = createSettingsStore(new FakeNotifications('default', 'granted'));
    await reloaded.getState().load();
    expect(reloaded.getState().settings?.notifications).toBe(false);
  });

  it('shows main’s refusal and keeps the old value', async () => {
    const store = createSettingsStore(new FakeNotifications('default', 'granted'));
    await store.getState().load();
    await store.getState().update({ closeToTray: false });
    expect(store.getState().error?.message).toMatch(/only available in the desktop app/);
    expect(store.getState().settings?.closeToTray).toBe(true);
    expect(store.getState().busy).toBe(false);
  });

  it('asks for notification permission only when told to, and records the answer', async () => {
    const notifications = new FakeNotifications('default', 'denied');
    const store = createSettingsStore(notifications);
    await store.getState().load();
    expect(notifications.requests).toBe(0);
    expect(store.getState().notificationPermission).toBe('default');
    await store.getState().requestNotifications();
    expect(notifications.requests).toBe(1);
    expect(store.getState().notificationPermission).toBe('denied');
  });

  it('reports a load failure', async () => {
    api.handle('desktop:get-settings', () => ({ ok: false, error: { code: 'connection_failed', message: 'gone' } }));
    const store = createSettingsStore(new FakeNotifications('unavailable', 'unavailable'));
    await store.getState().load();
    expect(store.getState().settings).toBeNull();
    expect(store.getState().error?.code).toBe('connection_failed');
  });
});
