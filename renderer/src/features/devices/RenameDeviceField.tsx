import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { MfaDevice } from '../../../../common/contract';
import { ButtonRow } from '../../ui/form-fields';

/** The portal's limit on a device name (`mfa:rename-device`). */
export const MAX_DEVICE_NAME = 60;

/** Checks a new device name before it goes to the portal; the message to show, or null when fine. */
export function deviceNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'Type a name for this device.';
  if (trimmed.length > MAX_DEVICE_NAME) return `Use at most ${MAX_DEVICE_NAME} characters.`;
  return null;
}

/**
 * Renames one device in place: Enter (or *Save*) saves, Escape (or *Cancel*)
 * cancels. The row's *Rename* button gets focus back either way (the caller
 * does that in `onDone`), and a refusal stays next to the field.
 */
export function RenameDeviceField(props: {
  device: MfaDevice;
  busy: boolean;
  /** Saves; resolves to the message to show, or null when saved. */
  onSave(name: string): Promise<string | null>;
  onDone(): void;
}) {
  const [name, setName] = useState(props.device.name);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const ids = { input: useId(), error: useId() };

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (props.busy) return;
    const problem = deviceNameProblem(name);
    if (problem) {
      setError(problem);
      inputRef.current?.focus();
      return;
    }
    if (name.trim() === props.device.name) {
      props.onDone();
      return;
    }
    const refusal = await props.onSave(name.trim());
    if (refusal) {
      setError(refusal);
      inputRef.current?.focus();
    } else {
      props.onDone();
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      props.onDone();
    }
  };

  return (
    <form className="rename-device" onSubmit={(e) => void save(e)} onKeyDown={onKeyDown} noValidate>
      <label htmlFor={ids.input}>New name for {props.device.name}</label>
      <input
        id={ids.input}
        ref={inputRef}
        type="text"
        value={name}
        maxLength={MAX_DEVICE_NAME + 20}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? ids.error : undefined}
        onChange={(e) => {
          setName(e.target.value);
          setError(null);
        }}
      />
      <ButtonRow small submitLabel="Save" busy={props.busy} onCancel={props.onDone} />
      {error && (
        <span id={ids.error} className="field-error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
