import type { DesktopApi, DesktopNotice } from '../../../../common/contract';
import { useAuthStore } from '../auth/use-auth-store';
import { useNavigationStore } from '../../lib/use-navigation-store';
import { noticeRoute, useNoticesStore, type AttentionState } from './use-notices-store';
import { browserNotifications, useSettingsStore } from './use-settings-store';

/** Where the user's attention is, read from the page. */
function pageAttention(): AttentionState {
  return {
    permission: browserNotifications.permission(),
    looking: typeof document !== 'undefined' && document.visibilityState === 'visible' && document.hasFocus(),
  };
}

/** Shows a notice main sent (browser host): system notification, toast, or nothing. */
export function showNotice(notice: DesktopNotice, attention: AttentionState = pageAttention()): void {
  const route = noticeRoute(notice, attention);
  if (route === 'system') {
    try {
      new Notification(notice.title, { body: notice.body });
      return;
    } catch {
      // Some browsers only allow notifications from a service worker: fall back to the toast.
    }
  }
  if (route !== 'skip') useNoticesStore.getState().show(notice);
}

/**
 * Desktop events main sends the page: a `portico://open?portal=…`
 * link fills the sign-in form's portal address (main only sends it while
 * signed out, after checking the address), notices (browser host) are
 * shown to the user, and File → Settings… (Electron) opens Settings.
 * Returns the unsubscribe function.
 */
export function wireDesktopEvents(api: DesktopApi): () => void {
  const offLinks = api.on('desktop:open-portal', ({ portalUrl }) => {
    const auth = useAuthStore.getState();
    if (auth.auth?.status !== 'signed-in') auth.setField('portalUrl', portalUrl);
  });
  const offNotices = api.on('desktop:notice', (notice) => showNotice(notice));
  const offSettings = api.on('desktop:open-settings', () => {
    if (useAuthStore.getState().auth?.status === 'signed-in') useNavigationStore.getState().navigate('settings');
  });
  // A change made elsewhere (the native menu) shows on the Settings screen at once.
  const offChanged = api.on('desktop:settings-changed', (settings) => useSettingsStore.setState({ settings }));
  return () => {
    offLinks();
    offNotices();
    offSettings();
    offChanged();
  };
}
