import { ActivationCard } from '../../ui/activation/ActivationCard';
import { usePasswordStore } from './use-password-store';

/**
 * The end of the forced change, as the activation guide says: a message
 * that the password change is complete, *OK*, and then the user is logged
 * off to log back on with the new password.
 */
export function PasswordCompleteScreen() {
  const complete = usePasswordStore((s) => s.changeComplete);
  if (!complete) return null;
  return (
    <ActivationCard steps={complete.activation} current="change_password" title="Password change is complete">
      <p role="status">Your password change is complete. You are now logged off: log back on with your new password.</p>
      <div className="dialog-actions">
        <button type="button" className="button primary" autoFocus onClick={() => usePasswordStore.getState().dismissComplete()}>
          OK
        </button>
      </div>
    </ActivationCard>
  );
}
