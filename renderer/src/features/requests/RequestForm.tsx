import { useId, useState, type FormEvent } from 'react';
import { looksLikeEmail } from '../../ui/request-messages';
import { useRequestsStore } from './use-requests-store';

/** *Request a new user*: full name, e-mail and an optional note for the project manager. */
export function RequestForm() {
  const submit = useRequestsStore((s) => s.submit);
  const submitting = useRequestsStore((s) => s.submitting);
  const submitError = useRequestsStore((s) => s.submitError);
  const submitted = useRequestsStore((s) => s.submitted);
  const [fullName, setFullName] = useState('');
  const [email, setEmail] = useState('');
  const [note, setNote] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const ids = { name: useId(), email: useId(), note: useId(), error: useId() };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!fullName.trim()) return setLocalError('Enter the person’s full name.');
    if (!looksLikeEmail(email)) return setLocalError('Enter a valid e-mail address, like name@example.com.');
    setLocalError(null);
    const ok = await submit({ fullName: fullName.trim(), email: email.trim(), ...(note.trim() ? { note: note.trim() } : {}) });
    if (ok) {
      setFullName('');
      setEmail('');
      setNote('');
    }
  };

  const error = localError ?? submitError;
  return (
    <section className="card requests-form" aria-labelledby={`${ids.name}-title`}>
      <h2 id={`${ids.name}-title`}>Request a new user</h2>
      <p className="muted">The project manager creates the account and sends the person their sign-in details.</p>
      <form onSubmit={(event) => void onSubmit(event)} noValidate aria-describedby={error ? ids.error : undefined}>
        <div className="field">
          <label htmlFor={ids.name}>Full name</label>
          <input id={ids.name} value={fullName} maxLength={100} autoComplete="off" onChange={(e) => setFullName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.email}>E-mail address</label>
          <input id={ids.email} type="email" value={email} maxLength={254} autoComplete="off" onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={ids.note}>Note for the manager (optional)</label>
          <textarea id={ids.note} value={note} maxLength={500} rows={3} onChange={(e) => setNote(e.target.value)} />
        </div>
        {error && (
          <p id={ids.error} className="form-error" role="alert">
            {error}
          </p>
        )}
        {submitted && !error && (
          <p className="form-success" role="status">
            {submitted}
          </p>
        )}
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? 'Sending…' : 'Send request'}
        </button>
      </form>
    </section>
  );
}
