import { useId, useState, type FormEvent } from 'react';
import type { EnrollmentInfo, NewDeviceRequest } from '../../../../common/contract';
import { ButtonRow } from '../../ui/form-fields';
import { groupKey } from '../../ui/mfa/group-key';

/** Adding another device from the devices page: pick it, scan, confirm with a code. */
export function AddDevicePanel(props: { enrollment: EnrollmentInfo | null; busy: boolean; onStart(device: NewDeviceRequest): void; onConfirm(code: string): void; onCancel(): void }) {
  const [kind, setKind] = useState<NewDeviceRequest['kind']>('authenticator');
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const ids = { kind: useId(), phone: useId(), code: useId() };
  const start = (event: FormEvent) => {
    event.preventDefault();
    props.onStart(kind === 'mobile' ? { kind, phoneNumber: phone.trim(), phoneType: 'other' } : { kind });
  };
  const confirm = (event: FormEvent) => {
    event.preventDefault();
    props.onConfirm(code.trim());
    setCode('');
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
            <input id={ids.phone} type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
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
        <input id={ids.code} type="text" inputMode="numeric" maxLength={7} value={code} onChange={(e) => setCode(e.target.value)} />
      </div>
      <ButtonRow submitLabel="Verify" busy={props.busy} onCancel={props.onCancel} />
    </form>
  );
}
