import { useId, type Ref } from 'react';
import type { PasswordPolicyInfo } from '../../../../common/contract';
import { TextField } from '../form-fields';
import { PasswordChecklist } from './PasswordChecklist';

/** "New password" + "Confirm new password" with the live checklist. */
export function NewPasswordFields(props: {
  policy: PasswordPolicyInfo | null;
  username?: string;
  value: string;
  confirm: string;
  onChange(value: string): void;
  onConfirmChange(value: string): void;
  /** The portal refused the new password: shown under it, announced. */
  error?: string | null;
  /** The *New password* input (to move the focus to it when the portal refuses it). */
  inputRef?: Ref<HTMLInputElement>;
}) {
  const ids = { checklist: useId(), mismatch: useId(), error: useId() };
  const mismatch = props.confirm !== '' && props.confirm !== props.value;
  return (
    <>
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        value={props.value}
        {...(props.inputRef ? { inputRef: props.inputRef } : {})}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${ids.error} ${ids.checklist}` : ids.checklist}
        onChange={props.onChange}
      >
        {props.error !== undefined && (
          <span id={ids.error} role="alert" className={props.error ? 'field-error' : 'visually-empty'}>
            {props.error}
          </span>
        )}
      </TextField>
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
      <TextField
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        value={props.confirm}
        aria-invalid={mismatch || undefined}
        aria-describedby={mismatch ? ids.mismatch : undefined}
        onChange={props.onConfirmChange}
      >
        {mismatch && (
          <span id={ids.mismatch} className="field-error">
            The passwords do not match.
          </span>
        )}
      </TextField>
    </>
  );
}
