import { useId, useState, type FormEvent } from 'react';
import { PasswordInput } from '../../ui/password/PasswordInput';

/** Password + a current code again, before adding/removing a method or new codes. */
export function StepUpForm({ busy, onSubmit, onCancel }: { busy: boolean; onSubmit(password: string, code: string): void; onCancel(): void }) {
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const codeId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(password, code.trim());
    setPassword('');
    setCode('');
  };
  return (
    <form onSubmit={submit} className="card step-up" aria-label="Confirm it is you" noValidate>
      <h3>Confirm it is you</h3>
      <PasswordInput label="Password" autoComplete="current-password" value={password} onChange={setPassword} />
      <div className="field">
        <label htmlFor={codeId}>Current passcode (app code or backup code)</label>
        <input id={codeId} type="text" autoComplete="one-time-code" maxLength={64} value={code} onChange={(e) => setCode(e.target.value)} />
      </div>
      <div className="button-row">
        <button type="submit" className="button primary" aria-disabled={busy || undefined}>
          Confirm
        </button>
        <button type="button" className="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
