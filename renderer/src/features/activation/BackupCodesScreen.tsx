import { useEffect, useId, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { saveFile } from '../../ui/save-file';
import { useAuthStore } from '../auth/use-auth-store';
import { describeMfaError } from '../../ui/mfa/mfa-messages';
import { DeviceList } from '../../ui/mfa/DeviceList';
import { PreferenceField } from '../../ui/mfa/PreferenceField';
import { ActivationProgress } from './ActivationProgress';
import { useActivationStore } from './use-activation-store';

/**
 * After the device is confirmed: the green check and *My Settings & Devices*
 * review, then the one-time backup codes (*Download codes*, "I saved them").
 */
export function BackupCodesScreen() {
  const auth = useAuthStore((s) => (s.auth?.status === 'backup-codes' ? s.auth : null));
  const state = useActivationStore(
    useShallow((s) => ({ phase: s.backupPhase, codes: s.codes, saved: s.saved, busy: s.busy, error: s.error, preference: s.preference })),
  );
  const ids = { saved: useId() };
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), [state.phase]);
  useEffect(() => {
    if (auth) useActivationStore.getState().set({ preference: auth.preference });
  }, [auth?.preference]);
  if (!auth) return null;
  const store = useActivationStore.getState();
  const errorText = state.error ? describeMfaError(state.error) : null;

  return (
    <main className="centered-page">
      <div className="card wide-card activation-card">
        <ActivationProgress steps={auth.activation} current="backup_codes" />
        <div role="alert" className={errorText ? 'message error' : 'visually-empty'}>
          {errorText}
        </div>
        {state.phase === 'review' ? (
          <>
            <p className="message success" role="status">
              <span aria-hidden="true">✓</span> Your device was added.
            </p>
            <h1 ref={headingRef} tabIndex={-1}>
              My Settings &amp; Devices
            </h1>
            <DeviceList devices={auth.devices} />
            <PreferenceField value={state.preference} canPush={auth.devices.some((d) => d.canPush)} onChange={(p) => void store.setPreference(p)} />
            <p className="message info">
              Add more than one way in, in case your phone’s battery runs out or you lose it. Your backup codes, next, are the first.
            </p>
            <button type="button" className="button primary" aria-disabled={state.busy || undefined} onClick={() => void store.loadCodes()}>
              Continue
            </button>
          </>
        ) : (
          <>
            <h1 ref={headingRef} tabIndex={-1}>
              Save your backup codes
            </h1>
            <p>Each code signs you in once when your phone or app is not at hand. They are shown only now.</p>
            <ol className="backup-codes" aria-label="Backup codes">
              {state.codes?.codes.map((code) => (
                <li key={code}>
                  <code>{code}</code>
                </li>
              ))}
            </ol>
            <button type="button" className="button secondary" onClick={() => state.codes && saveFile(state.codes.fileName, state.codes.fileText)}>
              Download codes
            </button>
            <div className="checkbox-field">
              <input id={ids.saved} type="checkbox" checked={state.saved} onChange={(e) => store.set({ saved: e.target.checked })} />
              <label htmlFor={ids.saved}>I saved my backup codes in a safe place</label>
            </div>
            <button type="button" className="button primary" aria-disabled={!state.saved || state.busy || undefined} onClick={() => void store.finishCodes()}>
              Continue
            </button>
          </>
        )}
      </div>
    </main>
  );
}
