import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { EnrollmentInfo, NewDeviceRequest } from '../../../../common/contract';
import { ButtonRow } from '../../ui/form-fields';
import { groupKey } from '../../ui/mfa/group-key';
import { phoneNumberProblem } from '../../ui/form-errors';

/**
 * Adding another device from the devices page: pick it, scan, confirm with a
 * code. A wrong code is said next to the code field (announced), which takes
 * the focus with the code still in it, selected, so it can be retyped at once;
 * the error goes when the code changes. A phone number without its country
 * code is said the same way next to *Phone number*.
 */
export function AddDevicePanel(props: {
  enrollment: EnrollmentInfo | null;
  busy: boolean;
  onStart(device: NewDeviceRequest): void;
  onConfirm(code: string): void;
  onCancel(): void;
  /** The portal refused the code (plain words), or null. */
  codeError: string | null;
  onCodeChange(): void;
}) {
  const [kind, setKind] = useState<NewDeviceRequest['kind']>('authenticator');
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [phoneError, setPhoneError] = useState<string | null>(null);
  const ids = { kind: useId(), phone: useId(), phoneError: useId(), code: useId(), codeError: useId() };
  const codeRef = useRef<HTMLInputElement>(null);
  const phoneRef = useRef<HTMLInputElement>(null);
  // A refused number: the field takes the focus (after the render that shows why).
  useEffect(() => {
    if (phoneError) phoneRef.current?.focus();
  }, [phoneError]);
  useEffect(() => {
    if (!props.codeError) return;
    codeRef.current?.focus();
    codeRef.current?.select();
  }, [props.codeError]);
  const start = (event: FormEvent) => {
    event.preventDefault();
    if (kind === 'mobile') {
      const problem = phoneNumberProblem(phone);
      setPhoneError(problem);
      if (problem) {
        phoneRef.current?.focus();
        return;
      }
    }
    props.onStart(kind === 'mobile' ? { kind, phoneNumber: phone.trim(), phoneType: 'other' } : { kind });
  };
  const confirm = (event: FormEvent) => {
    event.preventDefault();
    props.onConfirm(code.trim());
  };
  if (!props.enrollment) {
    return (
      <form onSubmit={start} className="card" aria-label="Add another device">
        <div className="field">
          <label htmlFor={ids.kind}>Device</label>
          <select id={ids.kind} value={kind} onChange={(e) => setKind(e.target.value as NewDeviceRequest['kind'])}>
            <option value="authenticator">Authenticator app</option>
            <option value="mobile">Mobile phone</option>
            <option value="tablet">Tablet</option>
          </select>
        </div>
        {kind === 'mobile' && (
          <div className="field">
            <label htmlFor={ids.phone}>Phone number (with country code)</label>
            <input
              id={ids.phone}
              ref={phoneRef}
              type="tel"
              autoComplete="tel"
              value={phone}
              aria-invalid={phoneError ? true : undefined}
              aria-describedby={phoneError ? ids.phoneError : undefined}
              onChange={(e) => {
                setPhoneError(null);
                setPhone(e.target.value);
              }}
            />
            <p id={ids.phoneError} role="alert" className={phoneError ? 'field-error' : 'visually-empty'}>
              {phoneError}
            </p>
          </div>
        )}
        <ButtonRow submitLabel="Continue" busy={props.busy} onCancel={props.onCancel} />
      </form>
    );
  }
  return (
    <form onSubmit={confirm} className="card" aria-label="Scan and confirm">
      <img className="qr" src={props.enrollment.qrDataUrl} width={200} height={200} alt="QR code for your authenticator app" />
      <p className="key-text">
        Key: <code>{groupKey(props.enrollment.secret)}</code>
      </p>
      <p className="muted small">
        Phone link for pushes: <span className="bind-url">{props.enrollment.bindUrl}</span>
      </p>
      <div className="field">
        <label htmlFor={ids.code}>6-digit code from the app</label>
        <input
          id={ids.code}
          ref={codeRef}
          type="text"
          inputMode="numeric"
          maxLength={7}
          value={code}
          aria-invalid={props.codeError ? true : undefined}
          aria-describedby={props.codeError ? ids.codeError : undefined}
          onChange={(e) => {
            if (props.codeError) props.onCodeChange();
            setCode(e.target.value);
          }}
        />
        <p id={ids.codeError} role="alert" className={props.codeError ? 'field-error' : 'visually-empty'}>
          {props.codeError}
        </p>
      </div>
      <ButtonRow submitLabel="Verify" busy={props.busy} onCancel={props.onCancel} />
    </form>
  );
}
