import { useEffect, useId, useRef, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { saveFile } from '../../ui/save-file';
import { useAuthStore } from '../auth/use-auth-store';
import { ActivationCard } from '../../ui/activation/ActivationCard';
import { describeMfaError } from '../../ui/mfa/mfa-messages';
import { useActivationStore } from './use-activation-store';

/**
 * Activation step `backup_codes` (authenticator app guide): at least 2
 * recovery methods — *Add recovery phone* (an enrolled mobile phone already
 * is one) and *Generate backup codes* → *Download Codes* — then the
 * checkbox and *Finish*.
 */
export function BackupCodesScreen() {
  const auth = useAuthStore((s) => (s.auth?.status === 'backup-codes' ? s.auth : null));
  const state = useActivationStore(
    useShallow((s) => ({
      codes: s.codes, saved: s.saved, busy: s.busy, error: s.error, addingPhone: s.addingPhone, recoveryPhone: s.recoveryPhone, phoneAdded: s.phoneAdded,
    })),
  );
  const ids = { saved: useId(), phone: useId(), phoneError: useId() };
  const phoneRef = useRef<HTMLInputElement>(null);
  const phoneError = state.error?.details?.field === 'recoveryPhone' || (state.addingPhone && state.error) ? state.error : null;
  useEffect(() => {
    if (state.addingPhone) phoneRef.current?.focus();
  }, [state.addingPhone, phoneError]);
  if (!auth) return null;
  const store = useActivationStore.getState();
  const phone = state.phoneAdded ?? auth.recoveryPhone;
  const methods = (phone ? 1 : 0) + (state.codes ? 1 : 0);
  const otherError = state.error && !phoneError ? describeMfaError(state.error) : null;
  const onAddPhone = (event: FormEvent) => {
    event.preventDefault();
    void store.addRecoveryPhone();
  };
  const ready = methods >= 2 && state.saved && !state.busy;

  return (
    <ActivationCard steps={auth.activation} current="backup_codes" title="Set up at least 2 recovery methods">
      <p>In case you lose access to your phone or authenticator app, you can still prove it is you. {methods} of 2 set up.</p>
      <div role="alert" className={otherError ? 'message error' : 'visually-empty'}>
        {otherError}
      </div>
      <div className="recovery-methods">
        <section aria-labelledby={`${ids.phone}-h`}>
          <h2 id={`${ids.phone}-h`}>Recovery phone</h2>
          {phone ? (
            <p className="message success" role="status">
              <span aria-hidden="true">✓</span> Support can call {phone} to verify your identity.
            </p>
          ) : state.addingPhone ? (
            <form onSubmit={onAddPhone} noValidate>
              <div className="field">
                <label htmlFor={ids.phone}>Recovery phone number (with country code)</label>
                <input
                  id={ids.phone}
                  ref={phoneRef}
                  type="tel"
                  autoComplete="tel"
                  placeholder="+1 602 555 0100"
                  value={state.recoveryPhone}
                  aria-invalid={phoneError ? true : undefined}
                  aria-describedby={phoneError ? ids.phoneError : undefined}
                  onChange={(e) => store.set({ recoveryPhone: e.target.value, error: null })}
                />
                <p id={ids.phoneError} role="alert" className={phoneError ? 'field-error' : 'visually-empty'}>
                  {phoneError ? describeMfaError(phoneError) : null}
                </p>
              </div>
              <div className="dialog-actions">
                <button type="button" className="button secondary" onClick={() => store.set({ addingPhone: false, error: null })}>
                  Cancel
                </button>
                <button type="submit" className="button primary" aria-disabled={state.busy || undefined}>
                  Save phone
                </button>
              </div>
            </form>
          ) : (
            <>
              <p className="muted small">A number Support can call to verify your identity if you have questions about your sign-in.</p>
              <button type="button" className="button secondary" onClick={() => store.set({ addingPhone: true, error: null })}>
                Add recovery phone
              </button>
            </>
          )}
        </section>
        <section aria-labelledby={`${ids.saved}-h`}>
          <h2 id={`${ids.saved}-h`}>Backup codes</h2>
          {state.codes ? (
            <>
              <p className="small">These are your backup codes. Each one logs you on once when your phone or app is not at hand. They are shown only now.</p>
              <ol className="backup-codes" aria-label="Backup codes">
                {state.codes.codes.map((code) => (
                  <li key={code}>
                    <code>{code}</code>
                  </li>
                ))}
              </ol>
              <button type="button" className="button secondary" onClick={() => state.codes && saveFile(state.codes.fileName, state.codes.fileText)}>
                Download Codes
              </button>
            </>
          ) : (
            <>
              <p className="muted small">One-time codes to log on with if you do not have your phone or app.</p>
              <button type="button" className="button secondary" aria-disabled={state.busy || undefined} onClick={() => void store.loadCodes()}>
                Generate backup codes
              </button>
            </>
          )}
        </section>
      </div>
      <div className="checkbox-field">
        <input id={ids.saved} type="checkbox" checked={state.saved} disabled={!state.codes} onChange={(e) => store.set({ saved: e.target.checked })} />
        <label htmlFor={ids.saved}>I saved my backup codes in a safe place</label>
      </div>
      <div className="dialog-actions">
        <button type="button" className="button primary" aria-disabled={!ready || undefined} onClick={() => ready && void store.finishCodes()}>
          Finish
        </button>
      </div>
    </ActivationCard>
  );
}
