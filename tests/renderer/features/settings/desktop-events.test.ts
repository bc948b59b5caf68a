import { beforeEach, describe, expect, it } from 'vitest';
import type { AuthState } from '../../../../common/contract';
import { useAuthStore } from '../../../../renderer/src/features/auth/use-auth-store';
import { useNavigationStore } from '../../../../renderer/src/lib/use-navigation-store';
import { showNotice, wireDesktopEvents } from '../../../../renderer/src/features/settings/desktop-events';
import { useNoticesStore } from '../../../../renderer/src/features/settings/use-notices-store';
import { useSettingsStore } from '../../../../renderer/src/features/settings/use-settings-store';
import { FakeDesktopApi } from '../../fake-desktop-api';
import { resetStores } from '../../reset-stores';

const signedIn: AuthState = { status: 'signed-in', portalUrl: 'https://portal.example', user: { username: 'demo', displayName: 'Demo', roles: [] }, idleExpiresAt: '2026-01-01T00:30:00.000Z' };

beforeEach(() => {
  resetStores();
  useNoticesStore.setState({ toasts: [] });
});

describe('desktop events', () => {
  it('shows a notice from main as a toast when the page may not notify, and unsubscribes', () => {
    const api = new FakeDesktopApi();
    const off = wireDesktopEvents(api);
    api.emit('desktop:notice', { title: 'Upload finished', body: '2 files done.', whenAway: false });
    expect(useNoticesStore.getState().toasts.map((t) => t.title)).toEqual(['Upload finished']);
    off();
    expect(api.listenerCount('desktop:notice')).toBe(0);
    expect(api.listenerCount('desktop:open-settings')).toBe(0);
    expect(api.listenerCount('desktop:settings-changed')).toBe(0);
  });

  it('shows a settings change made elsewhere (the native menu) on the Settings screen', () => {
    const api = new FakeDesktopApi();
    const off = wireDesktopEvents(api);
    const changed = { closeToTray: false, startAtLogin: true, notifications: true, supported: { closeToTray: true, startAtLogin: true } };
    api.emit('desktop:settings-changed', changed);
    expect(useSettingsStore.getState().settings).toEqual(changed);
    off();
  });

  it('skips a "when away" notice while the user looks at Portico', () => {
    showNotice({ title: 'Approve your sign-in', body: 'On your phone.', whenAway: true }, { permission: 'default', looking: true });
    expect(useNoticesStore.getState().toasts).toEqual([]);
  });

  it('File → Settings… opens Settings only while signed in', () => {
    const api = new FakeDesktopApi();
    const off = wireDesktopEvents(api);
    api.emit('desktop:open-settings', {});
    expect(useNavigationStore.getState().view).toBe('launcher');
    useAuthStore.setState({ auth: signedIn });
    api.emit('desktop:open-settings', {});
    expect(useNavigationStore.getState().view).toBe('settings');
    off();
  });
});
