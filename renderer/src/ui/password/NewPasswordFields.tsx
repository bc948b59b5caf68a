import { useId } from 'react';
import type { PasswordPolicyInfo } from '../../../../common/contract';
import { PasswordChecklist } from './PasswordChecklist';

/** "New password" + "Confirm new password" with the live checklist. */
export function NewPasswordFields(props: {
  policy: PasswordPolicyInfo | null;
  username?: string;
  value: string;
  confirm: string;
  onChange(value: string): void;
  onConfirmChange(value: string): void;
}) {
  const ids = { password: useId(), confirm: useId(), checklist: useId(), mismatch: useId() };
  const mismatch = props.confirm !== '' && props.confirm !== props.value;
  return (
    <>
      <div className="field">
        <label htmlFor={ids.password}>New password</label>
        <input
          id={ids.password}
          type="password"
          autoComplete="new-password"
          value={props.value}
          aria-describedby={ids.checklist}
          onChange={(e) => props.onChange(e.target.value)}
        />
      </div>
      {props.policy ? (
        <PasswordChecklist
          id={ids.checklist}
          password={props.value}
          policy={props.policy}
          {...(props.username ? { username: props.username } : {})}
        />
      ) : (
        <p className="muted" id={ids.checklist}>
          Loading the password rules…
        </p>
      )}
      <div className="field">
        <label htmlFor={ids.confirm}>Confirm new password</label>
        <input
          id={ids.confirm}
          type="password"
          autoComplete="new-password"
          value={props.confirm}
          aria-invalid={mismatch || undefined}
          aria-describedby={mismatch ? ids.mismatch : undefined}
          onChange={(e) => props.onConfirmChange(e.target.value)}
        />
        {mismatch && (
          <span id={ids.mismatch} className="field-error">
            The passwords do not match.
          </span>
        )}
      </div>
    </>
  );
}
