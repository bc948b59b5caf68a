import { useId } from 'react';
import { useSettingsStore, type NotificationPermissionState } from './use-settings-store';

/** What the browser's permission means for the user (browser host only). */
export function permissionText(permission: NotificationPermissionState): string {
  switch (permission) {
    case 'granted':
      return 'Your browser shows them as system notifications when Portico is not in front.';
    case 'denied':
      return 'Your browser blocks notifications from Portico, so they appear inside the Portico page. You can allow them in the browser’s site settings.';
    case 'default':
      return 'For now they appear inside the Portico page. Allow notifications to see them while you work in another window.';
    case 'unavailable':
      return 'This browser cannot show system notifications, so they appear inside the Portico page.';
  }
}

/** The notifications preference, and (browser host) the browser's permission with *Allow notifications*. */
export function NotificationsSection(props: { enabled: boolean; busy: boolean; browser: boolean; onChange(enabled: boolean): void }) {
  const permission = useSettingsStore((s) => s.notificationPermission);
  const ids = { input: useId(), help: useId() };
  return (
    <section aria-labelledby="settings-notifications-h">
      <h2 id="settings-notifications-h">Notifications</h2>
      <div>
        <div className="checkbox-field">
          <input
            id={ids.input}
            type="checkbox"
            checked={props.enabled}
            aria-describedby={ids.help}
            onChange={(e) => !props.busy && props.onChange(e.target.checked)}
          />
          <label htmlFor={ids.input}>Show notifications</label>
        </div>
        <p id={ids.help} className="muted small setting-help">
          A push waiting for your approval, a finished or failed transfer, a password about to expire, and a session that ended.
        </p>
      </div>
      {props.browser && props.enabled && (
        <>
          <p>{permissionText(permission)}</p>
          {permission === 'default' && (
            // Browsers only ask on a user gesture, and asking unprompted is rude: only from this button.
            <button type="button" className="button secondary" onClick={() => void useSettingsStore.getState().requestNotifications()}>
              Allow notifications
            </button>
          )}
        </>
      )}
    </section>
  );
}
