import { useEffect, useId, useRef, useState } from 'react';
import type { ApprovedAccount } from '../../../../common/contract';
import { copyText } from './copy-text';

/**
 * Shows a just-created account's temporary password ONCE, with *Copy* and the
 * reminder to send it separately from the username. *Done* forgets it.
 */
export function ApprovedAccountDialog({ account, onDone }: { account: ApprovedAccount; onDone(): void }) {
  const titleId = useId();
  const passwordId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copyStatus, setCopyStatus] = useState<string | null>(null);

  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  const onCopy = async () => {
    const ok = await copyText(account.temporaryPassword, inputRef.current);
    setCopyStatus(ok ? 'Copied to the clipboard.' : 'Could not copy. Select the password and copy it.');
  };

  return (
    <section className="card approved-account" role="dialog" aria-modal="false" aria-labelledby={titleId}>
      <h3 id={titleId}>Account created for {account.request.fullName}</h3>
      <p>
        Username: <strong data-testid="approved-username">{account.username}</strong>
      </p>
      <div className="field">
        <label htmlFor={passwordId}>Temporary password (shown only once)</label>
        <div className="secret-box">
          <input id={passwordId} ref={inputRef} readOnly value={account.temporaryPassword} spellCheck={false} autoComplete="off" />
          <button type="button" className="button secondary" onClick={() => void onCopy()}>
            Copy
          </button>
        </div>
      </div>
      {copyStatus && <p role="status">{copyStatus}</p>}
      <p className="reminder">
        Send the temporary password separately from the username — for example the username by e-mail to {account.request.email}{' '}
        and the password by phone. It will not be shown again; the user must change it at first sign-in.
      </p>
      <button type="button" className="button" onClick={onDone}>
        Done
      </button>
    </section>
  );
}
