import { useEffect, useId, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { DesktopSettingsPatch } from '../../../../common/contract';
import { useNavigationStore } from '../../lib/use-navigation-store';
import { usePortalStore } from '../../lib/use-portal-store';
import { NotificationsSection } from './NotificationsSection';
import { useSettingsStore } from './use-settings-store';
import './settings.css';

/** Why a preference is greyed out in this shell. */
export const UNSUPPORTED = {
  closeToTray: 'Not available in the browser version: it has no tray icon to keep running in.',
  startAtLogin: 'Not available here: this version of Portico cannot add itself to the programs that start with your computer.',
} as const;

/** One on/off preference with its help text (and why it is off-limits, when it is). */
function Toggle(props: { label: string; help: string; checked: boolean; supported: boolean; busy: boolean; onChange(checked: boolean): void }) {
  const ids = { input: useId(), help: useId() };
  return (
    <div>
      <div className="checkbox-field">
        <input
          id={ids.input}
          type="checkbox"
          // Where the shell cannot honour it, it is off here, whatever the stored value says.
          checked={props.supported && props.checked}
          disabled={!props.supported}
          aria-describedby={ids.help}
          onChange={(e) => !props.busy && props.onChange(e.target.checked)}
        />
        <label htmlFor={ids.input}>{props.label}</label>
      </div>
      <p id={ids.help} className="muted small setting-help">
        {props.help}
      </p>
    </div>
  );
}

/** The account links' actions, which belong to other features (the shell wires them). */
export interface SettingsPageProps {
  onChangePassword(): void;
  onSaveDiagnostics(): void;
}

/** *Settings*: desktop preferences, notifications, where secrets are kept, theme, account links. */
export default function SettingsPage({ onChangePassword, onSaveDiagnostics }: SettingsPageProps) {
  const s = useSettingsStore(useShallow((st) => ({ settings: st.settings, busy: st.busy, error: st.error, notice: st.notice })));
  const info = usePortalStore((st) => st.info);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
    void useSettingsStore.getState().load();
  }, []);
  const update = (patch: DesktopSettingsPatch) => void useSettingsStore.getState().update(patch);
  const settings = s.settings;
  const vault = info?.vault;

  return (
    <div className="settings-page">
      <h1 ref={headingRef} tabIndex={-1}>
        Settings
      </h1>
      <div role="alert" className={s.error ? 'message error' : 'visually-empty'}>
        {s.error ? `The setting was not changed: ${s.error.message}` : null}
      </div>
      <div role="status" className={s.notice ? 'message success' : 'visually-empty'}>
        {s.notice}
      </div>
      {settings && (
        <section aria-labelledby="settings-window-h">
          <h2 id="settings-window-h">Window and start-up</h2>
          <Toggle
            label="Keep Portico running in the tray when I close the window"
            help={
              settings.supported.closeToTray
                ? 'The first time you close the window, a notification says Portico is still running. Quit from the tray menu.'
                : UNSUPPORTED.closeToTray
            }
            checked={settings.closeToTray}
            supported={settings.supported.closeToTray}
            busy={s.busy}
            onChange={(closeToTray) => update({ closeToTray })}
          />
          <Toggle
            label="Start Portico when I log in to this computer"
            help={settings.supported.startAtLogin ? 'Off unless you turn it on.' : UNSUPPORTED.startAtLogin}
            checked={settings.startAtLogin}
            supported={settings.supported.startAtLogin}
            busy={s.busy}
            onChange={(startAtLogin) => update({ startAtLogin })}
          />
        </section>
      )}
      {settings && <NotificationsSection enabled={settings.notifications} busy={s.busy} browser={info?.shell === 'browser'} onChange={(notifications) => update({ notifications })} />}
      <section aria-labelledby="settings-secrets-h">
        <h2 id="settings-secrets-h">Where your sign-in is kept</h2>
        {vault?.persistent ? (
          <p>
            <strong>Remembered on this computer.</strong> Your session and <em>Remember me for 8 hours</em> are encrypted with your
            computer&apos;s keychain, so they survive a restart and no other user of this computer can read them.
          </p>
        ) : (
          <p>
            <strong>This session only.</strong> {vault?.reason ?? 'No secure storage is available on this system.'} Closing Portico signs you
            out, and nothing secret is written to disk.
          </p>
        )}
        {vault?.problem && <p className="message error">{vault.problem}</p>}
      </section>
      <section aria-labelledby="settings-theme-h">
        <h2 id="settings-theme-h">Appearance</h2>
        <p>Portico follows your computer&apos;s light or dark theme. Change it in your system settings.</p>
      </section>
      <section aria-labelledby="settings-account-h">
        <h2 id="settings-account-h">Account and help</h2>
        <div className="button-row">
          <button type="button" className="button secondary" onClick={() => useNavigationStore.getState().navigate('devices')}>
            My Settings &amp; Devices
          </button>
          <button type="button" className="button secondary" onClick={onChangePassword}>
            Change password…
          </button>
          <button type="button" className="button secondary" onClick={onSaveDiagnostics}>
            Save diagnostics…
          </button>
        </div>
      </section>
    </div>
  );
}
