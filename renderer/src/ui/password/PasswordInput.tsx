import { useId, type ReactNode, type Ref } from 'react';

/** Props of {@link PasswordInput}. */
export interface PasswordInputProps {
  /** The visible label ("Password", "Old password", …). */
  label: string;
  value: string;
  onChange(value: string): void;
  /** `current-password` lets password managers fill it; `new-password` lets them suggest one. */
  autoComplete: 'current-password' | 'new-password';
  /** Set by the caller when it wants a stable id (e.g. to focus the field from an error). */
  id?: string;
  inputRef?: Ref<HTMLInputElement>;
  /** Marks the field as wrong for assistive technology. */
  invalid?: boolean;
  /** Help text under the field, announced with it. */
  description?: ReactNode;
  /** An error shown under the field, announced with it (marks the field invalid). */
  error?: ReactNode;
  /** Ids of other elements describing the field (e.g. a form-level error or a checklist). */
  describedBy?: string;
}

/**
 * A labelled password input with its description and error wired through
 * `aria-describedby`, so every password field of the app reads the same to a
 * screen reader. No show/hide toggle: the portal guides don't mention one and
 * a visible password on a shared screen is what these forms avoid.
 */
export function PasswordInput(props: PasswordInputProps) {
  const generated = useId();
  const id = props.id ?? generated;
  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  const describedBy = [props.describedBy, props.description ? descriptionId : null, props.error ? errorId : null]
    .filter((part): part is string => Boolean(part))
    .join(' ');
  const invalid = props.invalid === true || Boolean(props.error);
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        ref={props.inputRef}
        type="password"
        autoComplete={props.autoComplete}
        value={props.value}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy || undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.description && (
        <span id={descriptionId} className="muted small">
          {props.description}
        </span>
      )}
      {props.error && (
        <span id={errorId} className="field-error" role="alert">
          {props.error}
        </span>
      )}
    </div>
  );
}
