import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAuthStore } from '../auth/use-auth-store';
import { usePortalStore } from '../../lib/use-portal-store';
import { DialogActions } from '../../ui/form-fields';
import { NewPasswordFields } from '../../ui/password/NewPasswordFields';
import { describePasswordError } from '../../ui/password/password-errors';
import { canSubmit } from '../../ui/password/password-rules';
import { fieldError, useFocusOnError } from '../../ui/form-errors';
import { ActivationCard } from '../../ui/activation/ActivationCard';
import { usePasswordStore } from './use-password-store';

/**
 * Sign-in step `change-password`: the last activation step (change the
 * temporary password) or a password that expired. After it the user is
 * logged off and signs in with the new password. A refused password ("one of
 * your recent passwords", the policy) is said next to *New password*, which
 * takes the focus, and goes as soon as the password changes.
 */
export function ForcedChangeScreen() {
  const auth = useAuthStore((s) => (s.auth?.status === 'change-password' ? s.auth : null));
  const portalUrl = useAuthStore((s) => s.portalUrl);
  const branding = usePortalStore((s) => s.branding);
  const { busy, error, submit, signOut, clearError } = usePasswordStore(
    useShallow((s) => ({
      busy: s.busy,
      error: s.error,
      submit: s.submitForcedChange,
      signOut: s.closeChange,
      clearError: s.clearError,
    })),
  );
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const newRef = useRef<HTMLInputElement>(null);
  const titleId = useId();
  useEffect(() => headingRef.current?.focus(), []);
  const newError = fieldError(error, 'newPassword');
  const formError = error && !newError ? error : null;
  useFocusOnError(newError, newRef);
  if (!auth) return null;

  // An expired password is not part of activation: no step indicator for it.
  const activation = auth.reason === 'temporary' ? auth.activation : [];
  const ready = canSubmit(next, confirm, auth.policy, auth.username);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (ready && !busy) void submit(next, activation);
  };
  const cancel = () => {
    signOut();
    void useAuthStore.getState().signOut();
  };

  const title = auth.reason === 'expired' ? 'Your password has expired' : 'Change your default password';
  const content = (
    <>
      <p className="muted">
        {auth.reason === 'expired'
          ? `Passwords must be changed every ${auth.policy.maxAgeDays ?? 90} days. Choose a new password to continue.`
          : 'Replace the temporary password you were given with one of your own.'}{' '}
        You will be logged off after the change and log on again with the new password.
      </p>
      <p role="alert" className={formError ? 'message error' : 'visually-empty'}>
        {formError ? describePasswordError(formError, portalUrl, branding) : null}
      </p>
      <form onSubmit={onSubmit} noValidate aria-busy={busy}>
        <NewPasswordFields
          policy={auth.policy}
          username={auth.username}
          value={next}
          confirm={confirm}
          inputRef={newRef}
          error={newError ? describePasswordError(newError, portalUrl, branding) : null}
          onChange={(value) => {
            if (error) clearError();
            setNext(value);
          }}
          onConfirmChange={setConfirm}
        />
        <DialogActions submitLabel="Change password" busy={busy} disabled={!ready} onCancel={cancel} />
      </form>
    </>
  );
  // During activation, the last step of the one activation card.
  if (activation.length > 0) {
    return (
      <ActivationCard steps={activation} current="change_password" title={title}>
        {content}
      </ActivationCard>
    );
  }
  return (
    <main className="centered-page">
      <div className="card sign-in-card" aria-labelledby={titleId}>
        <h1 id={titleId} ref={headingRef} tabIndex={-1}>
          {title}
        </h1>
        {content}
      </div>
    </main>
  );
}
