import { useId, useRef, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ChoiceForm } from '../../ui/ChoiceForm';
import { fieldError, useFocusOnError } from '../../ui/form-errors';
import { useActivationStore } from './use-activation-store';

const DEVICES = [
  { value: 'mobile', label: 'Mobile phone', hint: 'Recommended' },
  { value: 'tablet', label: 'Tablet', hint: 'iPad, Nexus 7, etc.' },
  { value: 'authenticator', label: 'Authenticator app', hint: 'Any app that shows 6-digit codes' },
] as const;

const PHONE_TYPES = [
  { value: 'iphone', label: 'iPhone' },
  { value: 'android', label: 'Android' },
  { value: 'other', label: 'Other (and cell phones)' },
] as const;

/** "What type of device are you adding?" */
export function DeviceStep() {
  const kind = useActivationStore((s) => s.kind);
  return (
    <ChoiceForm
      legend="What type of device are you adding?"
      choices={DEVICES}
      value={kind}
      onChange={(value) => useActivationStore.getState().set({ kind: value })}
      onContinue={() => useActivationStore.getState().set({ phase: kind === 'mobile' ? 'phone' : 'install', error: null })}
    />
  );
}

/**
 * Phone number with country code, and "this number is correct". A problem is
 * said next to its field (announced), which takes the focus, and goes as soon
 * as that field changes.
 */
export function PhoneStep() {
  const { phoneNumber, phoneConfirmed, error } = useActivationStore(useShallow((s) => ({ phoneNumber: s.phoneNumber, phoneConfirmed: s.phoneConfirmed, error: s.error })));
  const ids = { number: useId(), check: useId(), hint: useId(), numberError: useId(), checkError: useId() };
  const numberRef = useRef<HTMLInputElement>(null);
  const checkRef = useRef<HTMLInputElement>(null);
  const numberError = fieldError(error, 'phoneNumber');
  const checkError = fieldError(error, 'phoneConfirmed');
  useFocusOnError(numberError, numberRef);
  useFocusOnError(checkError, checkRef);
  const valid = /^\+[1-9][0-9 ()-]{5,23}$/.test(phoneNumber.trim());
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const store = useActivationStore.getState();
    if (!valid) {
      store.set({ error: { code: 'invalid_request', message: 'Enter the number with its country code, starting with +, e.g. +1 602 555 0100.', details: { field: 'phoneNumber' } } });
      return;
    }
    if (!phoneConfirmed) {
      store.set({ error: { code: 'invalid_request', message: 'Check the box to confirm the number is correct.', details: { field: 'phoneConfirmed' } } });
      return;
    }
    store.set({ phase: 'phone-type', error: null });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor={ids.number}>Phone number (with country code)</label>
        <input
          id={ids.number}
          ref={numberRef}
          type="tel"
          autoComplete="tel"
          placeholder="+1 602 555 0100"
          value={phoneNumber}
          aria-describedby={numberError ? `${ids.numberError} ${ids.hint}` : ids.hint}
          aria-invalid={numberError ? true : undefined}
          onChange={(e) => useActivationStore.getState().set({ phoneNumber: e.target.value, phoneConfirmed: false, error: null })}
        />
        <p id={ids.numberError} role="alert" className={numberError ? 'field-error' : 'visually-empty'}>
          {numberError?.message}
        </p>
        <p id={ids.hint} className="muted small">
          Start with + and the country code.
        </p>
      </div>
      <div className="checkbox-field">
        <input
          id={ids.check}
          ref={checkRef}
          type="checkbox"
          checked={phoneConfirmed}
          disabled={!valid}
          aria-invalid={checkError ? true : undefined}
          aria-describedby={checkError ? ids.checkError : undefined}
          onChange={(e) => useActivationStore.getState().set({ phoneConfirmed: e.target.checked, error: null })}
        />
        <label htmlFor={ids.check}>{valid ? `${phoneNumber.trim()} is the correct number` : 'This is the correct number'}</label>
      </div>
      <p id={ids.checkError} role="alert" className={checkError ? 'field-error' : 'visually-empty'}>
        {checkError?.message}
      </p>
      <div className="dialog-actions">
        <button type="submit" className="button primary">
          Continue
        </button>
      </div>
    </form>
  );
}

/** "What type of phone is it?" */
export function PhoneTypeStep() {
  const phoneType = useActivationStore((s) => s.phoneType);
  return (
    <ChoiceForm
      legend="What type of phone is it?"
      choices={PHONE_TYPES}
      value={phoneType}
      onChange={(value) => useActivationStore.getState().set({ phoneType: value })}
      onContinue={() => useActivationStore.getState().set({ phase: 'install', error: null })}
    />
  );
}

/** "Install the authenticator app", then *I have the app installed*. */
export function InstallStep() {
  const { kind, phoneType, busy } = useActivationStore(useShallow((s) => ({ kind: s.kind, phoneType: s.phoneType, busy: s.busy })));
  const store = useActivationStore.getState();
  const where = kind === 'mobile' && phoneType === 'iphone' ? 'the App Store' : kind === 'mobile' && phoneType === 'android' ? 'Google Play' : 'your device’s app store';
  return (
    <div>
      <h2>Install an authenticator app</h2>
      <ol className="steps">
        <li>Open {where} on your device.</li>
        <li>Search for an authenticator app that shows 6-digit codes (TOTP), and install it.</li>
        <li>Come back here when it is installed.</li>
      </ol>
      <div className="dialog-actions">
        <button type="button" className="button primary" aria-disabled={busy || undefined} onClick={() => void store.startEnrollment()}>
          {busy && <span className="spinner" aria-hidden="true" />}I have the app installed
        </button>
      </div>
    </div>
  );
}
