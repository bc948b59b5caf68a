import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Dialog } from '../../ui/Dialog';
import { DialogActions } from '../../ui/form-fields';
import { useAuthStore } from '../auth/use-auth-store';
import { usePortalStore } from '../../lib/use-portal-store';
import { NewPasswordFields } from '../../ui/password/NewPasswordFields';
import { PasswordInput } from '../../ui/password/PasswordInput';
import { describePasswordError } from '../../ui/password/password-errors';
import { fieldError, useFocusOnError } from '../../ui/form-errors';
import { canSubmit } from '../../ui/password/password-rules';
import { usePasswordStore } from './use-password-store';

/**
 * *Change password…*: first the notice that the user will be logged off
 * (*Continue*), then old password, new password, confirmation and the live
 * checklist. On success main ends every session and the sign-in form says
 * "Password changed". A refusal sits next to the field it is about ("The old
 * password is incorrect" by *Old password*, "one of your recent passwords" by
 * *New password*), takes the focus there, and goes as soon as that field changes.
 */
export function ChangePasswordDialog() {
  const { stage, policy, busy, error } = usePasswordStore(
    useShallow((s) => ({ stage: s.stage, policy: s.policy, busy: s.busy, error: s.error })),
  );
  const { continueChange, closeChange, submitChange, clearError } = usePasswordStore(
    useShallow((s) => ({
      continueChange: s.continueChange,
      closeChange: s.closeChange,
      submitChange: s.submitChange,
      clearError: s.clearError,
    })),
  );
  const username = useAuthStore((s) => (s.auth?.status === 'signed-in' ? s.auth.user.username : ''));
  const portalUrl = useAuthStore((s) => s.portalUrl);
  const branding = usePortalStore((s) => s.branding);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const firstRef = useRef<HTMLElement | null>(null);
  const currentRef = useRef<HTMLInputElement | null>(null);
  const newRef = useRef<HTMLInputElement | null>(null);
  const currentError = fieldError(error, 'currentPassword');
  const newError = fieldError(error, 'newPassword');
  const formError = error && !currentError && !newError ? error : null;
  useFocusOnError(currentError, currentRef);
  useFocusOnError(newError, newRef);

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
          <p role="alert" className={formError ? 'message error' : 'visually-empty'}>
            {formError ? describePasswordError(formError, portalUrl, branding) : null}
          </p>
          <PasswordInput
            label="Old password"
            inputRef={(el) => void (firstRef.current = currentRef.current = el)}
            autoComplete="current-password"
            value={current}
            error={currentError ? describePasswordError(currentError, portalUrl, branding) : null}
            onChange={(value) => {
              if (currentError || formError) clearError();
              setCurrent(value);
            }}
          />
          <NewPasswordFields
            policy={policy}
            username={username}
            value={next}
            confirm={confirm}
            inputRef={newRef}
            error={newError ? describePasswordError(newError, portalUrl, branding) : null}
            onChange={(value) => {
              if (newError || formError) clearError();
              setNext(value);
            }}
            onConfirmChange={setConfirm}
          />
          <DialogActions submitLabel="OK" busy={busy} disabled={!ready} onCancel={closeChange} />
        </form>
      )}
    </Dialog>
  );
}
