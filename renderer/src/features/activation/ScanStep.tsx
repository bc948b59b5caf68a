import { useEffect, useId, useRef, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { describeMfaError } from '../../ui/mfa/mfa-messages';
import { groupKey } from '../../ui/mfa/group-key';
import { useActivationStore } from './use-activation-store';

/**
 * The QR code (and the key as text) for the authenticator app, the phone
 * link for pushes, and the 6-digit code that confirms the device. A wrong
 * code is said next to the code field (announced), which takes the focus
 * with the code still in it, selected, so it can be retyped at once.
 */
export function ScanStep() {
  const { enrollment, pushBound, code, busy, error } = useActivationStore(
    useShallow((s) => ({ enrollment: s.enrollment, pushBound: s.pushBound, code: s.code, busy: s.busy, error: s.error })),
  );
  const ids = { key: useId(), code: useId(), link: useId(), error: useId() };
  const codeRef = useRef<HTMLInputElement>(null);

  // Watch for the phone opening the link, so the user sees it worked.
  useEffect(() => {
    if (!enrollment || pushBound) return undefined;
    const timer = setInterval(() => void useActivationStore.getState().pollBinding(), 2000);
    return () => clearInterval(timer);
  }, [enrollment, pushBound]);
  useEffect(() => {
    if (!error) return;
    codeRef.current?.focus();
    codeRef.current?.select();
  }, [error]);

  if (!enrollment) return null;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void useActivationStore.getState().confirm();
  };
  const errorText = error ? describeMfaError(error) : null;
  return (
    <div className="scan-step">
      <div className="scan-grid">
        <section aria-labelledby={`${ids.key}-h`}>
          <h2 id={`${ids.key}-h`}>Scan this QR code with your authenticator app</h2>
          <img className="qr" src={enrollment.qrDataUrl} width={180} height={180} alt="QR code for your authenticator app" />
          <p className="small">Can’t scan it? Add an account in the app and type this key:</p>
          <p className="key-text">
            <span id={ids.key}>Key</span>: <code aria-labelledby={ids.key} data-key={enrollment.secret}>{groupKey(enrollment.secret)}</code>
          </p>
        </section>

        <section aria-labelledby={`${ids.link}-h`}>
          <h2 id={`${ids.link}-h`}>Get pushes on this phone (optional)</h2>
          <p className="small">Scan this second code with the phone’s camera to open the approver page; it lets you approve sign-ins with one tap.</p>
          <img className="qr small-qr" src={enrollment.bindQrDataUrl} width={140} height={140} alt="QR code that links your phone for pushes" />
          <p className="muted small">
            Or open this address on the phone: <span className="bind-url">{enrollment.bindUrl}</span>
          </p>
          <p role="status" className={pushBound ? 'message success' : 'muted'}>
            {pushBound ? '✓ Phone linked for pushes.' : 'Waiting for the phone…'}
          </p>
        </section>
      </div>

      <form onSubmit={onSubmit} noValidate aria-busy={busy}>
        <div className="field">
          <label htmlFor={ids.code}>6-digit code from the app</label>
          <input
            id={ids.code}
            ref={codeRef}
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            value={code}
            aria-invalid={errorText ? true : undefined}
            aria-describedby={errorText ? ids.error : undefined}
            onChange={(e) => useActivationStore.getState().set({ code: e.target.value })}
          />
          <p id={ids.error} role="alert" className={errorText ? 'field-error' : 'visually-empty'}>
            {errorText}
          </p>
        </div>
        <div className="dialog-actions">
          <button type="submit" className="button primary" aria-disabled={busy || undefined}>
            {busy && <span className="spinner" aria-hidden="true" />}
            Verify
          </button>
        </div>
      </form>
    </div>
  );
}
