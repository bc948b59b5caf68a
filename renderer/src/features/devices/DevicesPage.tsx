import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { saveFile } from '../../ui/save-file';
import { describeMfaError } from '../../ui/mfa/mfa-messages';
import { DevicesSection } from './DevicesSection';
import { PreferenceField } from '../../ui/mfa/PreferenceField';
import { StepUpForm } from './StepUpForm';
import { useDevicesStore } from './use-devices-store';
import '../../ui/mfa/mfa.css';
import { formatDateTime, formatTime } from '../../lib/time-format';
import type { ReactNode } from 'react';

const ACTIVITY: Record<string, string> = {
  'mfa.enrolled': 'Device added',
  'mfa.push_approved': 'Push approved',
  'mfa.push_denied': 'Push denied',
  'mfa.push_reported': 'Sign-in reported as not you',
  'mfa.backup_code_used': 'Backup code used',
  'mfa.backup_codes_generated': 'New backup codes',
  'mfa.device_removed': 'Device removed',
};

function time(iso: string): string {
  return formatTime(iso);
}

/** *My Settings & Devices*: devices, "When I log in", backup codes, remember-me, activity. */
export default function DevicesPage(props: {
  /** Sections of other features the shell puts after the backup codes (app passwords, sessions). */
  accessSections?: ReactNode;
}) {
  const s = useDevicesStore(
    useShallow((st) => ({ account: st.account, busy: st.busy, error: st.error, notice: st.notice, pending: st.pendingAction, enrollment: st.enrollment, newCodes: st.newCodes })),
  );
  const store = useDevicesStore.getState();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
    void useDevicesStore.getState().load();
  }, []);
  const account = s.account;
  const needsStepUp = s.pending !== null && !(account?.steppedUp ?? false);
  // Scanning a new device: the portal's refusal is about the code just typed.
  const codeError = s.pending === 'add' && s.enrollment !== null ? s.error : null;

  return (
    <div className="devices-page">
      <h1 ref={headingRef} tabIndex={-1}>
        My Settings &amp; Devices
      </h1>
      {/* A wrong code while adding a device sits next to the code field (AddDevicePanel). */}
      <div role="alert" className={s.error && !codeError ? 'message error' : 'visually-empty'}>
        {s.error && !codeError ? describeMfaError(s.error) : null}
      </div>
      {s.notice && (
        <p className="message success" role="status">
          {s.notice}
        </p>
      )}
      {needsStepUp && <StepUpForm busy={s.busy} onSubmit={(p, c) => void store.stepUp(p, c)} onCancel={() => store.cancel()} />}
      {account && (
        <>
          <DevicesSection account={account} busy={s.busy} pending={s.pending} needsStepUp={needsStepUp} enrollment={s.enrollment} codeError={codeError ? describeMfaError(codeError) : null} />
          <section aria-labelledby="pref-h">
            <h2 id="pref-h">Log in preference</h2>
            <PreferenceField value={account.preference} canPush={account.devices.some((d) => d.canPush)} onChange={(p) => void store.setPreference(p)} />
          </section>
          <section aria-labelledby="codes-h">
            <h2 id="codes-h">Backup codes</h2>
            <p>{account.hasBackupCodes ? `${account.backupCodesLeft} of 10 codes left.` : 'You have no backup codes yet.'}</p>
            {s.newCodes && (
              <>
                <ol className="backup-codes" aria-label="Backup codes">
                  {s.newCodes.codes.map((c) => (
                    <li key={c}>
                      <code>{c}</code>
                    </li>
                  ))}
                </ol>
                <button type="button" className="button secondary" onClick={() => s.newCodes && saveFile(s.newCodes.fileName, s.newCodes.fileText)}>
                  Download codes
                </button>
              </>
            )}
            <button type="button" className="button secondary" onClick={() => store.ask('codes')}>
              Get new codes
            </button>
            <p className="muted small">New codes replace the old ones: the old codes stop working.</p>
          </section>
          {props.accessSections}
          <section aria-labelledby="remember-h">
            <h2 id="remember-h">This computer</h2>
            {account.rememberedUntil ? (
              <p>
                Remembered until {time(account.rememberedUntil)}.{' '}
                <button type="button" className="button secondary small" onClick={() => void store.forgetThisDevice()}>
                  Forget this device
                </button>
              </p>
            ) : (
              <p className="muted">Not remembered: every log on asks for a second factor.</p>
            )}
          </section>
          <section aria-labelledby="activity-h">
            <h2 id="activity-h">Recent activity</h2>
            <ul>
              {account.activity.map((a, i) => (
                <li key={`${a.at}-${i}`}>
                  {formatDateTime(a.at)} — {ACTIVITY[a.type] ?? a.type}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </div>
  );
}
