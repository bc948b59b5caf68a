import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { copyText } from '../../ui/copy-text';

/**
 * A temporary password shown ONCE, with *Copy*, the username and a reminder
 * of how to hand it over. *Done* forgets it. Used when a request is approved
 * and when a manager issues a new temporary password.
 */
export function TemporaryPasswordCard(props: {
  title: string;
  username: string;
  password: string;
  reminder: ReactNode;
  onDone(): void;
}) {
  const titleId = useId();
  const passwordId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copyStatus, setCopyStatus] = useState<string | null>(null);

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  const onCopy = async () => {
    const ok = await copyText(props.password, inputRef.current);
    setCopyStatus(ok ? 'Copied to the clipboard.' : 'Could not copy. Select the password and copy it.');
  };

  return (
    <section className="card approved-account" role="dialog" aria-modal="false" aria-labelledby={titleId}>
      <h3 id={titleId}>{props.title}</h3>
      <p>
        Username: <strong data-testid="approved-username">{props.username}</strong>
      </p>
      <div className="field">
        <label htmlFor={passwordId}>Temporary password (shown only once)</label>
        <div className="secret-box">
          <input id={passwordId} ref={inputRef} readOnly value={props.password} spellCheck={false} autoComplete="off" />
          <button type="button" className="button secondary" onClick={() => void onCopy()}>
            Copy
          </button>
        </div>
      </div>
      {copyStatus && <p role="status">{copyStatus}</p>}
      <p className="reminder">{props.reminder}</p>
      <button type="button" className="button" onClick={props.onDone}>
        Done
      </button>
    </section>
  );
}
