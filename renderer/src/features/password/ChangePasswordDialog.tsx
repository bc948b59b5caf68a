import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/form-fields';
import { useAuthStore } from '../auth/use-auth-store';
import { usePortalStore } from '../../lib/use-portal-store';
import { NewPasswordFields } from '../../ui/password/NewPasswordFields';
import { PasswordInput } from '../../ui/password/PasswordInput';
import { describePasswordError } from '../../ui/password/password-errors';
import { canSubmit } from '../../ui/password/password-rules';
import { usePasswordStore } from './use-password-store';

/**
 * *Change password…*: first the notice that the user will be logged off
 * (*Continue*), then old password, new password, confirmation and the live
 * checklist. On success main ends every session and the sign-in form says
 * "Password changed".
 */
export function ChangePasswordDialog() {
  const { stage, policy, busy, error } = usePasswordStore(
    useShallow((s) => ({ stage: s.stage, policy: s.policy, busy: s.busy, error: s.error })),
  );
  const { continueChange, closeChange, submitChange } = usePasswordStore(
    useShallow((s) => ({
      continueChange: s.continueChange,
      closeChange: s.closeChange,
      submitChange: s.submitChange,
    })),
  );
  const username = useAuthStore((s) => (s.auth?.status === 'signed-in' ? s.auth.user.username : ''));
  const portalUrl = useAuthStore((s) => s.portalUrl);
  const branding = usePortalStore((s) => s.branding);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const firstRef = useRef<HTMLElement | null>(null);

  useEffect(() => {
    if (stage === 'closed') {
      setCurrent('');
      setNext('');
      setConfirm('');
    }
    firstRef.current?.focus();
  }, [stage]);

  if (stage === 'closed') return null;
  const ready = policy !== null && current !== '' && canSubmit(next, confirm, policy, username);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready || busy) return;
    void submitChange(current, next);
  };

  return (
    <Dialog title="Change password" onCancel={closeChange}>
      {stage === 'notice' ? (
        <>
          <p>
            You will be logged off after a successful password change, on every device, and sign in again with
            the new password.
          </p>
          <div className="dialog-actions">
            <button type="button" className="button secondary" onClick={closeChange}>
              Cancel
            </button>
            <button
              type="button"
              className="button primary"
              ref={(el) => void (firstRef.current = el)}
              onClick={continueChange}
            >
              Continue
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={onSubmit} noValidate aria-busy={busy}>
          {error && (
            <p className="message error" role="alert">
              {describePasswordError(error, portalUrl, branding)}
            </p>
          )}
          <PasswordInput
            label="Old password"
            inputRef={(el) => void (firstRef.current = el)}
            autoComplete="current-password"
            value={current}
            onChange={setCurrent}
          />
          <NewPasswordFields
            policy={policy}
            username={username}
            value={next}
            confirm={confirm}
            onChange={setNext}
            onConfirmChange={setConfirm}
          />
          <DialogActions submitLabel="OK" busy={busy} disabled={!ready} onCancel={closeChange} />
        </form>
      )}
    </Dialog>
  );
}
