import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'ref'>;

export interface TextFieldProps extends InputProps {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  inputRef?: Ref<HTMLInputElement>;
  /** Shown under the input, inside the field (hints, inline errors). */
  children?: ReactNode;
}

/**
 * One labelled text input in the forms' `field` layout: the label is tied to
 * the input by id (a given `id`, or a generated one), so screen readers and
 * `getByLabel` find it the same way on every screen.
 */
export function TextField({ label, value, onChange, inputRef, children, id, ...input }: TextFieldProps) {
  const ownId = useId();
  const inputId = id ?? ownId;
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <input id={inputId} ref={inputRef} value={value} onChange={(e) => onChange(e.target.value)} {...input} />
      {children}
    </div>
  );
}

export interface SubmitButtonProps {
  children: ReactNode;
  /** A request is running: the spinner shows and the button refuses. */
  busy?: boolean;
  /** The form is not ready: the button refuses without a spinner. */
  disabled?: boolean;
  className?: string;
}

/**
 * The forms' submit button. It stays focusable when it refuses
 * (`aria-disabled` rather than `disabled`), so the keyboard never loses its
 * place while a request runs.
 */
export function SubmitButton({ children, busy = false, disabled = false, className = 'button primary' }: SubmitButtonProps) {
  return (
    <button type="submit" className={className} aria-disabled={busy || disabled || undefined}>
      {busy && <span className="spinner" aria-hidden="true" />}
      {children}
    </button>
  );
}

/** The passcode inputs (authenticator code or backup code): plain text, no spell check, the OS may offer a one-time code. */
export const PASSCODE_INPUT = {
  type: 'text',
  inputMode: 'text',
  autoComplete: 'one-time-code',
  spellCheck: false,
} as const satisfies InputProps;

export interface FormButtonsProps {
  submitLabel: ReactNode;
  onCancel(): void;
  cancelLabel?: ReactNode;
  busy?: boolean;
  disabled?: boolean;
  submitClassName?: string;
}

/** A dialog's or a card's footer: *Cancel* (or `cancelLabel`) first, then the submit button. */
export function DialogActions({ submitLabel, onCancel, cancelLabel = 'Cancel', submitClassName, ...state }: FormButtonsProps) {
  return (
    <div className="dialog-actions">
      <button type="button" className="button secondary" onClick={onCancel}>
        {cancelLabel}
      </button>
      <SubmitButton {...state} {...(submitClassName ? { className: submitClassName } : {})}>
        {submitLabel}
      </SubmitButton>
    </div>
  );
}

/**
 * An inline form's buttons: the submit button first, then *Cancel* (or
 * `cancelLabel`). `small` is the compact variant inside a row of text; a busy
 * form only refuses, and shows the spinner when `spinner` is set.
 */
export function ButtonRow(props: FormButtonsProps & { small?: boolean; spinner?: boolean }) {
  const { busy = false, disabled = false, small = false, spinner = false } = props;
  const size = small ? ' small' : '';
  const Row = small ? 'span' : 'div';
  return (
    <Row className="button-row">
      <SubmitButton busy={spinner && busy} disabled={disabled || busy} className={`button primary${size}`}>
        {props.submitLabel}
      </SubmitButton>
      <button type="button" className={`button secondary${size}`} onClick={props.onCancel}>
        {props.cancelLabel ?? 'Cancel'}
      </button>
    </Row>
  );
}
